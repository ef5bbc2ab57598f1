package dev.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One client connection of the load generator on {@code java.net.http.WebSocket}: text messages are
 * reassembled and handed to {@code onText} one at a time (on the client's thread); {@link #send} may be
 * called from any thread, since sends are queued and chained (the JDK allows one outstanding send).
 * A close or error the generator did not ask for is counted in {@link Failures} as unexpected.
 */
final class Ws implements WebSocket.Listener {
    private final Consumer<String> onText;
    private final Failures failures;
    private final String label;
    private final ConcurrentLinkedQueue<String> outgoing = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean closing;
    private volatile WebSocket socket;

    private Ws(String label, Consumer<String> onText, Failures failures) {
        this.label = label;
        this.onText = onText;
        this.failures = failures;
    }

    /** Opens a connection; the future completes once the handshake is done and the listener is live. */
    static CompletableFuture<Ws> open(HttpClient client, URI uri, Consumer<String> onText, Failures failures) {
        Ws ws = new Ws(uri.getPath(), onText, failures);
        return client.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .buildAsync(uri, ws)
                .thenApply(socket -> {
                    ws.socket = socket;
                    return ws;
                });
    }

    void send(String text) {
        outgoing.add(text);
        pump();
    }

    private void pump() {
        while (!outgoing.isEmpty() && sending.compareAndSet(false, true)) {
            String next = outgoing.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            CompletableFuture<WebSocket> sent = socket.sendText(next, true);
            if (sent.isDone() && !sent.isCompletedExceptionally()) {
                sending.set(false);
                continue;
            }
            sent.whenComplete((w, error) -> {
                if (error != null && !closing) {
                    failures.add("send failed on " + label + ": " + error);
                }
                sending.set(false);
                pump();
            });
            return;
        }
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    /** The close code, once the connection is closed (by either side). */
    CompletableFuture<Integer> closed() {
        return closed;
    }

    /** Closes from the client side (normal closure); the server's close frame completes {@link #closed()}. */
    CompletableFuture<Integer> close() {
        closing = true;
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").exceptionally(e -> {
                socket.abort();
                closed.complete(-1);
                return null;
            });
        }
        return closed;
    }

    void abort() {
        closing = true;
        socket.abort();
        closed.complete(-1);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
        } else if (partial.length() > 0) {
            partial.append(data);
            String text = partial.toString();
            partial.setLength(0);
            deliver(text);
        } else {
            deliver(data.toString());
        }
        webSocket.request(1);
        return null;
    }

    private void deliver(String text) {
        try {
            onText.accept(text);
        } catch (RuntimeException e) {
            failures.add("bad message on " + label + " (" + e.getMessage() + "): " + Json.abbreviate(text));
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!closing) {
            failures.unexpectedClose(label + " closed by the server: " + statusCode + " " + reason);
        }
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!closing) {
            failures.unexpectedClose(label + " failed: " + error);
        }
        closed.complete(-1);
    }
}
