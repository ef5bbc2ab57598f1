package dev.switchboard.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Many idle connections on Switchboard's {@code /ws}: live heap after a full GC before opening, with all
 * open, and after all are closed (the server's own session count back where it was, and the heap no longer
 * falling); KB per connection,
 * whether the heap returned, and connections the server closed on its own. Every 100th connection makes
 * one call while all are open, to show the connections work.
 */
final class Idle10kScenario implements Scenario {
    private static final int PROBE_EVERY = 100;
    private final BenchConfig config;
    private final Clients clients;

    Idle10kScenario(BenchConfig config, Clients clients) {
        this.config = config;
        this.clients = clients;
    }

    @Override
    public String name() {
        return "idle10k";
    }

    @Override
    public String description() {
        return config.idleConnections + " idle connections on /ws: live heap after full GC";
    }

    @Override
    public List<Server> servers(Servers servers) {
        return servers.switchboard() == null ? List.of() : List.of(servers.switchboard());
    }

    @Override
    public int reps() {
        return Integer.getInteger("bench.idle.reps", 1);
    }

    @Override
    public Measurement warmUp(Server server) throws Exception {
        return run(server, config.idleWarmupConnections);
    }

    @Override
    public Measurement measure(Server server) throws Exception {
        return run(server, config.idleConnections);
    }

    private Measurement run(Server server, int count) throws Exception {
        Failures failures = new Failures();
        Measurement m = new Measurement(failures);
        long sessionsBefore = server.openSessions();
        OptionalLong before = server.liveHeapBytes();
        URI uri = server.uri("/ws");
        AtomicReferenceArray<String> expected = new AtomicReferenceArray<>(count);
        CountDownLatch answered = new CountDownLatch((count + PROBE_EVERY - 1) / PROBE_EVERY);
        long start = System.nanoTime();
        List<Ws> connections = clients.open(uri, count, i -> text -> {
            String want = expected.getAndSet(i, null);
            if (want == null) {
                failures.add("message on an idle connection: " + Json.abbreviate(text));
            } else if (!want.equals(String.valueOf(Json.parseObject(text).get("result")))) {
                failures.add("wrong probe reply: " + Json.abbreviate(text));
            }
            answered.countDown();
        }, failures);
        m.put("connections", connections.size());
        m.put("open_s", (System.nanoTime() - start) / 1e9);
        long expectedOpen = sessionsBefore + connections.size();
        awaitSessions(server, sessions -> sessions >= expectedOpen); // the server opens them after our handshakes
        m.put("server_sessions_open", server.openSessions());
        probe(connections, expected, answered, failures);
        OptionalLong open = server.liveHeapBytes();
        m.put("still_open", connections.stream().filter(Ws::isOpen).count());
        Clients.closeAll(connections, Duration.ofSeconds(60));
        awaitSessions(server, sessions -> sessions <= sessionsBefore); // closes finish asynchronously
        OptionalLong after = settledHeap(server);
        m.put("unexpected_closes", failures.unexpectedCloses());
        if (before.isPresent() && open.isPresent() && after.isPresent()) {
            m.put("heap_before_mb", before.getAsLong() / 1048576.0);
            m.put("heap_open_mb", open.getAsLong() / 1048576.0);
            m.put("heap_after_mb", after.getAsLong() / 1048576.0);
            m.put("kb_per_conn", (open.getAsLong() - before.getAsLong()) / 1024.0 / count);
            m.put("heap_left_after_close_mb", (after.getAsLong() - before.getAsLong()) / 1048576.0);
        }
        return m;
    }

    private static void probe(List<Ws> connections, AtomicReferenceArray<String> expected, CountDownLatch answered,
                              Failures failures) throws InterruptedException {
        for (int i = 0; i < connections.size(); i += PROBE_EVERY) {
            expected.set(i, BigDecimal.valueOf((long) i * 7).toString());
            connections.get(i).send(Json.write(Map.of("func", "multiply", "args", List.of(i, 7))));
        }
        if (!answered.await(30, TimeUnit.SECONDS)) {
            failures.add(answered.getCount() + " probe calls got no reply");
        }
    }

    /**
     * The live heap once it stops falling: Grizzly frees a closed connection's objects up to a minute
     * after the application has seen the session close (measured). Measured every 5 s, up to 90 s, until
     * it falls by less than 1 MB; the lowest value.
     */
    private static OptionalLong settledHeap(Server server) throws InterruptedException {
        OptionalLong lowest = server.liveHeapBytes();
        for (int i = 0; i < 18 && lowest.isPresent(); i++) {
            Thread.sleep(5000);
            OptionalLong now = server.liveHeapBytes();
            if (now.isEmpty()) {
                break;
            }
            boolean stillFalling = now.getAsLong() < lowest.getAsLong() - 1024 * 1024;
            lowest = now.getAsLong() < lowest.getAsLong() ? now : lowest;
            if (!stillFalling) {
                break;
            }
        }
        return lowest;
    }

    /**
     * Polls (the server announces nothing) until its session count satisfies the condition, up to 30 s;
     * a server without the gauge (-1) is not waited for.
     */
    private static void awaitSessions(Server server, java.util.function.LongPredicate reached)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long open;
        while ((open = server.openSessions()) >= 0 && !reached.test(open) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }
}
