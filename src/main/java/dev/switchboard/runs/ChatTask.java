package dev.switchboard.runs;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentChoice;
import dev.switchboard.agent.Conversation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runs feature's {@code chat} task: {@code {"message":"…"}} goes to the agent; the reply is
 * streamed as {@code output} events ({@code {"delta":"…"}}, word by word) and is the run's result.
 * {@code session} (optional) keeps a conversation across runs of the same principal.
 */
@ApplicationScoped
public class ChatTask implements RunTask {
    private static final Pattern WORD = Pattern.compile("\\S+\\s*|\\s+");

    @Inject
    AgentChoice choice;

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public RunJob prepare(JsonObject input) throws InvalidRunInput {
        if (!(input.get("message") instanceof JsonString message) || message.getString().isBlank()) {
            throw new InvalidRunInput("input.message must be a non-empty string");
        }
        String session = input.get("session") instanceof JsonString s ? s.getString() : "run:" + UUID.randomUUID();
        return context -> {
            String reply;
            try {
                reply = choice.agent().reply(new Conversation(context.principal(), session), message.getString());
            } catch (Agent.AgentException e) {
                throw new RunFailure("agent_error", e.getMessage());
            }
            Matcher words = WORD.matcher(reply);
            while (words.find()) {
                context.output(Map.of("delta", words.group()));
            }
            return reply;
        };
    }
}
