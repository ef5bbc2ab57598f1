package dev.switchboard.config;

import dev.switchboard.config.SettingRule.AtLeast;
import dev.switchboard.config.SettingRule.OneOf;
import dev.switchboard.config.SettingRule.Range;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks every numeric and enumerated {@code switchboard.*} setting before the application starts: a
 * value out of its range would otherwise fail quietly (an outbox of capacity 1 never has room for a bus
 * event). A bad value stops the deployment with one message naming each bad property, its value and what
 * is allowed: a CDI deployment problem, so the server reports the deployment as failed. Settings with their
 * own parser check themselves when they are read (the allowed origins, the deciders by priority, the JWT key).
 */
public class Settings implements Extension {
    private static final long MAX_INT = Integer.MAX_VALUE;
    private static final long NEVER = Long.MAX_VALUE;

    static final List<SettingRule> RULES = List.of(
            new Range("switchboard.calls.max-in-flight", 1, MAX_INT, ""),
            new Range("switchboard.calls.max-in-flight-total", 1, MAX_INT, ""),
            new Range("switchboard.calls.max-batch", 1, MAX_INT, ""),
            new Range("switchboard.calls.max-digits", 1, 100_000, ""),
            new Range("switchboard.calls.max-message-bytes", 64, 64L << 20, "bytes"),
            new Range("switchboard.calls.idle-timeout-ms", 0, NEVER, "0 = never"),
            new Range("switchboard.websocket.idle-timeout-ms", 0, NEVER, "0 = never"),
            new Range("switchboard.websocket.ping-interval-ms", 0, NEVER, "0 = no pings"),
            new Range("switchboard.websocket.idle-sweep-ms", 10, NEVER, "milliseconds"),
            new AtLeast("switchboard.websocket.messages-per-second", 0, "0 = no limit"),
            new Range("switchboard.websocket.message-burst", 1, MAX_INT, ""),
            new Range("switchboard.websocket.rate-limit-close-after", 1, MAX_INT, ""),
            new OneOf("switchboard.websocket.tyrus-idle-timer-workaround", List.of("true", "false")),
            new Range("switchboard.workers.max-threads", 2, 100_000, ""),
            new Range("switchboard.workers.timer-threads", 1, 1_000, ""),
            new Range("switchboard.outbox.capacity", 2, MAX_INT, "a bus event needs room for half of it"),
            new Range("switchboard.outbox.max-chars", 1024, NEVER, "characters"),
            new Range("switchboard.outbox.send-timeout-ms", 1, NEVER, "milliseconds"),
            new Range("switchboard.runs.max-per-connection", 1, MAX_INT, ""),
            new Range("switchboard.runs.max-live", 1, MAX_INT, ""),
            new Range("switchboard.runs.max-run-time-ms", 1, NEVER, "milliseconds"),
            new Range("switchboard.runs.max-events", 1, MAX_INT, ""),
            new Range("switchboard.runs.disconnect-grace-ms", 0, NEVER, "milliseconds"),
            new Range("switchboard.runs.retention-ms", 0, NEVER, "milliseconds"),
            new Range("switchboard.runs.max-finished", 0, MAX_INT, ""),
            new Range("switchboard.runs.max-finished-bytes", 0, NEVER, "bytes"),
            new Range("switchboard.runs.max-replays", 1, MAX_INT, ""),
            new Range("switchboard.runs.cluster.cancel-timeout-ms", 1, NEVER, "milliseconds"),
            new Range("switchboard.runs.max-message-bytes", 64, 64L << 20, "bytes"),
            new OneOf("switchboard.cluster.enabled", List.of("true", "false")),
            new Range("switchboard.cluster.min-members", 1, 1_000, ""),
            new OneOf("switchboard.bus.enabled", List.of("true", "false")),
            new Range("switchboard.bus.history", 0, MAX_INT, ""),
            new Range("switchboard.bus.history-bytes", 0, NEVER, "bytes"),
            new Range("switchboard.bus.fan-out-lanes", 0, 1_000, "0 = one per processor"),
            new Range("switchboard.bus.max-message-bytes", 64, 64L << 20, "bytes"),
            new Range("switchboard.bus.chat-burst", 1, MAX_INT, ""),
            new AtLeast("switchboard.bus.chat-per-second", 0.001, ""),
            new OneOf("switchboard.agent.provider", List.of("pickle", "openai")),
            new Range("switchboard.agent.timeout-ms", 1, NEVER, "milliseconds"),
            new Range("switchboard.agent.history-messages", 0, MAX_INT, ""),
            new Range("switchboard.agent.max-sessions", 1, MAX_INT, ""),
            new Range("switchboard.agent.max-retries", 0, 100, ""),
            new Range("switchboard.agent.max-concurrent", 1, MAX_INT, ""),
            new Range("switchboard.agent.retry-backoff-ms", 0, NEVER, "milliseconds"),
            new OneOf("switchboard.neuro.decider", List.of("random", "operator", "agent")),
            new Range("switchboard.neuro.max-retries", 0, 100, ""),
            new Range("switchboard.neuro.result-timeout-ms", 1, NEVER, "milliseconds"),
            new Range("switchboard.neuro.cluster.reply-timeout-ms", 1, NEVER, "milliseconds"),
            new Range("switchboard.neuro.random-delay-ms", 0, NEVER, "milliseconds"),
            new OneOf("switchboard.neuro.character", List.of("neuro", "evil")),
            new Range("switchboard.neuro.agent-max-concurrent", 1, MAX_INT, ""),
            new Range("switchboard.neuro.max-message-bytes", 64, 64L << 20, "bytes"),
            new Range("switchboard.neuro.console-max-message-bytes", 64, 64L << 20, "bytes"),
            new Range("switchboard.neuro.console-update-ms", 1, NEVER, "milliseconds"),
            new Range("switchboard.connections.max-per-address", 0, MAX_INT, "0 = no limit"),
            new Range("switchboard.connections.max-total", 0, MAX_INT, "0 = no limit"),
            new Range("switchboard.mcp.page-size", 1, MAX_INT, "tools per page"),
            new Range("switchboard.mcp.max-calls", 1, MAX_INT, ""),
            new Range("switchboard.mcp.session-sweep-ms", 1000, NEVER, "milliseconds"));

    /** After the beans are validated and before any is made: no feature starts with a bad value. */
    void check(@Observes AfterDeploymentValidation deployment) {
        List<String> problems = problems(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class));
        if (!problems.isEmpty()) {
            deployment.addDeploymentProblem(new IllegalArgumentException(
                    "Switchboard cannot start, bad settings: " + String.join("; ", problems)));
        }
    }

    /** One line per bad setting: its name, its value and what is allowed. */
    static List<String> problems(Function<String, Optional<String>> configured) {
        List<String> problems = new ArrayList<>();
        for (SettingRule rule : RULES) {
            configured.apply(rule.name()).ifPresent(value -> rule.problem(value).ifPresent(
                    problem -> problems.add(rule.name() + "=" + value + ": " + problem)));
        }
        return problems;
    }
}
