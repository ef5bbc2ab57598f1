package dev.switchboard.neuro.decide;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentChoice;
import dev.switchboard.agent.Conversation;
import dev.switchboard.concurrent.Workers;
import dev.switchboard.neuro.diagnostics.DiagnosticCode;
import dev.switchboard.neuro.game.Action;
import dev.switchboard.neuro.game.GameSession;
import dev.switchboard.neuro.schema.ActionSchemas;
import dev.switchboard.websocket.JsonSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks the bus feature's agent (Pickle or the LLM) to choose, from the state, query, context and
 * schemas. An answer that is not {@code {"action": name, "data": {...}}} with valid data falls back to
 * {@link RandomDecider}, with a warning.
 */
@ApplicationScoped
public class AgentDecider implements Decider {
    public static final String NAME = "agent";

    @Inject
    AgentChoice agents;

    @Inject
    RandomDecider fallback;

    @Inject
    Workers workers;

    /** Forces the agent decides at once (each holds a worker thread while the agent thinks); more go to random. */
    @Inject
    @ConfigProperty(name = "switchboard.neuro.agent-max-concurrent", defaultValue = "16")
    int maxConcurrent;

    private final AtomicInteger deciding = new AtomicInteger();

    /** The choice read from an agent's answer. */
    record Choice(String action, JsonValue data) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void decide(GameSession session, GameSession.PendingForce force) {
        if (deciding.incrementAndGet() > maxConcurrent) {
            deciding.decrementAndGet();
            session.warn(DiagnosticCode.DECIDER_PROBLEM, "the agent is deciding " + maxConcurrent
                    + " forces already: choosing at random");
            fallback.chooseNow(session, force);
            return;
        }
        try {
            workers.executor().submit(() -> {
                try {
                    decideNow(session, force);
                } catch (RuntimeException e) {
                    session.warn(DiagnosticCode.DECIDER_PROBLEM, "the agent decider failed (" + e + "): choosing at random");
                    fallback.chooseNow(session, force);
                } finally {
                    deciding.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            // Every worker is busy (the pool has no queue) or the server is shutting down: the force must still end.
            deciding.decrementAndGet();
            session.warn(DiagnosticCode.DECIDER_PROBLEM, "no worker is free for the agent (the server is busy or "
                    + "shutting down): choosing at random");
            fallback.chooseNow(session, force);
        }
    }

    void decideNow(GameSession session, GameSession.PendingForce force) {
        Agent agent = agents.agent();
        String answer;
        try {
            answer = agent.reply(new Conversation(null, "neuro:" + session.connectionId() + ":" + session.game()),
                    prompt(session, force));
        } catch (Agent.AgentException e) {
            session.warn(DiagnosticCode.DECIDER_PROBLEM, "agent decider failed (" + e.getMessage() + "): choosing at random");
            fallback.chooseNow(session, force);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Choice choice = read(answer);
        GameSession.PendingForce current = session.choosing(force);
        if (current == null) {
            return;
        }
        String problem = problem(session, current, choice);
        if (problem != null) {
            session.diagnose(List.of(DiagnosticCode.DECIDER_PROBLEM), "agent answer not usable (" + problem + "): choosing at random", answer);
            fallback.chooseNow(session, force);
            return;
        }
        Action action = session.action(choice.action());
        session.choose(current, choice.action(),
                action == null || action.schema() == null ? null : GameSession.dataText(choice.data()));
    }

    static String prompt(GameSession session, GameSession.PendingForce force) {
        StringBuilder prompt = new StringBuilder()
                .append("You are Neuro, playing the game \"").append(session.game()).append("\".\n")
                .append("Choose exactly one action. Answer with JSON only: {\"action\": \"<name>\", \"data\": {…}}")
                .append(" where data matches the action's schema (leave data out for actions without one).\n");
        if (force.request().state() != null) {
            prompt.append("State: ").append(force.request().state()).append('\n');
        }
        prompt.append("Query: ").append(force.request().query()).append('\n');
        List<GameSession.ContextEntry> context = session.contextLog();
        if (!context.isEmpty()) {
            prompt.append("Recent context:\n");
            context.subList(Math.max(0, context.size() - 10), context.size())
                    .forEach(c -> prompt.append("- ").append(c.message()).append('\n'));
        }
        prompt.append("Actions:\n");
        for (String name : force.actionNames()) {
            Action action = session.action(name);
            if (action != null) {
                prompt.append("- ").append(name).append(": ").append(action.description())
                        .append(action.schema() == null ? " (no data)" : " schema: " + action.schema()).append('\n');
            }
        }
        return prompt.toString();
    }

    /** The JSON object in an answer (models like to wrap it in prose or code fences). */
    static Choice read(String answer) {
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end < start) {
            return null;
        }
        try {
            JsonValue value = JsonSupport.readTree(answer.substring(start, end + 1));
            if (value instanceof JsonObject object && object.get("action") instanceof JsonString action) {
                JsonValue data = object.get("data");
                return new Choice(action.getString(), data == null || data == JsonValue.NULL ? null : data);
            }
        } catch (JsonException e) {
            return null;
        }
        return null;
    }

    private static String problem(GameSession session, GameSession.PendingForce force, Choice choice) {
        if (choice == null) {
            return "no {\"action\": …} JSON object";
        }
        if (!force.actionNames().contains(choice.action())) {
            return "'" + choice.action() + "' is not one of " + force.actionNames();
        }
        Action action = session.action(choice.action());
        if (action == null) {
            return "'" + choice.action() + "' is no longer registered";
        }
        JsonValue data = action.schema() == null && choice.data() != null
                && choice.data().getValueType() == JsonValue.ValueType.OBJECT && choice.data().asJsonObject().isEmpty()
                ? null : choice.data();
        List<String> problems = ActionSchemas.validate(action.schema(), data);
        return problems.isEmpty() ? null : "data does not validate: " + problems.get(0);
    }
}
