package dev.switchboard.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

/**
 * Fan-out on {@code /events}: {@code clients} connections are opened, and right after the last handshake a
 * separate sender publishes round 1 of {@code rounds} chat messages {@code {"source":"bench","content":
 * "<round>:<nanoTime>"}}; each next round goes out once every client has the previous one (or after a
 * timeout). A client's first event is the proof that it is subscribed: one that never gets a round has
 * missed it (a failure). Measured: per round, the time from send until the last client has it.
 */
final class BroadcastScenario implements Scenario {
    private final BenchConfig config;
    private final Clients clients;
    private final boolean withPython = Boolean.getBoolean("bench.broadcast.python");

    BroadcastScenario(BenchConfig config, Clients clients) {
        this.config = config;
        this.clients = clients;
    }

    @Override
    public String name() {
        return "broadcast";
    }

    @Override
    public String description() {
        return config.broadcastClients + " clients on /events, " + config.broadcastRounds
                + " rounds of one chat message; time until all have it";
    }

    @Override
    public List<Server> servers(Servers servers) {
        return Stream.of(servers.switchboard(), servers.node(), withPython ? servers.python() : null)
                .filter(Objects::nonNull).toList();
    }

    @Override
    public int reps() {
        return config.reps;
    }

    @Override
    public Measurement warmUp(Server server) throws Exception {
        return measure(server);
    }

    @Override
    public Measurement measure(Server server) throws Exception {
        return new Rounds(server).run();
    }

    /** The target's bound: rounds slower than this are listed in the log. */
    private static final long SLOW_ROUND_NANOS = 30_000_000;

    private static final String SUBSCRIBE_INBOUND = "{\"type\":\"subscribe\",\"types\":[\"InboundEvent\"]}";

    /** One repetition: fresh connections, then the rounds. */
    private final class Rounds {
        private final Server server;
        private final int clientCount = config.broadcastClients;
        private final int roundCount = config.broadcastRounds;
        private final long[][] arrivals = new long[roundCount + 1][clientCount];
        private final long[] sentAt = new long[roundCount + 1];
        private final AtomicReferenceArray<String> contents = new AtomicReferenceArray<>(roundCount + 1);
        private final CountDownLatch[] everyone = new CountDownLatch[roundCount + 1];
        private final Failures failures = new Failures();

        Rounds(Server server) {
            this.server = server;
            for (int r = 1; r <= roundCount; r++) {
                everyone[r] = new CountDownLatch(clientCount);
            }
        }

        Measurement run() throws Exception {
            URI uri = server.uri("/events");
            List<Ws> connections = new ArrayList<>(clients.open(uri, 1, i -> this::checkNoError, failures));
            Ws sender = connections.get(0);
            List<Ws> receivers = clients.open(uri, clientCount, i -> text -> received(i, text), failures);
            if (config.broadcastFilter && server.name().equals("switchboard")) {
                // Subscribed since the handshake to everything; from this frame on to the chat messages only.
                receivers.forEach(ws -> ws.send(SUBSCRIBE_INBOUND));
            }
            connections.addAll(receivers);
            Measurement.CpuWindow cpu = new Measurement.CpuWindow(server, config.clockTicks);
            for (int r = 1; r <= roundCount; r++) {
                String content = r + ":" + System.nanoTime();
                contents.set(r, content);
                sentAt[r] = System.nanoTime();
                sender.send(Json.write(Map.of("source", "bench", "content", content)));
                everyone[r].await(config.roundTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            cpu.stop();
            Thread.sleep(500); // late arrivals still count as arrivals, only a message never received is a miss
            Clients.closeAll(connections, Duration.ofSeconds(20));
            return summarize(cpu);
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
            everyone[round].countDown();
        }

        private Measurement summarize(Measurement.CpuWindow cpu) {
            Samples untilAll = new Samples();
            List<String> slowRounds = new ArrayList<>();
            long wallNow = System.currentTimeMillis();
            long nanoNow = System.nanoTime();
            long misses = 0;
            long firstRoundMisses = 0;
            long deliveries = 0;
            for (int r = 1; r <= roundCount; r++) {
                long last = 0;
                synchronized (arrivals[r]) {
                    for (int c = 0; c < clientCount; c++) {
                        if (arrivals[r][c] == 0) {
                            misses++;
                            firstRoundMisses += r == 1 ? 1 : 0;
                        } else {
                            deliveries++;
                            last = Math.max(last, arrivals[r][c]);
                        }
                    }
                }
                if (last != 0) {
                    untilAll.add(last - sentAt[r]);
                    if (last - sentAt[r] > SLOW_ROUND_NANOS) {
                        slowRounds.add(r + ": " + (last - sentAt[r]) / 1_000_000 + " ms at "
                                + java.time.Instant.ofEpochMilli(wallNow - (nanoNow - sentAt[r]) / 1_000_000));
                    }
                }
            }
            // Which rounds make the tail (after the handshakes? evenly spread, as GC would?): for the findings.
            Bench.log("    " + server.label() + ": " + slowRounds.size() + " of " + roundCount + " rounds over "
                    + SLOW_ROUND_NANOS / 1_000_000 + " ms " + slowRounds);
            if (misses > 0) {
                failures.add(misses + " missed deliveries (" + firstRoundMisses + " of them in round 1) of "
                        + (long) clientCount * roundCount);
            }
            Measurement m = new Measurement(failures);
            m.put("round_p50_ms", untilAll.percentileMillis(50));
            m.put("round_p99_ms", untilAll.percentileMillis(99));
            m.put("misses", misses);
            m.put("round1_misses", firstRoundMisses);
            cpu.putRates(m, "delivery", deliveries);
            return m;
        }
    }
}
