package dev.switchboard.floor;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;

/**
 * The least a Payara endpoint can do for the benchmark's calls: parse, multiply, answer on the reading
 * thread. No validation, limits, executor or metrics; it measures the container, not an application.
 */
@ServerEndpoint("/ws")
public class FloorCalls {
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    @OnMessage
    public void call(Session session, String text) throws IOException {
        JsonObject call = READERS.createReader(new StringReader(text)).readObject();
        JsonArray args = call.getJsonArray("args");
        long product = args.getJsonNumber(0).longValue() * args.getJsonNumber(1).longValue();
        String id = call.containsKey("id") ? "\"id\":" + call.get("id") + "," : "";
        session.getBasicRemote().sendText("{" + id + "\"result\":" + product + "}");
    }
}
