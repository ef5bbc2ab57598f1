package dev.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Opens many connections: spreads them over several {@link HttpClient}s (each has one selector thread;
 * with the direct executor the listeners run on it, which saves a thread hand-off per message) and keeps at
 * most {@code handshakes} handshakes in flight, so 10,000 connections open without a storm.
 */
final class Clients {
    private final List<HttpClient> clients = new ArrayList<>();
    private final int handshakes;
    private final int perClient;
    private final boolean direct;

    Clients(BenchConfig config) {
        this.handshakes = config.handshakes;
        this.perClient = config.connectionsPerClient;
        this.direct = config.directExecutor;
    }

    private HttpClient client(int index) {
        int slot = index / perClient;
        synchronized (clients) {
            while (clients.size() <= slot) {
                HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20));
                if (direct) {
                    builder.executor(Runnable::run);
                }
                clients.add(builder.build());
            }
            return clients.get(slot);
        }
    }

    /** Opens {@code count} connections to {@code uri}; each gets the message handler {@code handler.apply(i)}. */
    List<Ws> open(URI uri, int count, IntFunction<Consumer<String>> handler, Failures failures)
            throws InterruptedException {
        return open(uri, 0, count, handler, failures);
    }

    /**
     * The same, for the connections {@code first} to {@code first + count - 1} of a larger set (which
     * decides their {@link HttpClient}s as if all were opened at once); {@code i} counts from 0.
     */
    List<Ws> open(URI uri, int first, int count, IntFunction<Consumer<String>> handler, Failures failures)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(handshakes);
        List<CompletableFuture<Ws>> opening = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            CompletableFuture<Ws> ws = Ws.open(client(first + i), uri, handler.apply(i), failures);
            ws.whenComplete((w, e) -> inFlight.release());
            opening.add(ws);
        }
        List<Ws> open = new ArrayList<>(count);
        for (CompletableFuture<Ws> ws : opening) {
            try {
                open.add(ws.get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                failures.add("connect to " + uri + " failed: " + e);
            }
        }
        return open;
    }

    /** Closes every connection and waits (bounded) for the server's close frames. */
    static void closeAll(List<Ws> connections, Duration wait) {
        List<CompletableFuture<Integer>> closing = new ArrayList<>(connections.size());
        for (Ws ws : connections) {
            closing.add(ws.close());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            connections.stream().filter(Ws::isOpen).forEach(Ws::abort);
        }
    }
}
