package dev.switchboard.floor;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The least a Payara endpoint can do for the benchmark's broadcast: every chat message is numbered,
 * encoded once and handed to every open session's async remote on the sender's reading thread, like
 * bench/node/broadcast.js. Frames without "content" (the benchmark's subscribe frame) are ignored.
 * With {@code -Dfloor.broadcast=tyrus} it uses Tyrus' own broadcast instead (the frame built once for
 * all sessions), reached by reflection since it is not in the WebSocket API.
 */
@ServerEndpoint("/events")
public class FloorEvents {
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final Set<Session> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicLong OFFSET = new AtomicLong();
    private static final boolean TYRUS_BROADCAST = "tyrus".equals(System.getProperty("floor.broadcast"));

    @OnOpen
    public void open(Session session) {
        OPEN.add(session);
    }

    @OnClose
    public void close(Session session) {
        OPEN.remove(session);
    }

    @OnMessage
    public void chat(Session sender, String text) throws ReflectiveOperationException {
        JsonObject chat = READERS.createReader(new StringReader(text)).readObject();
        if (!chat.containsKey("content")) {
            return;
        }
        String event = Json.createObjectBuilder()
                .add("type", "InboundEvent")
                .add("source", "platform-ws:" + chat.getString("source", "anonymous"))
                .add("content", chat.getString("content"))
                .add("timestamp", System.currentTimeMillis() / 1000.0)
                .add("offset", OFFSET.getAndIncrement())
                .build().toString();
        if (TYRUS_BROADCAST) {
            sender.getClass().getMethod("broadcast", String.class).invoke(sender, event);
            return;
        }
        for (Session session : OPEN) {
            session.getAsyncRemote().sendText(event);
        }
    }
}
