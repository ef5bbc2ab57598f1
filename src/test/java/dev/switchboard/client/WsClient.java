package dev.switchboard.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small text WebSocket client on {@code java.net.http}: sends strings, queues every received text
 * message (frames reassembled), and records the close. Used by the CLI demos and the tests.
 */
public final class WsClient implements AutoCloseable {
    /** The close status and reason the server sent. */
    public record Closed(int code, String reason) {
    }

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private final boolean reading;

    private WsClient(URI uri, boolean reading) throws InterruptedException, ExecutionException, TimeoutException {
        this.reading = reading;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener())
                .get(15, TimeUnit.SECONDS);
    }

    public static WsClient connect(URI uri) throws InterruptedException, ExecutionException, TimeoutException {
        return new WsClient(uri, true);
    }

    /** A client that never asks for a message after the first: a consumer that stopped reading. */
    public static WsClient connectNotReading(URI uri)
            throws InterruptedException, ExecutionException, TimeoutException {
        return new WsClient(uri, false);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next text message, or a TimeoutException after {@code timeout}. */
    public String next(Duration timeout) throws InterruptedException, TimeoutException {
        String message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new TimeoutException("no message within " + timeout);
        }
        return message;
    }

    /** Waits for the server to close the connection. */
    public Closed awaitClose(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Messages received and not yet taken. */
    public int pending() {
        return received.size();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}
