package dev.switchboard.neuro;

import dev.switchboard.client.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.URI;
import java.util.function.Predicate;

import static dev.switchboard.ItSupport.object;
import static dev.switchboard.neuro.GameClient.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The operator console: a snapshot first, then updates; commands answered with ack or error. */
public class ConsoleClient implements AutoCloseable {
    public final WsClient ws;
    public final JsonObject snapshot;

    public ConsoleClient(URI uri) throws Exception {
        ws = WsClient.connect(uri);
        snapshot = object(ws.next(WAIT));
        assertEquals("snapshot", snapshot.getString("type"));
    }

    public JsonObject until(Predicate<JsonObject> wanted) throws Exception {
        while (true) {
            JsonObject message = object(ws.next(WAIT));
            if (wanted.test(message)) {
                return message;
            }
        }
    }

    public JsonObject command(String json) throws Exception {
        ws.send(json);
        return until(m -> m.getString("type").equals("ack") || m.getString("type").equals("error")
                || m.getString("type").equals("snapshot") && json.contains("\"snapshot\""));
    }

    /** The latest view of a game, after an update with a change of the given kind. */
    public JsonObject view(String game, String kind) throws Exception {
        return until(m -> changed(m, kind, "") && m.getJsonObject("view").getString("game", "").equals(game))
                .getJsonObject("view");
    }

    /** Whether a console message is a game update listing a change of that kind (null: any) whose detail contains the text. */
    public static boolean changed(JsonObject message, String kind, String detailPart) {
        return message.getString("type").equals("game") && message.getJsonArray("changes").stream()
                .map(JsonValue::asJsonObject)
                .anyMatch(c -> (kind == null || c.getString("kind").equals(kind)) && c.getString("detail").contains(detailPart));
    }

    @Override
    public void close() {
        ws.close();
    }
}
