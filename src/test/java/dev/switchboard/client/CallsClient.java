package dev.switchboard.client;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The {@code /ws} demo: the seed's three multiplications, then a batch, two concurrent calls answered
 * out of order, a stream and an error. {@code mvn -q exec:java@calls-client [-Dexec.args=ws://host:port/ws]}
 */
public final class CallsClient {
    public static final URI DEFAULT_URI = URI.create("ws://localhost:8000/ws");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WsClient ws;
    private final PrintStream out;

    private CallsClient(WsClient ws, PrintStream out) {
        this.ws = ws;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        URI uri = args.length > 0 ? URI.create(args[0]) : DEFAULT_URI;
        run(uri, System.out);
    }

    public static void run(URI uri, PrintStream out) throws Exception {
        try (WsClient ws = WsClient.connect(uri)) {
            out.println("Connected to server. Sending requests...");
            new CallsClient(ws, out).demo();
        }
    }

    private void demo() throws Exception {
        for (int[] pair : new int[][]{{3, 4}, {10, 8}, {-5, 3}}) {
            JsonObject reply = call("{\"func\":\"multiply\",\"args\":[" + pair[0] + "," + pair[1] + "]}");
            out.println(pair[0] + " * " + pair[1] + " = " + reply.get("result"));
        }

        ws.send("[{\"func\":\"add\",\"args\":[1,2]},{\"func\":\"divide\",\"args\":[1,4]},{\"func\":\"sqrt\",\"args\":[2]}]");
        JsonArray batch = parse(ws.next(WAIT)).asJsonArray();
        out.println("batch add(1,2), divide(1,4), sqrt(2) = " + batch.stream()
                .map(r -> r.asJsonObject().get("result").toString()).collect(Collectors.joining(", ")));

        ws.send("{\"id\":\"slow\",\"func\":\"sleep\",\"args\":[300]}");
        ws.send("{\"id\":\"fast\",\"func\":\"multiply\",\"args\":[6,7]}");
        for (int i = 0; i < 2; i++) {
            JsonObject reply = parse(ws.next(WAIT)).asJsonObject();
            out.println("concurrent: id " + reply.get("id") + " answered " + reply.get("result"));
        }

        ws.send("{\"id\":7,\"func\":\"count\",\"args\":[3]}");
        StringBuilder stream = new StringBuilder("stream count(3):");
        JsonObject reply;
        do {
            reply = parse(ws.next(WAIT)).asJsonObject();
            stream.append(reply.containsKey("partial") ? " " + reply.get("partial") : " -> " + reply.get("result"));
        } while (reply.containsKey("partial"));
        out.println(stream);

        JsonObject error = call("{\"func\":\"nosuch\",\"args\":[]}");
        out.println("error: " + error.getString("code") + ": " + error.getString("error"));
    }

    private JsonObject call(String request) throws Exception {
        ws.send(request);
        return parse(ws.next(WAIT)).asJsonObject();
    }

    private static JsonValue parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
