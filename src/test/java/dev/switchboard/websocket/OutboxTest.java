package dev.switchboard.websocket;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxTest {
    private final FakeSession fake = new FakeSession(String::valueOf);

    @Test
    void sendsEverythingInOrderWhenSendsCompleteInline() throws Exception {
        Outbox outbox = new Outbox(fake.session(), 10, 1000, Runnable::run);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(outbox.send("m" + i));
        }
        for (int i = 0; i < 10_000; i++) {
            assertEquals("m" + i, fake.next());
        }
        assertEquals(0, outbox.depth());
    }

    @Test
    void keepsOrderAcrossConcurrentProducers() throws Exception {
        Outbox outbox = new Outbox(fake.session(), 100_000, 1000, Runnable::run);
        ExecutorService producers = Executors.newFixedThreadPool(4);
        for (int p = 0; p < 4; p++) {
            int producer = p;
            producers.execute(() -> {
                for (int i = 0; i < 1000; i++) {
                    outbox.send(producer + ":" + i);
                }
            });
        }
        producers.shutdown();
        assertTrue(producers.awaitTermination(10, TimeUnit.SECONDS));
        int[] last = {-1, -1, -1, -1};
        for (int n = 0; n < 4000; n++) {
            String[] parts = fake.next().split(":");
            int producer = Integer.parseInt(parts[0]);
            int index = Integer.parseInt(parts[1]);
            assertEquals(last[producer] + 1, index, "messages of one producer stay in order");
            last[producer] = index;
        }
    }

    @Test
    void oneMessageInFlightAtATime() throws Exception {
        fake.stall();
        Outbox outbox = new Outbox(fake.session(), 10, 1000, Runnable::run);
        outbox.send("a");
        outbox.send("b");
        outbox.send("c");
        assertEquals("a", fake.next());
        assertNull(fake.poll(), "b waits until a is written");
        assertEquals(2, outbox.depth());
        fake.completePending();
        assertEquals("b", fake.next());
        fake.completePending();
        assertEquals("c", fake.next());
    }

    @Test
    void fullQueueClosesTheSessionWith1008() throws Exception {
        fake.stall();
        Outbox outbox = new Outbox(fake.session(), 3, 1000, Runnable::run);
        List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(outbox.send("m" + i));
        }
        // m0 is being written, m1..m3 fill the queue, m4 overflows it.
        assertEquals(List.of(true, true, true, true, false), accepted);
        assertEquals(1008, fake.awaitClose().getCloseCode().getCode());
        assertEquals("slow consumer", fake.awaitClose().getReasonPhrase());
        assertTrue(outbox.isClosed());
        assertFalse(outbox.send("later"));
    }

    @Test
    void awaitRoomReturnsOnceTheClientCatchesUp() throws Exception {
        fake.stall();
        Outbox outbox = new Outbox(fake.session(), 10, 1000, Runnable::run);
        for (int i = 0; i < 6; i++) {
            outbox.send("m" + i);
        }
        assertFalse(outbox.awaitRoom(5, 50), "5 queued behind the one in flight: no room below 5");
        Thread reader = new Thread(() -> {
            for (int i = 0; i < 6; i++) {
                fake.completePending();
                Thread.onSpinWait();
            }
        });
        reader.start();
        assertTrue(outbox.awaitRoom(5, 10_000));
        reader.join();
    }

    @Test
    void enqueueSendsNothingUntilFlushed() throws Exception {
        Outbox outbox = new Outbox(fake.session(), 10, 1000, Runnable::run);
        assertTrue(outbox.enqueue("a"));
        assertTrue(outbox.enqueue("b"));
        assertNull(fake.poll(), "a producer under a lock only queues");
        outbox.flush();
        assertEquals("a", fake.next());
        assertEquals("b", fake.next());
    }

    @Test
    void aQuietClientIsPingedOncePerIntervalAndItsPongKeepsItOpen() throws Exception {
        Outbox outbox = new Outbox(fake.session(), new Outbox.Settings(10, Long.MAX_VALUE, 1000, 1000), Runnable::run,
                failure -> { }, JsonSupport.JSONB::toJson);
        long start = System.nanoTime();
        long interval = 300_000_000L;
        assertFalse(outbox.pingIfQuiet(start + 100_000_000L, interval), "not quiet long enough");
        assertTrue(outbox.pingIfQuiet(start + 400_000_000L, interval));
        assertFalse(outbox.pingIfQuiet(start + 500_000_000L, interval), "pinged less than an interval ago");
        assertTrue(outbox.pingIfQuiet(start + 800_000_000L, interval));
        assertEquals(2, fake.pings.get());
        outbox.touch(); // the pong
        long ponged = System.nanoTime();
        assertFalse(outbox.closeIfIdle(ponged + 900_000_000L));
        assertFalse(outbox.pingIfQuiet(ponged + 100_000_000L, interval), "just heard from");
    }

    @Test
    void aPingUnansweredForThePongTimeoutClosesTheSessionLongBeforeTheIdleTimeout() throws Exception {
        Outbox outbox = new Outbox(fake.session(), new Outbox.Settings(10, Long.MAX_VALUE, 1000, 600_000), Runnable::run,
                failure -> { }, JsonSupport.JSONB::toJson);
        long start = System.nanoTime();
        long interval = 300_000_000L;
        long pongTimeout = 200_000_000L;
        assertFalse(outbox.closeIfPingUnanswered(start + 5_000_000_000L, pongTimeout), "never pinged: nothing to answer");
        long pinged = start + 400_000_000L;
        assertTrue(outbox.pingIfQuiet(pinged, interval));
        assertFalse(outbox.closeIfPingUnanswered(pinged + 199_000_000L, pongTimeout), "within the pong timeout");
        assertTrue(outbox.closeIfPingUnanswered(pinged + 201_000_000L, pongTimeout));
        assertEquals(1001, fake.awaitClose().getCloseCode().getCode());
        assertEquals("ping unanswered", fake.awaitClose().getReasonPhrase());
        assertFalse(outbox.closeIfPingUnanswered(pinged + 5_000_000_000L, pongTimeout), "closed once");
    }

    @Test
    void anAnsweredPingOrZeroPongTimeoutKeepsTheSessionOpen() throws Exception {
        Outbox outbox = new Outbox(fake.session(), new Outbox.Settings(10, Long.MAX_VALUE, 1000, 600_000), Runnable::run,
                failure -> { }, JsonSupport.JSONB::toJson);
        long pinged = System.nanoTime() + 400_000_000L;
        assertTrue(outbox.pingIfQuiet(pinged, 300_000_000L));
        assertFalse(outbox.closeIfPingUnanswered(pinged + 60_000_000_000L, 0), "0 = never");
        outbox.touch(); // the pong
        assertFalse(outbox.closeIfPingUnanswered(pinged + 60_000_000_000L, 200_000_000L));
        assertFalse(fake.isClosed());
    }

    @Test
    void anIdleSessionIsClosedWith1001AndAnActiveOneIsNot() throws Exception {
        Outbox outbox = new Outbox(fake.session(), new Outbox.Settings(10, Long.MAX_VALUE, 1000, 1000), Runnable::run,
                failure -> { }, JsonSupport.JSONB::toJson);
        long start = System.nanoTime();
        assertFalse(outbox.closeIfIdle(start + 999_000_000L), "within the idle timeout");
        outbox.touch();
        long touched = System.nanoTime();
        assertFalse(outbox.closeIfIdle(touched + 900_000_000L), "a message from the client counts as activity");
        assertTrue(outbox.closeIfIdle(touched + 1_001_000_000L));
        assertEquals(1001, fake.awaitClose().getCloseCode().getCode());
        assertEquals("idle timeout", fake.awaitClose().getReasonPhrase());
        assertFalse(outbox.closeIfIdle(touched + 5_000_000_000L), "closed once");
    }

    @Test
    void onlyWhatTheClientSendsCountsAndZeroMeansNever() throws Exception {
        Outbox timed = new Outbox(fake.session(), new Outbox.Settings(10, Long.MAX_VALUE, 1000, 1000), Runnable::run,
                failure -> { }, JsonSupport.JSONB::toJson);
        timed.send("x");
        assertEquals("x", fake.next());
        assertTrue(timed.closeIfIdle(System.nanoTime() + 1_001_000_000L), "sending to a client is not hearing from it");
        Outbox never = new Outbox(new FakeSession(String::valueOf).session(), 10, 1000, Runnable::run);
        assertFalse(never.closeIfIdle(System.nanoTime() + 3_600_000_000_000L));
    }

    @Test
    void withNoWorkerFreePostSendsAndOverflowClosesOnTheCallersThread() throws Exception {
        java.util.concurrent.Executor refusing = task -> {
            throw new java.util.concurrent.RejectedExecutionException("saturated");
        };
        Outbox outbox = new Outbox(fake.session(), 1, 1000, refusing);
        assertTrue(outbox.post("a"));
        assertEquals("a", fake.next(), "sent rather than left waiting for a worker");
        fake.stall();
        outbox.send("b");
        outbox.send("c");
        assertFalse(outbox.send("d"), "overflow");
        assertEquals(1008, fake.awaitClose().getCloseCode().getCode(), "closed even though no worker was free");
    }

    private final List<Outbox.Failure> failures = new ArrayList<>();

    private Outbox bounded(int capacity, long maxChars) {
        return new Outbox(fake.session(), new Outbox.Settings(capacity, maxChars, 1000, 0), Runnable::run,
                failures::add, JsonSupport.JSONB::toJson);
    }

    @Test
    void queuedCharactersAreBoundedNotJustMessages() throws Exception {
        fake.stall();
        Outbox outbox = bounded(1024, 10_000);
        String kilo = "x".repeat(1000);
        assertTrue(outbox.send(kilo)); // in flight: no longer queued
        for (int i = 0; i < 10; i++) {
            assertTrue(outbox.send(kilo), "message " + i + " fits the 10,000 characters");
        }
        assertEquals(10_000, outbox.queuedChars());
        assertFalse(outbox.send("y"));
        assertEquals(Outbox.SLOW_CONSUMER, fake.awaitClose());
        assertEquals(List.of(Outbox.Failure.QUEUE_FULL), failures);
        assertEquals(0, outbox.queuedChars());
    }

    @Test
    void oneMessageOverTheCharacterBudgetIsStillSentAlone() throws Exception {
        Outbox outbox = bounded(1024, 100);
        String big = "z".repeat(1000);
        assertTrue(outbox.send(big));
        assertEquals(big, fake.next());
        assertFalse(fake.isClosed());
    }

    @Test
    void objectsAreEncodedAsTheyAreQueuedAndCountByTheirText() throws Exception {
        fake.stall();
        Outbox outbox = bounded(1024, 1000);
        outbox.send("first");
        assertTrue(outbox.enqueue(java.util.Map.of("k", "v")));
        assertEquals("{\"k\":\"v\"}".length(), outbox.queuedChars());
        fake.completePending();
        assertEquals("first", fake.next());
        assertEquals("{\"k\":\"v\"}", fake.next());
    }

    @Test
    void anObjectThatCannotBeEncodedIsRefusedToItsProducerAndTheSessionGoesOn() throws Exception {
        Outbox outbox = new Outbox(fake.session(), new Outbox.Settings(10, 1000, 1000, 0), Runnable::run, failures::add,
                message -> {
                    throw new jakarta.websocket.EncodeException(message, "cannot");
                });
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> outbox.send(new Object()));
        assertTrue(outbox.send("still fine"));
        assertEquals("still fine", fake.next());
        assertTrue(failures.isEmpty());
    }

    @Test
    void aSendTimeoutClosesAsSlowConsumerAndAnIoFailureAsSendFailed() throws Exception {
        fake.stall();
        Outbox slow = bounded(10, 1000);
        slow.send("a");
        fake.failPending(new java.util.concurrent.TimeoutException("send timeout"));
        assertEquals(Outbox.SLOW_CONSUMER, fake.awaitClose());
        assertEquals(List.of(Outbox.Failure.SEND_TIMEOUT), failures);

        FakeSession other = new FakeSession(String::valueOf);
        other.stall();
        List<Outbox.Failure> otherFailures = new ArrayList<>();
        Outbox broken = new Outbox(other.session(), new Outbox.Settings(10, 1000, 1000, 0), Runnable::run,
                otherFailures::add, JsonSupport.JSONB::toJson);
        broken.send("b");
        other.failPending(new java.io.IOException("Broken pipe"));
        assertEquals(jakarta.websocket.CloseReason.CloseCodes.UNEXPECTED_CONDITION, other.awaitClose().getCloseCode());
        assertEquals(List.of(Outbox.Failure.SEND_FAILED), otherFailures);
    }

    @Test
    void aClientGoneMidSendIsOneFineLineAndAnyOtherFailureAWarning() throws Exception {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Outbox.class.getName());
        List<java.util.logging.LogRecord> records = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Handler recorder = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Level level = log.getLevel();
        log.addHandler(recorder);
        log.setLevel(java.util.logging.Level.ALL);
        try {
            fake.stall();
            Outbox gone = new Outbox(fake.session(), 10, 1000, Runnable::run);
            gone.send("snapshot");
            fake.failPending(new java.io.IOException("Connection is closed"));
            assertEquals(jakarta.websocket.CloseReason.CloseCodes.UNEXPECTED_CONDITION, fake.awaitClose().getCloseCode());
            assertEquals(1, records.size(), records.toString());
            assertEquals(java.util.logging.Level.FINE, records.get(0).getLevel());
            assertNull(records.get(0).getThrown(), "no stack trace");
            assertTrue(records.get(0).getMessage().contains("the client is gone"), records.get(0).getMessage());

            records.clear();
            FakeSession other = new FakeSession(String::valueOf);
            other.stall();
            new Outbox(other.session(), 10, 1000, Runnable::run).send("x");
            other.failPending(new IllegalStateException("a bug"));
            other.awaitClose();
            assertEquals(java.util.logging.Level.WARNING, records.get(0).getLevel(), "not a client leaving: worth a look");
        } finally {
            log.removeHandler(recorder);
            log.setLevel(level);
        }
    }
}
