package dev.switchboard.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on {@code /ws} or {@code /rpc}: {@code connections} callers each keep {@code window}
 * multiply calls in flight (a reply triggers the next call), beside {@code idle} connections that only
 * stay open. Every reply is checked exactly: its id (when calls carry one, else reply order), no error,
 * no other field, and {@code result == a*b} written as an exact integer. Anything else is a failure.
 */
final class CallLoad implements AutoCloseable {
    /**
     * The shape of the load. Calls carry an id when {@code ids} (needed to match pipelined replies; always
     * on {@code /rpc}, where a call without one is a notification, never answered).
     */
    record Shape(int connections, int window, int idle, boolean ids, Wire wire) {
        Shape(int connections, int window, int idle, boolean ids) {
            this(connections, window, idle, ids, Wire.WS);
        }

        Shape {
            if (wire == Wire.RPC && !ids) {
                throw new IllegalArgumentException("a JSON-RPC call without an id is a notification: no reply to measure");
            }
        }
    }

    /** The calls' wire: Switchboard's own on {@code /ws}, or JSON-RPC 2.0 on {@code /rpc}. */
    enum Wire {
        WS("/ws", 1) {
            @Override
            String call(long id, long a, long b) {
                String call = "\"func\":\"multiply\",\"args\":[" + a + "," + b + "]}";
                return id > 0 ? "{\"id\":" + id + "," + call : "{" + call;
            }
        },
        RPC("/rpc", 2) {
            @Override
            String call(long id, long a, long b) {
                return "{\"jsonrpc\":\"2.0\",\"method\":\"multiply\",\"params\":[" + a + "," + b + "],\"id\":" + id + "}";
            }
        };

        private final String path;
        /** The fields of a reply besides its id. */
        private final int fieldsWithoutId;

        Wire(String path, int fieldsWithoutId) {
            this.path = path;
            this.fieldsWithoutId = fieldsWithoutId;
        }

        /** The call of multiply a b; {@code id} 0 for none. */
        abstract String call(long id, long a, long b);
    }

    private record Pending(long id, long a, long b, long sent) {
    }

    private static final int ARG_BOUND = 1_000_000;
    private final Shape shape;
    private final Failures failures;
    private final List<Caller> callers = new ArrayList<>();
    private final List<Ws> connections = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean recording;

    private CallLoad(Shape shape, Failures failures) {
        this.shape = shape;
        this.failures = failures;
    }

    static CallLoad open(Server server, Shape shape, Clients clients, Failures failures) throws InterruptedException {
        CallLoad load = new CallLoad(shape, failures);
        URI uri = server.uri(shape.wire().path);
        load.connections.addAll(clients.open(uri, shape.idle(),
                i -> text -> failures.add("message on an idle connection: " + Json.abbreviate(text)), failures));
        for (int i = 0; i < shape.connections(); i++) {
            load.callers.add(load.new Caller());
        }
        List<Ws> active = clients.open(uri, shape.connections(), i -> load.callers.get(i), failures);
        if (active.size() < shape.connections()) {
            throw new IllegalStateException("only " + active.size() + " of " + shape.connections() + " connections opened");
        }
        for (int i = 0; i < active.size(); i++) {
            load.callers.get(i).ws = active.get(i);
        }
        load.connections.addAll(active);
        return load;
    }

    void start() {
        running = true;
        callers.forEach(Caller::fill);
    }

    void record(boolean on) {
        recording = on;
    }

    /** Replies received and verified so far. */
    long completed() {
        return callers.stream().mapToLong(c -> c.completed.get()).sum();
    }

    Samples latencies() {
        return Samples.merge(callers.stream().map(c -> c.latencies).toList());
    }

    /** Stops issuing calls and waits for the outstanding ones; a call with no reply is a failure. */
    void stop(Duration drain) throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + drain.toNanos();
        synchronized (drained) {
            long left;
            while (outstanding() > 0 && (left = deadline - System.nanoTime()) > 0) {
                drained.wait(Math.max(1, left / 1_000_000));
            }
        }
        long missing = outstanding();
        if (missing > 0) {
            failures.add(missing + " calls got no reply within " + drain.toSeconds() + " s");
        }
    }

    /** Notified as replies arrive after {@link #stop}. */
    private final Object drained = new Object();

    private long outstanding() {
        return callers.stream().mapToLong(Caller::outstanding).sum();
    }

    @Override
    public void close() {
        Clients.closeAll(connections, Duration.ofSeconds(10));
    }

    /** One active connection: sends calls and checks the replies (on the connection's receive thread). */
    private final class Caller implements java.util.function.Consumer<String> {
        private final Map<Long, Pending> byId = new ConcurrentHashMap<>();
        private final Queue<Pending> inOrder = new ConcurrentLinkedQueue<>();
        private final AtomicLong nextId = new AtomicLong();
        private final AtomicLong completed = new AtomicLong();
        private final Samples latencies = new Samples();
        private volatile Ws ws;

        void fill() {
            for (int i = 0; i < shape.window(); i++) {
                sendOne();
            }
        }

        long outstanding() {
            return shape.ids() ? byId.size() : inOrder.size();
        }

        private void sendOne() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long a = random.nextLong(-ARG_BOUND, ARG_BOUND + 1);
            long b = random.nextLong(-ARG_BOUND, ARG_BOUND + 1);
            Pending pending;
            if (shape.ids()) {
                pending = new Pending(nextId.incrementAndGet(), a, b, System.nanoTime());
                byId.put(pending.id(), pending);
            } else {
                pending = new Pending(0, a, b, System.nanoTime());
                inOrder.add(pending);
            }
            ws.send(shape.wire().call(pending.id(), a, b));
        }

        @Override
        public void accept(String text) {
            long now = System.nanoTime();
            Map<String, Object> reply = Json.parseObject(text);
            Pending pending = shape.ids() ? byId.remove(idOf(reply)) : inOrder.poll();
            if (pending == null) {
                failures.add("reply to no call in flight: " + Json.abbreviate(text));
                return;
            }
            String wrong = check(pending, reply);
            if (wrong != null) {
                failures.add(wrong + ": multiply " + pending.a() + " " + pending.b() + " -> " + Json.abbreviate(text));
            } else {
                if (recording) {
                    latencies.add(now - pending.sent());
                }
                completed.incrementAndGet();
            }
            if (running) {
                sendOne();
            } else {
                synchronized (drained) {
                    drained.notifyAll(); // stop() waits for the last replies
                }
            }
        }

        private long idOf(Map<String, Object> reply) {
            return reply.get("id") instanceof BigDecimal id ? id.longValueExact() : -1;
        }

        /** What is wrong with the reply, or null. */
        private String check(Pending pending, Map<String, Object> reply) {
            if (reply.containsKey("error")) {
                return "error reply";
            }
            if (reply.size() != shape.wire().fieldsWithoutId + (shape.ids() ? 1 : 0)) {
                return "unexpected fields";
            }
            Object result = reply.get("result");
            if (!(result instanceof BigDecimal value) || !value.equals(BigDecimal.valueOf(pending.a() * pending.b()))) {
                return "wrong result";
            }
            return null;
        }
    }
}
