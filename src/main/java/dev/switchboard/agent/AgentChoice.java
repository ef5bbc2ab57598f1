package dev.switchboard.agent;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/** The agent chosen by configuration: Pickle (default) or an OpenAI-compatible model. */
@ApplicationScoped
public class AgentChoice {
    private static final Logger LOG = Logger.getLogger(AgentChoice.class.getName());

    @Inject
    @ConfigProperty(name = "switchboard.agent.provider", defaultValue = "pickle")
    String provider;

    @Inject
    @ConfigProperty(name = "switchboard.agent.base-url", defaultValue = "http://localhost:11434/v1")
    String baseUrl;

    @Inject
    @ConfigProperty(name = "switchboard.agent.api-key")
    Optional<String> apiKey;

    @Inject
    @ConfigProperty(name = "switchboard.agent.model", defaultValue = "llama3.2")
    String model;

    @Inject
    @ConfigProperty(name = "switchboard.agent.system-prompt",
            defaultValue = "You are Pickle, a friendly cat assistant inside Switchboard. Answer briefly.")
    String systemPrompt;

    @Inject
    @ConfigProperty(name = "switchboard.agent.timeout-ms", defaultValue = "30000")
    long timeoutMillis;

    @Inject
    @ConfigProperty(name = "switchboard.agent.history-messages", defaultValue = "20")
    int historyMessages;

    @Inject
    @ConfigProperty(name = "switchboard.agent.max-sessions", defaultValue = "1000")
    int maxSessions;

    @Inject
    Pickle pickle;

    private Agent agent;

    @PostConstruct
    void choose() {
        if ("openai".equalsIgnoreCase(provider)) {
            agent = new OpenAiAgent(baseUrl, apiKey.orElse(null), model, systemPrompt,
                    Duration.ofMillis(timeoutMillis), historyMessages, maxSessions);
            LOG.info(() -> "Agent: OpenAI-compatible model " + model + " at " + baseUrl
                    + (apiKey.isPresent() ? " (with API key)" : " (no API key)"));
        } else {
            if (!"pickle".equalsIgnoreCase(provider)) {
                LOG.warning(() -> "Unknown switchboard.agent.provider '" + provider + "', using pickle");
            }
            agent = pickle;
        }
    }

    public Agent agent() {
        return agent;
    }
}
