package dev.switchboard.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One repetition of a fan-out on {@code /events}: fresh connections, then the rounds. Right after the last
 * handshake a separate sender publishes round 1 of {@code rounds} chat messages {@code {"source":"bench",
 * "content":"<round>:<nanoTime>"}}; each next round goes out once every client has the previous one (or
 * after a timeout). A client's first event is the proof that it is subscribed: one that never gets a round
 * has missed it (a failure). Every client must see a round's event with the same offset, and the offsets
 * must rise from round to round. Measured: per round, the time from send until the last client has it.
 *
 * <p>The {@link Placement} says where the sender and the clients connect: all to one server, or (a
 * cluster) the sender to one instance and the clients spread over several; then the time until all
 * clients of the sender's instance and of the other instances have it is measured too, and a first round
 * that reaches none of an instance's clients ends the repetition with a failure saying so.
 */
final class BroadcastRounds {
    /**
     * Where a repetition connects: the sender to {@code sender}, the clients in even shares to
     * {@code receivers}; {@code measured} is whose CPU is counted.
     */
    record Placement(Server measured, Server sender, List<Server> receivers, boolean inboundOnly) {
        static Placement single(Server server, boolean inboundOnly) {
            return new Placement(server, server, List.of(server), inboundOnly);
        }
    }

    /** The target's bound: rounds slower than this are listed in the log. */
    private static final long SLOW_ROUND_NANOS = 30_000_000;
    private static final String SUBSCRIBE_INBOUND = "{\"type\":\"subscribe\",\"types\":[\"InboundEvent\"]}";
    private static final long NO_OFFSET = Long.MIN_VALUE;

    private final BenchConfig config;
    private final Clients clients;
    private final Placement placement;
    private final int clientCount;
    private final int roundCount;
    private final long[][] arrivals;
    private final long[] sentAt;
    private final AtomicReferenceArray<String> contents;
    private final AtomicLongArray offsets;
    private final CountDownLatch[] everyone;
    private final int[] instanceOf;
    private final Failures failures = new Failures();
    private int roundsSent;
    private boolean stopped;

    BroadcastRounds(BenchConfig config, Clients clients, Placement placement) {
        this.config = config;
        this.clients = clients;
        this.placement = placement;
        this.clientCount = config.broadcastClients;
        this.roundCount = config.broadcastRounds;
        this.arrivals = new long[roundCount + 1][clientCount];
        this.sentAt = new long[roundCount + 1];
        this.contents = new AtomicReferenceArray<>(roundCount + 1);
        this.offsets = new AtomicLongArray(roundCount + 1);
        this.everyone = new CountDownLatch[roundCount + 1];
        this.instanceOf = new int[clientCount];
        for (int r = 1; r <= roundCount; r++) {
            everyone[r] = new CountDownLatch(clientCount);
            offsets.set(r, NO_OFFSET);
        }
    }

    Measurement run() throws Exception {
        List<Ws> connections = new ArrayList<>(
                clients.open(placement.sender().uri("/events"), 1, i -> this::checkNoError, failures));
        Ws sender = connections.get(0);
        List<Ws> receivers = openReceivers();
        if (placement.inboundOnly()) {
            // Subscribed since the handshake to everything; from this frame on to the chat messages only.
            receivers.forEach(ws -> ws.send(SUBSCRIBE_INBOUND));
        }
        connections.addAll(receivers);
        Measurement.CpuWindow cpu = new Measurement.CpuWindow(placement.measured(), config.clockTicks);
        for (int r = 1; r <= roundCount; r++) {
            String content = r + ":" + System.nanoTime();
            contents.set(r, content);
            sentAt[r] = System.nanoTime();
            roundsSent = r;
            sender.send(Json.write(Map.of("source", "bench", "content", content)));
            boolean all = everyone[r].await(config.roundTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!all && r == 1 && instanceMissedRoundOne()) {
                stopped = true;
                break;
            }
        }
        cpu.stop();
        Thread.sleep(500); // late arrivals still count as arrivals, only a message never received is a miss
        Clients.closeAll(connections, Duration.ofSeconds(20));
        return summarize(cpu);
    }

    /** The clients, an even share on each instance (in turn: the first {@code n} on the first, …). */
    private List<Ws> openReceivers() throws InterruptedException {
        List<Server> instances = placement.receivers();
        List<Ws> open = new ArrayList<>(clientCount);
        int first = 0;
        for (int k = 0; k < instances.size(); k++) {
            int count = (clientCount - first) / (instances.size() - k);
            java.util.Arrays.fill(instanceOf, first, first + count, k);
            int base = first;
            open.addAll(clients.open(instances.get(k).uri("/events"), first, count,
                    i -> text -> received(base + i, text), failures));
            first += count;
        }
        return open;
    }

    /**
     * After round 1 timed out: true (and a failure that says where) if it reached none of some instance's
     * clients, which no later round will fix; the repetition then stops.
     */
    private boolean instanceMissedRoundOne() {
        int instances = placement.receivers().size();
        long[] got = new long[instances];
        long[] of = new long[instances];
        synchronized (arrivals[1]) {
            for (int c = 0; c < clientCount; c++) {
                of[instanceOf[c]]++;
                got[instanceOf[c]] += arrivals[1][c] != 0 ? 1 : 0;
            }
        }
        boolean stop = false;
        for (int k = 0; k < instances; k++) {
            if (got[k] == 0 && of[k] > 0) {
                stop = true;
                Server instance = placement.receivers().get(k);
                boolean remote = !instance.base().equals(placement.sender().base());
                failures.add("none of the " + of[k] + " clients on " + instance.base() + " got round 1 within "
                        + config.roundTimeout.toMillis() + " ms of its publication on " + placement.sender().base()
                        + (remote ? ": events published on one instance do not reach the other instance's clients"
                                + " (is the bus cluster-wide?)" : "") + "; the repetition stops after round 1");
            }
        }
        return stop;
    }

    private void checkNoError(String text) {
        if ("ErrorEvent".equals(Json.parseObject(text).get("type"))) {
            failures.add("error event: " + Json.abbreviate(text));
        }
    }

    private void received(int client, String text) {
        long now = System.nanoTime();
        Map<String, Object> event = Json.parseObject(text);
        Object type = event.get("type");
        if ("ErrorEvent".equals(type)) {
            failures.add("error event: " + Json.abbreviate(text));
        }
        if (!"InboundEvent".equals(type) || !(event.get("content") instanceof String content)) {
            return; // Switchboard's agent answers every chat message with an OutboundEvent: not ours
        }
        int colon = content.indexOf(':');
        int round = colon > 0 ? Integer.parseInt(content.substring(0, colon)) : -1;
        if (round < 1 || round > roundCount || !content.equals(contents.get(round))) {
            return; // a message of an earlier repetition
        }
        synchronized (arrivals[round]) {
            if (arrivals[round][client] != 0) {
                failures.add("round " + round + " delivered twice to client " + client);
                return;
            }
            arrivals[round][client] = now;
        }
        checkOffset(round, client, event.get("offset"));
        everyone[round].countDown();
    }

    /** The first client to get a round sets its offset; every other client must see the same. */
    private void checkOffset(int round, int client, Object value) {
        if (!(value instanceof BigDecimal number) || number.stripTrailingZeros().scale() > 0) {
            failures.add("round " + round + " reached client " + client + " without an integer offset: " + value);
            return;
        }
        long offset = number.longValue();
        if (!offsets.compareAndSet(round, NO_OFFSET, offset) && offsets.get(round) != offset) {
            failures.add("round " + round + " reached client " + client + " on "
                    + placement.receivers().get(instanceOf[client]).base() + " with offset " + offset
                    + ", other clients with " + offsets.get(round));
        }
    }

    private Measurement summarize(Measurement.CpuWindow cpu) {
        Samples untilAll = new Samples();
        Samples untilAllSenders = new Samples();
        Samples untilAllOthers = new Samples();
        List<String> slowRounds = new ArrayList<>();
        long wallNow = System.currentTimeMillis();
        long nanoNow = System.nanoTime();
        long misses = 0;
        long firstRoundMisses = 0;
        long deliveries = 0;
        for (int r = 1; r <= roundsSent; r++) {
            long last = 0;
            long lastSenders = 0;
            long lastOthers = 0;
            synchronized (arrivals[r]) {
                for (int c = 0; c < clientCount; c++) {
                    long at = arrivals[r][c];
                    if (at == 0) {
                        misses++;
                        firstRoundMisses += r == 1 ? 1 : 0;
                        continue;
                    }
                    deliveries++;
                    last = Math.max(last, at);
                    if (onSendersInstance(c)) {
                        lastSenders = Math.max(lastSenders, at);
                    } else {
                        lastOthers = Math.max(lastOthers, at);
                    }
                }
            }
            if (r > 1 && offsets.get(r) != NO_OFFSET && offsets.get(r - 1) != NO_OFFSET
                    && offsets.get(r) <= offsets.get(r - 1)) {
                failures.add("offsets do not rise: round " + (r - 1) + " had " + offsets.get(r - 1) + ", round "
                        + r + " " + offsets.get(r));
            }
            if (last != 0) {
                untilAll.add(last - sentAt[r]);
                if (lastSenders != 0) {
                    untilAllSenders.add(lastSenders - sentAt[r]);
                }
                if (lastOthers != 0) {
                    untilAllOthers.add(lastOthers - sentAt[r]);
                }
                if (last - sentAt[r] > SLOW_ROUND_NANOS) {
                    slowRounds.add(r + ": " + (last - sentAt[r]) / 1_000_000 + " ms at "
                            + java.time.Instant.ofEpochMilli(wallNow - (nanoNow - sentAt[r]) / 1_000_000));
                }
            }
        }
        // Which rounds make the tail (after the handshakes? evenly spread, as GC would?): for the findings.
        Bench.log("    " + placement.measured().label() + ": " + slowRounds.size() + " of " + roundsSent
                + " rounds over " + SLOW_ROUND_NANOS / 1_000_000 + " ms " + slowRounds);
        if (misses > 0) {
            failures.add(misses + " missed deliveries (" + firstRoundMisses + " of them in round 1) of "
                    + (long) clientCount * roundsSent + (roundsSent < roundCount ? " in the " + roundsSent
                    + " of " + roundCount + " rounds sent" : ""));
        }
        Measurement m = new Measurement(failures);
        if (stopped) { // a time until all have it would be a time until some have it
            m.put("misses", misses);
            m.put("round1_misses", firstRoundMisses);
            return m;
        }
        m.put("round_p50_ms", untilAll.percentileMillis(50));
        m.put("round_p99_ms", untilAll.percentileMillis(99));
        if (placement.receivers().size() > 1) {
            m.put("sender_instance_p50_ms", untilAllSenders.percentileMillis(50));
            m.put("sender_instance_p99_ms", untilAllSenders.percentileMillis(99));
            m.put("other_instances_p50_ms", untilAllOthers.percentileMillis(50));
            m.put("other_instances_p99_ms", untilAllOthers.percentileMillis(99));
        }
        m.put("misses", misses);
        m.put("round1_misses", firstRoundMisses);
        cpu.putRates(m, "delivery", deliveries);
        return m;
    }

    private boolean onSendersInstance(int client) {
        return placement.receivers().get(instanceOf[client]).base().equals(placement.sender().base());
    }
}
