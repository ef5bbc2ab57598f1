package dev.switchboard.rpc;

import dev.switchboard.calls.CallService;
import dev.switchboard.calls.TestCalls;
import dev.switchboard.websocket.FakeSession;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** One {@code /rpc} connection in-process: decoder, connection, the built-in functions, outbox, encoder. */
final class TestRpc implements AutoCloseable {
    final FakeSession session = new FakeSession(new RpcEncoder());
    private final RpcDecoder decoder = new RpcDecoder();
    private final RpcConnection connection;

    TestRpc() {
        this(TestCalls.service());
    }

    TestRpc(CallService service) {
        connection = new RpcConnection(service, new Outbox(session.session(), 1024, 1000, Runnable::run),
                new OpenRpcDocument(service.registry()).document());
    }

    void send(String text) {
        connection.accept(decoder.decode(text));
    }

    String next() throws InterruptedException {
        return session.next();
    }

    JsonValue nextJson() throws InterruptedException {
        return JsonSupport.readTree(next());
    }

    /** Sends one message and returns the first message sent back. */
    String call(String text) throws InterruptedException {
        send(text);
        return next();
    }

    JsonValue nextJsonAfter(String text) throws InterruptedException {
        send(text);
        return nextJson();
    }

    JsonObject callJson(String text) throws InterruptedException {
        return JsonSupport.readTree(call(text)).asJsonObject();
    }

    @Override
    public void close() {
        connection.close();
    }
}
