package dev.switchboard.agent;

import dev.switchboard.websocket.JsonSupport;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAI-compatible backend against a local stub of the chat-completions API. */
class OpenAiAgentTest {
    private final ChatStub stub = new ChatStub();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

    OpenAiAgentTest() throws Exception {
    }

    @AfterEach
    void stop() {
        stub.close();
        executor.shutdownNow();
    }

    private OpenAiAgent agent(Duration timeout, int history) {
        return new OpenAiAgent(stub.baseUrl(), "sk-test", "test-model", "You are a cat.", timeout, history, 10);
    }

    @Test
    void answersAndKeepsABoundedHistoryPerSession() throws Exception {
        stub.answer("Meow one").answer("Meow two").answer("Meow three");
        OpenAiAgent agent = agent(Duration.ofSeconds(5), 2);
        assertEquals("Meow one", agent.reply(new Conversation(null, "s1"), "first"));
        assertEquals("Meow two", agent.reply(new Conversation(null, "s1"), "second"));
        assertEquals("Meow three", agent.reply(new Conversation(null, "s2"), "other"));
        assertEquals("agent:test-model", agent.source());

        JsonObject second = JsonSupport.readTree(stub.bodies.get(1)).asJsonObject();
        assertEquals("test-model", second.getString("model"));
        assertEquals(List.of("system:You are a cat.", "user:first", "assistant:Meow one", "user:second"),
                second.getJsonArray("messages").stream().map(m -> m.asJsonObject().getString("role") + ":"
                        + m.asJsonObject().getString("content")).toList());
        JsonObject third = JsonSupport.readTree(stub.bodies.get(2)).asJsonObject();
        assertEquals(2, third.getJsonArray("messages").size(), "another session starts with its own history");
        assertEquals("Bearer sk-test", stub.authorizations.get(0));
    }

    @Test
    void twoPrincipalsNamingTheSameSessionHaveTwoConversations() throws Exception {
        stub.answer("Noted").answer("Hello bob");
        OpenAiAgent agent = agent(Duration.ofSeconds(5), 10);
        agent.reply(new Conversation("jwt:alice", "shared"), "my secret is 42");
        agent.reply(new Conversation("jwt:bob", "shared"), "what did I say?");

        JsonObject bobs = JsonSupport.readTree(stub.bodies.get(1)).asJsonObject();
        assertEquals(List.of("system:You are a cat.", "user:what did I say?"),
                bobs.getJsonArray("messages").stream().map(m -> m.asJsonObject().getString("role") + ":"
                        + m.asJsonObject().getString("content")).toList(), "nothing of alice's conversation");
    }

    @Test
    void aSlowModelTimesOutAsARetryableFailure() {
        stub.hang();
        Agent.AgentException e = assertThrows(Agent.AgentException.class,
                () -> agent(Duration.ofMillis(300), 10).reply(new Conversation(null, "s"), "hello"));
        assertTrue(e.retryable());
        assertEquals("The model did not answer within 300 ms", e.getMessage());
    }

    @Test
    void clientErrorsAreNotRetried() {
        stub.fail(401);
        Agent.AgentException e = assertThrows(Agent.AgentException.class,
                () -> agent(Duration.ofSeconds(5), 10).reply(new Conversation(null, "s"), "hello"));
        assertFalse(e.retryable());
        assertEquals("The model answered HTTP 401: stub says no", e.getMessage());
    }
}
