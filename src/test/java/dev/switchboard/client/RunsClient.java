package dev.switchboard.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code /runs} demo (the seed's): starts three demo runs on one connection, cancels one, and
 * prints every event routed by run id until all three have ended.
 * {@code mvn -q exec:java@runs-client [-Dexec.args=ws://host:port/runs]}
 */
public final class RunsClient {
    public static final URI DEFAULT_URI = URI.create("ws://localhost:8000/runs");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private RunsClient() {
    }

    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? URI.create(args[0]) : DEFAULT_URI, System.out);
    }

    public static void run(URI uri, PrintStream out) throws Exception {
        String prefix = "demo-" + Long.toHexString(System.nanoTime()) + "-";
        try (WsClient ws = WsClient.connect(uri)) {
            out.println("Connected. Starting runs " + prefix + "1, 2 and 3...");
            for (int i = 1; i <= 3; i++) {
                ws.send("{\"type\":\"start_run\",\"run_id\":\"" + prefix + i
                        + "\",\"task\":\"demo\",\"input\":{\"steps\":" + (2 + i) + ",\"delay_ms\":" + (100 * i) + "}}");
            }
            Set<String> ended = new HashSet<>();
            boolean cancelSent = false;
            while (ended.size() < 3) {
                JsonObject message = parse(ws.next(WAIT));
                if (!"run_event".equals(message.getString("type"))) {
                    out.println("error: " + message);
                    continue;
                }
                String runId = message.getString("run_id");
                String eventType = message.getString("event_type");
                out.println("[" + runId + "] #" + message.getInt("seq") + " " + eventType + " " + message.get("payload"));
                if (!cancelSent && runId.equals(prefix + 3) && eventType.equals("step")) {
                    ws.send("{\"type\":\"cancel_run\",\"run_id\":\"" + prefix + 3 + "\",\"reason\":\"demo cancel\"}");
                    cancelSent = true;
                }
                if (eventType.startsWith("run_") && !eventType.equals("run_started")) {
                    ended.add(runId);
                }
            }
            out.println("All runs ended.");
        }
    }

    private static JsonObject parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
