package dev.switchboard.neuro.decide;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentChoice;
import dev.switchboard.agent.Conversation;
import dev.switchboard.neuro.game.Action;
import dev.switchboard.neuro.game.ForceRequest;
import dev.switchboard.neuro.game.GameSession;
import dev.switchboard.neuro.game.RecordingPort;
import dev.switchboard.websocket.JsonSupport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deciders against a real session: the agent decider with a scripted agent (a usable answer is
 * sent, anything else falls back to random), and the random decider on a force that shrank.
 */
class DecidersTest {
    private final RecordingPort port = new RecordingPort();
    private final List<String> prompts = new ArrayList<>();
    private String answer;

    private final GameSession session = port.session("Chess");

    /** What was sent, as "name data". */
    private List<String> sent() {
        return port.sent.stream().map(s -> s.name() + " " + s.data()).toList();
    }

    private final AgentDecider decider = new AgentDecider();

    DecidersTest() {
        decider.agents = new AgentChoice() {
            @Override
            public Agent agent() {
                return new Agent() {
                    @Override
                    public String source() {
                        return "agent:test";
                    }

                    @Override
                    public String reply(Conversation conversation, String message) {
                        prompts.add(message);
                        return answer;
                    }
                };
            }
        };
        decider.fallback = new RandomDecider();
        session.register(List.of(
                new Action("move", "Move a piece", JsonSupport.readTree(
                        "{\"type\":\"object\",\"properties\":{\"to\":{\"type\":\"string\",\"enum\":[\"e4\",\"d4\"]}},\"required\":[\"to\"]}")),
                new Action("resign", "Give up", null)));
        session.context("White to move", true);
    }

    private void decide() {
        session.force(new ForceRequest("start position", "Your move", false, "low", List.of("move", "resign")));
        decider.decideNow(session, session.pendingForce());
    }

    @Test
    void beyondItsCapTheAgentDecidesNothingAndRandomChoosesAtOnce() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
        java.util.concurrent.CountDownLatch thinking = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            decider.workers = dev.switchboard.concurrent.Workers.using(pool, null);
            decider.maxConcurrent = 1;
            AgentChoice answering = decider.agents;
            decider.agents = new AgentChoice() {
                @Override
                public Agent agent() {
                    return new Agent() {
                        @Override
                        public String source() {
                            return "agent:slow";
                        }

                        @Override
                        public String reply(Conversation conversation, String message) throws InterruptedException {
                            thinking.countDown();
                            release.await();
                            return "{\"action\":\"resign\"}";
                        }
                    };
                }
            };
            GameSession other = port.session("Go");
            other.register(List.of(new Action("pass", "Pass", null)));
            session.force(new ForceRequest(null, "Your move", false, "low", List.of("move", "resign")));
            decider.decide(session, session.pendingForce()); // takes the one place
            thinking.await();
            other.force(new ForceRequest(null, "Your move", false, "low", List.of("pass")));
            decider.decide(other, other.pendingForce());
            assertEquals(List.of("pass null"), sent(), "chosen at random at once, without waiting for the agent");
            assertTrue(other.warnings().stream().anyMatch(w -> w.message().contains("deciding 1 forces already")));
            release.countDown();
            decider.agents = answering;
        } finally {
            release.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void theRandomDeciderStillChoosesWhenNoWorkerIsFree() {
        RandomDecider random = new RandomDecider();
        java.util.concurrent.ExecutorService saturated = new java.util.concurrent.ThreadPoolExecutor(0, 1, 1,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>());
        saturated.shutdown(); // refuses every task, as a saturated pool does
        random.workers = dev.switchboard.concurrent.Workers.using(saturated, null);
        session.force(new ForceRequest(null, "Your move", false, "low", List.of("resign")));
        random.handOver(session, session.pendingForce()); // what the timer runs
        assertEquals(List.of("resign null"), sent(), "chosen on the timer's thread rather than never");
    }

    @Test
    void aForceTheAgentCannotTakeBecauseNoWorkerIsFreeIsChosenAtRandomAtOnce() {
        java.util.concurrent.ExecutorService saturated = new java.util.concurrent.ThreadPoolExecutor(0, 1, 1,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>());
        saturated.shutdown(); // refuses every task, as a saturated pool without a queue does
        decider.workers = dev.switchboard.concurrent.Workers.using(saturated, null);
        decider.maxConcurrent = 16;
        session.force(new ForceRequest(null, "Your move", false, "low", List.of("resign")));
        decider.decide(session, session.pendingForce());
        assertEquals(List.of("resign null"), sent(), "the force ends: it must not wait for an agent that never runs");
        assertTrue(prompts.isEmpty(), "the agent was not asked");
        assertTrue(session.warnings().get(session.warnings().size() - 1).message().startsWith("no worker is free for the agent"),
                session.warnings().toString());
    }

    @Test
    void theRandomDeciderChoosesAtOnceWhenItsTimerIsGone() {
        RandomDecider random = new RandomDecider();
        java.util.concurrent.ScheduledThreadPoolExecutor timers = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        timers.shutdown();
        random.workers = dev.switchboard.concurrent.Workers.using(java.util.concurrent.Executors.newSingleThreadExecutor(), timers);
        session.force(new ForceRequest(null, "Your move", false, "low", List.of("resign")));
        random.decide(session, session.pendingForce());
        assertEquals(List.of("resign null"), sent(), "chosen on the caller's thread rather than never");
        random.workers.executor().shutdown();
    }

    @Test
    void theRandomDeciderChoosesFromTheForceAsItIsNow() {
        for (int i = 0; i < 20; i++) {
            port.sent.clear();
            session.register(List.of(new Action("resign", "Give up", null)));
            session.force(new ForceRequest(null, "Your move", false, "low", List.of("move", "resign")));
            GameSession.PendingForce asked = session.pendingForce();
            session.unregister(List.of("resign"));
            decider.fallback.chooseNow(session, asked);
            assertEquals(1, sent().size(), "the stale list still named 'resign'; the choice must not hang");
            assertTrue(sent().get(0).startsWith("move "), sent().get(0));
            session.result(session.inFlight().get(0).id(), true, null);
        }
    }

    @Test
    void aValidAnswerIsSentAsItIs() {
        answer = "Sure! ```json\n{\"action\":\"move\",\"data\":{\"to\":\"d4\"}}\n```";
        decide();
        assertEquals(List.of("move {\"to\":\"d4\"}"), sent());
        String prompt = prompts.get(0);
        assertTrue(prompt.contains("Query: Your move") && prompt.contains("State: start position")
                && prompt.contains("- White to move") && prompt.contains("- resign: Give up (no data)"), prompt);
    }

    @Test
    void aSchemalessChoiceSendsNoData() {
        answer = "{\"action\":\"resign\",\"data\":{}}";
        decide();
        assertEquals(List.of("resign null"), sent());
    }

    @Test
    void unusableAnswersFallBackToRandomWithAWarning() {
        for (String bad : new String[]{"I'd rather nap.", "{\"action\":\"fly\"}", "{\"action\":\"move\",\"data\":{\"to\":\"z9\"}}"}) {
            port.sent.clear();
            answer = bad;
            decide();
            assertEquals(1, sent().size(), bad);
            String choice = sent().get(0);
            assertTrue(choice.equals("resign null") || choice.matches("move \\{\"to\":\"(e4|d4)\"}"), choice);
            assertTrue(session.warnings().get(session.warnings().size() - 1).message().startsWith("agent answer not usable"));
        }
    }
}
