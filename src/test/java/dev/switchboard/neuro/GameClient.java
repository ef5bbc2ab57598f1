package dev.switchboard.neuro;

import dev.switchboard.client.WsClient;
import jakarta.json.JsonObject;

import java.net.URI;
import java.time.Duration;

import static dev.switchboard.ItSupport.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A scripted game on the Neuro API. */
public class GameClient implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(15);
    public static final String MOVE_SCHEMA = "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":2},"
            + "\"y\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":2}},\"required\":[\"x\",\"y\"]}";

    public final WsClient ws;
    public final String name;

    public GameClient(URI uri, String name) throws Exception {
        this.ws = WsClient.connect(uri);
        this.name = name;
        assertEquals("{\"command\":\"actions/reregister_all\"}", ws.next(WAIT), "sent on every new connection");
    }

    public void send(String command, String data) {
        ws.send("{\"command\":\"" + command + "\",\"game\":\"" + name + "\"" + (data == null ? "" : ",\"data\":" + data) + "}");
    }

    public JsonObject next() throws Exception {
        return object(ws.next(WAIT));
    }

    public void startupAndRegister() throws Exception {
        send("startup", null);
        JsonObject ack = next();
        assertEquals("startup", ack.getString("command"));
        send("actions/register", "{\"actions\":[{\"name\":\"play\",\"description\":\"Place your mark\",\"schema\":" + MOVE_SCHEMA + "},"
                + "{\"name\":\"pass\",\"description\":\"Skip the turn\"}]}");
    }

    @Override
    public void close() {
        ws.close();
    }
}
