package dev.switchboard.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run events on {@code /runs}: one connection starts {@code count} demo runs of {@code steps} steps without
 * delay and reads until every run has completed. Each run's events must be numbered from 0 without gaps,
 * start with {@code run_started} and end with {@code run_completed}; measured: run events per second.
 */
final class RunsScenario implements Scenario {
    private final BenchConfig config;
    private final Clients clients;

    RunsScenario(BenchConfig config, Clients clients) {
        this.config = config;
        this.clients = clients;
    }

    @Override
    public String name() {
        return "runs";
    }

    @Override
    public String description() {
        return "1 connection on /runs, " + config.runsCount + " demo runs of " + config.runsSteps
                + " steps (delay 0) at once";
    }

    @Override
    public List<Server> servers(Servers servers) {
        return servers.switchboard() == null ? List.of() : List.of(servers.switchboard());
    }

    @Override
    public int reps() {
        return config.runsReps;
    }

    /**
     * One burst of 16 runs is over in well under a second, too short for the JIT: warm up with bursts for
     * the same warm-up time as the other scenarios (the last burst is what the report shows as warm-up).
     */
    @Override
    public Measurement warmUp(Server server) throws Exception {
        long end = System.nanoTime() + config.warmup.toNanos();
        Measurement last = measure(server);
        while (System.nanoTime() < end) {
            last = measure(server);
        }
        return last;
    }

    @Override
    public Measurement measure(Server server) throws Exception {
        Failures failures = new Failures();
        Map<String, AtomicLong> nextSeq = new ConcurrentHashMap<>();
        CountDownLatch finished = new CountDownLatch(config.runsCount);
        AtomicLong events = new AtomicLong();
        String prefix = "b" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "-";
        for (int i = 0; i < config.runsCount; i++) {
            nextSeq.put(prefix + i, new AtomicLong());
        }
        List<Ws> connection = clients.open(server.uri("/runs"), 1,
                i -> text -> onMessage(text, nextSeq, finished, events, failures), failures);
        Measurement.CpuWindow cpu = new Measurement.CpuWindow(server, config.clockTicks);
        for (String runId : nextSeq.keySet()) {
            connection.get(0).send(Json.write(Map.of("type", "start_run", "run_id", runId, "task", "demo",
                    "input", Map.of("steps", config.runsSteps, "delay_ms", 0))));
        }
        if (!finished.await(120, TimeUnit.SECONDS)) {
            failures.add(finished.getCount() + " runs did not finish within 120 s");
        }
        cpu.stop();
        Clients.closeAll(connection, Duration.ofSeconds(10));
        long expected = (long) config.runsCount * (config.runsSteps + 2);
        if (events.get() != expected) {
            failures.add(events.get() + " run events instead of " + expected);
        }
        Measurement m = new Measurement(failures);
        cpu.putRates(m, "event", events.get());
        return m;
    }

    private static void onMessage(String text, Map<String, AtomicLong> nextSeq, CountDownLatch finished,
                                  AtomicLong events, Failures failures) {
        Map<String, Object> message = Json.parseObject(text);
        AtomicLong next = nextSeq.get(String.valueOf(message.get("run_id")));
        if (!"run_event".equals(message.get("type")) || next == null) {
            failures.add("unexpected message: " + Json.abbreviate(text));
            return;
        }
        events.incrementAndGet();
        long seq = message.get("seq") instanceof BigDecimal s ? s.longValueExact() : -1;
        long want = next.getAndIncrement();
        Object type = message.get("event_type");
        if (seq != want || want < 0) {
            failures.add("run " + message.get("run_id") + ": seq " + seq + " where " + want + " was due");
        } else if (seq == 0 && !"run_started".equals(type)) {
            failures.add("run " + message.get("run_id") + " began with " + type);
        }
        if ("run_completed".equals(type) || "run_failed".equals(type) || "run_cancelled".equals(type)) {
            if (!"run_completed".equals(type)) {
                failures.add("run " + message.get("run_id") + " ended with " + Json.abbreviate(text));
            }
            next.set(Long.MIN_VALUE); // anything after the terminal event is a failure
            finished.countDown();
        }
    }
}
