package dev.switchboard.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Encoder;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket {@link Session} for unit tests: async sends are encoded with the given encoder and
 * recorded; they complete at once, or only when {@link #completePending()} is called if the session
 * is "stalled" (a client that does not read).
 */
public final class FakeSession {
    private final Encoder.Text<Object> encoder;
    private final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
    private final List<SendHandler> pending = new ArrayList<>();
    private final Map<String, Object> userProperties = new HashMap<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private volatile boolean stalled;
    private volatile CountDownLatch closeBlocker;
    final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
    private final Session session;

    @SuppressWarnings("unchecked")
    public <T> FakeSession(Encoder.Text<T> encoder) {
        this.encoder = (Encoder.Text<Object>) encoder;
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{RemoteEndpoint.Async.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "sendText", "sendObject" -> {
                        send(args[0], (SendHandler) args[1]);
                        yield null;
                    }
                    case "setSendTimeout" -> null;
                    case "sendPing" -> {
                        pings.incrementAndGet();
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> async;
                    case "getUserProperties" -> userProperties;
                    case "getId" -> "fake";
                    case "getRequestURI" -> java.net.URI.create("ws://127.0.0.1/fake");
                    case "setMaxTextMessageBufferSize", "setMaxBinaryMessageBufferSize" -> {
                        userProperties.put("fake." + method.getName(), args[0]);
                        yield null;
                    }
                    case "isOpen" -> !closed.isDone();
                    case "close" -> {
                        CountDownLatch blocker = closeBlocker;
                        if (blocker != null) {
                            blocker.await();
                        }
                        closed.complete(args == null ? null : (CloseReason) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeSession";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    public Session session() {
        return session;
    }

    /** Makes close block until {@code release} opens, as a container's close may on a client that does not read. */
    public void blockCloseUntil(CountDownLatch release) {
        closeBlocker = release;
    }

    public void stall() {
        stalled = true;
    }

    /** Completes every send the stalled client has "read" so far. */
    public void completePending() {
        List<SendHandler> handlers;
        synchronized (pending) {
            handlers = new ArrayList<>(pending);
            pending.clear();
        }
        handlers.forEach(h -> h.onResult(new SendResult()));
    }

    /** Fails every pending send with this error, as the container reports a timeout or an I/O error. */
    public void failPending(Throwable error) {
        List<SendHandler> handlers;
        synchronized (pending) {
            handlers = new ArrayList<>(pending);
            pending.clear();
        }
        handlers.forEach(h -> h.onResult(new SendResult(error)));
    }

    public String next() throws InterruptedException {
        String message = sent.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("nothing was sent within 10 s");
        }
        return message;
    }

    public String poll() {
        return sent.poll();
    }

    public CloseReason awaitClose() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    private void send(Object message, SendHandler handler) throws Exception {
        String text = message instanceof String s ? s : encoder.encode(message);
        if (stalled) {
            synchronized (pending) {
                pending.add(handler); // before the message shows: whoever sees it can complete it
            }
            sent.add(text);
        } else {
            sent.add(text);
            handler.onResult(new SendResult());
        }
    }
}
