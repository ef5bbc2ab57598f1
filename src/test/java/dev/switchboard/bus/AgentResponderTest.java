package dev.switchboard.bus;

import dev.switchboard.concurrent.Workers;
import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentChoice;
import dev.switchboard.agent.ChatStub;
import dev.switchboard.agent.OpenAiAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bus's agent responder retrying an OpenAI-compatible backend (a local stub of the chat-completions API). */
class AgentResponderTest {
    private final ChatStub stub = new ChatStub();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

    AgentResponderTest() throws Exception {
    }

    @AfterEach
    void stop() {
        stub.close();
        executor.shutdownNow();
    }

    @Test
    void http500ThenSuccessIsRetriedWithRetryCountPlusOne() throws Exception {
        stub.fail(500).answer("Purr after retry");
        TestBus bus = responderBus(2);
        bus.publishChat("s1", "hello");
        List<BusEvent> events = bus.awaitEvents(3);
        BusEvent.InboundEvent first = (BusEvent.InboundEvent) events.get(0);
        BusEvent.InboundEvent retry = (BusEvent.InboundEvent) events.get(1);
        BusEvent.OutboundEvent answer = (BusEvent.OutboundEvent) events.get(2);
        assertEquals(0, first.retryCount());
        assertEquals(1, retry.retryCount());
        assertEquals("hello", retry.content());
        assertEquals("Purr after retry", answer.content());
        assertEquals(null, answer.error());
        assertEquals("s1", answer.sessionId());
        assertEquals(List.of(0L, 1L, 2L), events.stream().map(BusEvent::offset).toList());
    }

    @Test
    void finalFailurePublishesAnOutboundEventWithTheError() throws Exception {
        stub.fail(503).fail(503).fail(503);
        TestBus bus = responderBus(2);
        bus.publishChat("s1", "hello");
        List<BusEvent> events = bus.awaitEvents(4);
        assertEquals(List.of(0, 1, 2), events.subList(0, 3).stream()
                .map(e -> ((BusEvent.InboundEvent) e).retryCount()).toList());
        BusEvent.OutboundEvent failure = (BusEvent.OutboundEvent) events.get(3);
        assertEquals("The model answered HTTP 503: stub says no", failure.error());
        assertEquals(3, stub.bodies.size(), "one try and two retries");
    }

    @Test
    void answersBeyondTheConcurrencyLimitAreRefusedAtOnce() throws Exception {
        stub.hang();
        TestBus bus = responderBus(0, 1);
        bus.publishChat("s1", "this one keeps the agent thinking");
        bus.publishChat("s2", "and this one finds it busy");
        List<BusEvent> events = bus.awaitEvents(3);
        BusEvent.OutboundEvent refused = (BusEvent.OutboundEvent) events.get(2);
        assertEquals("s2", refused.sessionId());
        assertEquals("The agent is busy: 1 answers are in progress", refused.error());
    }

    @Test
    void aChatTheWorkerPoolRefusesIsAnsweredWithAnError() throws Exception {
        ScheduledExecutorService stopped = Executors.newSingleThreadScheduledExecutor();
        stopped.shutdown();
        TestBus bus = responderBus(0, 32, stopped);
        bus.publishChat("s1", "anyone there?");
        List<BusEvent> events = bus.awaitEvents(2);
        BusEvent.OutboundEvent refused = (BusEvent.OutboundEvent) events.get(1);
        assertEquals("s1", refused.sessionId());
        assertEquals("The agent cannot answer now: the server is out of worker threads or shutting down", refused.error());
    }

    private TestBus responderBus(int maxRetries) {
        return responderBus(maxRetries, 32);
    }

    private TestBus responderBus(int maxRetries, int maxConcurrent) {
        return responderBus(maxRetries, maxConcurrent, executor);
    }

    private TestBus responderBus(int maxRetries, int maxConcurrent, ScheduledExecutorService pool) {
        AgentResponder responder = new AgentResponder();
        Agent openAi = new OpenAiAgent(stub.baseUrl(), "sk-test", "test-model", "You are a cat.",
                Duration.ofSeconds(5), 10, 10);
        AgentChoice choice = new AgentChoice() {
            @Override
            public Agent agent() {
                return openAi;
            }
        };
        responder.choice = choice;
        responder.workers = Workers.using(pool, pool);
        responder.maxRetries = maxRetries;
        responder.maxConcurrent = maxConcurrent;
        responder.backoffMillis = 10;
        TestBus bus = new TestBus(responder::onInbound);
        responder.bus = bus.bus;
        return bus;
    }
}
