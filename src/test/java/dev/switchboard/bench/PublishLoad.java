package dev.switchboard.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop publishing on {@code /events}: {@code publishers} connections, spread over the publishing
 * instances, each keep {@code window} chat messages in flight; a message is done once the observer (one
 * {@code /events} client, subscribed to chat messages) on every observing instance has it, and then its
 * publisher sends the next. Publishers subscribe to an event type the benchmark never causes, so the bus
 * delivers the chat only to the observers. Checked: every observer gets every message exactly once, all
 * observers see a message with the same offset, and each observer's offsets rise.
 */
final class PublishLoad implements AutoCloseable {
    /** Where the load connects: publishers in turn to {@code publishers}, one observer on each of {@code observers}. */
    record Placement(Server measured, List<Server> publishers, List<Server> observers) {
        static Placement single(Server server) {
            return new Placement(server, List.of(server), List.of(server));
        }
    }

    private static final String SUBSCRIBE_INBOUND = "{\"type\":\"subscribe\",\"types\":[\"InboundEvent\"]}";
    private static final String SUBSCRIBE_QUIET = "{\"type\":\"subscribe\",\"types\":[\"NeuroEvent\"]}";
    private static final long NO_OFFSET = Long.MIN_VALUE;

    /** A message sent and not yet seen by every observer. */
    private static final class Pending {
        final int publisher;
        final long sent = System.nanoTime();
        final boolean[] seen;
        int remaining;
        long offset = NO_OFFSET;

        Pending(int publisher, int observers) {
            this.publisher = publisher;
            this.seen = new boolean[observers];
            this.remaining = observers;
        }
    }

    private final Placement placement;
    private final int window;
    private final Failures failures;
    /** Tells this repetition's messages from any earlier one's. */
    private final String prefix = "publish-" + System.nanoTime() + ":";
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final Samples latencies = new Samples();
    private final long[] lastOffset;
    private final List<Ws> publishers = new ArrayList<>();
    private final List<Ws> observers = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean recording;

    private PublishLoad(Placement placement, int window, Failures failures) {
        this.placement = placement;
        this.window = window;
        this.failures = failures;
        this.lastOffset = new long[placement.observers().size()];
        java.util.Arrays.fill(lastOffset, NO_OFFSET);
    }

    static PublishLoad open(Placement placement, int publishers, int window, Clients clients, Failures failures)
            throws InterruptedException {
        PublishLoad load = new PublishLoad(placement, window, failures);
        List<Server> observing = placement.observers();
        for (int k = 0; k < observing.size(); k++) {
            int observer = k;
            load.observers.addAll(clients.open(observing.get(k).uri("/events"), k, 1,
                    i -> text -> load.observed(observer, text), failures));
        }
        for (int p = 0; p < publishers; p++) {
            Server instance = load.publisherInstance(p);
            load.publishers.addAll(clients.open(instance.uri("/events"), observing.size() + p, 1,
                    i -> load::checkNoError, failures));
        }
        if (load.observers.size() < observing.size() || load.publishers.size() < publishers) {
            throw new IllegalStateException("could not open every connection: " + failures.examples());
        }
        load.observers.forEach(ws -> ws.send(SUBSCRIBE_INBOUND));
        load.publishers.forEach(ws -> ws.send(SUBSCRIBE_QUIET));
        return load;
    }

    private Server publisherInstance(int publisher) {
        return placement.publishers().get(publisher % placement.publishers().size());
    }

    /**
     * One message from each publisher, until every observer has them all: false (and a failure per pair of
     * instances saying what did not arrive) if that takes longer than {@code timeout}.
     */
    boolean firstContact(Duration timeout) throws InterruptedException {
        running = true;
        for (int p = 0; p < publishers.size(); p++) {
            send(p);
        }
        running = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (pending.isEmpty()) {
            return true;
        }
        reportUndelivered("within " + timeout.toMillis() + " ms of the first messages");
        return false;
    }

    /** Each publisher sends its window of messages; from then on each message done brings the next. */
    void start() {
        running = true;
        for (int p = 0; p < publishers.size(); p++) {
            for (int w = 0; w < window; w++) {
                send(p);
            }
        }
    }

    void record(boolean on) {
        recording = on;
    }

    long completed() {
        return completed.get();
    }

    /** Latencies from send until every observer had the message, while recording. */
    Samples latencies() {
        synchronized (latencies) {
            return Samples.merge(List.of(latencies));
        }
    }

    /** No more new messages; waits (bounded) for those in flight, and counts those that never arrive. */
    void stop(Duration drain) throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + drain.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (!pending.isEmpty()) {
            reportUndelivered("within " + drain.toMillis() + " ms of the end");
        }
    }

    private void send(int publisher) {
        if (!running) {
            return;
        }
        String content = prefix + publisher + ":" + sequence.incrementAndGet();
        pending.put(content, new Pending(publisher, observers.size()));
        publishers.get(publisher).send(Json.write(Map.of("source", "bench", "content", content)));
    }

    private void checkNoError(String text) {
        if ("ErrorEvent".equals(Json.parseObject(text).get("type"))) {
            failures.add("error event to a publisher: " + Json.abbreviate(text));
        }
    }

    /** A message reached observer {@code observer}; runs on that observer's thread, one message at a time. */
    private void observed(int observer, String text) {
        long now = System.nanoTime();
        Map<String, Object> event = Json.parseObject(text);
        Object type = event.get("type");
        if ("ErrorEvent".equals(type)) {
            failures.add("error event to an observer: " + Json.abbreviate(text));
        }
        if (!"InboundEvent".equals(type) || !(event.get("content") instanceof String content)
                || !content.startsWith(prefix)) {
            return; // the agent's answers, and an earlier repetition's messages
        }
        long offset = offset(observer, event.get("offset"), content);
        Pending message = pending.get(content);
        if (message == null) { // done already: every observer had it, this one included
            failures.add(content + " delivered twice to the observer on " + observerBase(observer));
            return;
        }
        boolean done;
        synchronized (message) {
            if (message.seen[observer]) {
                failures.add(content + " delivered twice to the observer on " + observerBase(observer));
                return;
            }
            message.seen[observer] = true;
            if (message.offset == NO_OFFSET) {
                message.offset = offset;
            } else if (message.offset != offset) {
                failures.add(content + " has offset " + offset + " on " + observerBase(observer) + " but "
                        + message.offset + " elsewhere");
            }
            done = --message.remaining == 0;
        }
        if (done) {
            pending.remove(content);
            completed.incrementAndGet();
            if (recording) {
                synchronized (latencies) {
                    latencies.add(now - message.sent);
                }
            }
            send(message.publisher);
        }
    }

    /** The event's offset, which must be an integer above the observer's previous one. */
    private long offset(int observer, Object value, String content) {
        if (!(value instanceof BigDecimal number) || number.stripTrailingZeros().scale() > 0) {
            failures.add(content + " reached " + observerBase(observer) + " without an integer offset: " + value);
            return NO_OFFSET;
        }
        long offset = number.longValue();
        if (lastOffset[observer] != NO_OFFSET && offset <= lastOffset[observer]) {
            failures.add("offsets do not rise on " + observerBase(observer) + ": " + offset + " after "
                    + lastOffset[observer]);
        }
        lastOffset[observer] = offset;
        return offset;
    }

    private String observerBase(int observer) {
        return placement.observers().get(observer).base().toString();
    }

    /** One failure per (publishing instance, observing instance) with messages that did not arrive. */
    private void reportUndelivered(String when) {
        Map<String, long[]> missing = new java.util.TreeMap<>();
        for (Pending message : pending.values()) {
            String from = publisherInstance(message.publisher).base().toString();
            synchronized (message) {
                for (int k = 0; k < observers.size(); k++) {
                    long[] count = missing.computeIfAbsent(from + " " + k, key -> new long[2]);
                    count[1]++;
                    count[0] += message.seen[k] ? 0 : 1;
                }
            }
        }
        missing.forEach((key, count) -> {
            if (count[0] == 0) {
                return;
            }
            String from = key.substring(0, key.indexOf(' '));
            String to = observerBase(Integer.parseInt(key.substring(key.indexOf(' ') + 1)));
            failures.add(count[0] + " of " + count[1] + " messages published on " + from + " never reached the observer on " + to + " "
                    + when + (from.equals(to) ? "" : ": events published on one instance do not reach the other"
                    + " instance's clients (is the bus cluster-wide?)"));
        });
    }

    @Override
    public void close() {
        List<Ws> all = new ArrayList<>(publishers);
        all.addAll(observers);
        Clients.closeAll(all, Duration.ofSeconds(10));
    }
}
