package dev.switchboard.agent;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A local stub of the chat-completions API on 127.0.0.1: answers each request with the next scripted
 * response (status + body, or a hang until the test ends), and records the request bodies and headers.
 */
public final class ChatStub implements AutoCloseable {
    record Scripted(int status, String body, boolean hang) {
    }

    private final HttpServer server;
    private final BlockingQueue<Scripted> script = new LinkedBlockingQueue<>();
    public final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    public ChatStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Scripted next = script.poll();
            if (next == null) {
                next = new Scripted(500, "{\"error\":{\"message\":\"nothing scripted\"}}", false);
            }
            if (next.hang()) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = next.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(next.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public ChatStub answer(String content) {
        script.add(new Scripted(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}]}", false));
        return this;
    }

    public ChatStub fail(int status) {
        script.add(new Scripted(status, "{\"error\":{\"message\":\"stub says no\"}}", false));
        return this;
    }

    public ChatStub hang() {
        script.add(new Scripted(200, "{}", true));
        return this;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
