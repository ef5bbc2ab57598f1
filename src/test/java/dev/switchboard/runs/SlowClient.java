package dev.switchboard.runs;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client that reads only when the test says so: a send completes when {@link #read()}
 * takes its message, so the server's outbox fills up exactly as it would for a client that is slower
 * than the server. Objects are written with the runs encoder, as the endpoint would.
 */
final class SlowClient {
    private record Sent(String text, SendHandler handler) {
    }

    private final BlockingQueue<Sent> unread = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Map<String, Object> userProperties = new HashMap<>();
    private final Session session;

    SlowClient() {
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{RemoteEndpoint.Async.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "sendText" -> {
                        unread.add(new Sent((String) args[0], (SendHandler) args[1]));
                        yield null;
                    }
                    case "sendObject" -> {
                        unread.add(new Sent(new RunsEncoder().encode((RunMessage) args[0]), (SendHandler) args[1]));
                        yield null;
                    }
                    case "setSendTimeout" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> async;
                    case "getUserProperties" -> userProperties;
                    case "getId" -> "slow";
                    case "isOpen" -> !closed.isDone();
                    case "close" -> {
                        closed.complete(args == null ? null : (CloseReason) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "SlowClient";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    Session session() {
        return session;
    }

    /** Reads the next message (waiting up to 10 s for it), which lets the server send the one after. */
    String read() throws InterruptedException {
        Sent sent = unread.poll(10, TimeUnit.SECONDS);
        if (sent == null) {
            throw new AssertionError("nothing was sent within 10 s");
        }
        sent.handler().onResult(new SendResult());
        return sent.text();
    }

    boolean isClosed() {
        return closed.isDone();
    }

    CloseReason closeReason() {
        return closed.getNow(null);
    }
}
