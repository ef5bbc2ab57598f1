package dev.switchboard.serve;

import dev.switchboard.RawWebSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * SIGTERM, as Ctrl-C on the run command or a container runtime sends it, to a Payara Micro serving the
 * built WAR (its own process, like the run command's: Arquillian can only undeploy): every client
 * gets its run's {@code run_cancelled} {@code server_shutdown} and then a 1001 close, never a 1006, and
 * promptly even while one client has stopped reading with the server's writes to it stuck.
 */
// Payara-only: it starts its own Payara Micro process the way the run command does (the shutdown under test is
// that JVM's SIGTERM); the WildFly execution would only boot a second Payara. Undeployment on WildFly runs the same
// shutdown code (ShutdownHook), not tested there.
@Tag("payara-only")
class GracefulShutdownIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Payara Micro boots in about 12 s, and took over a minute on a machine busy with other builds. */
    private static final Duration BOOT = Duration.ofSeconds(180);
    /** Chats of 16 KB at a time: 1.6 MB; a loopback connection's buffers hold 4 MB at most. */
    private static final int CHAT_ROUND = 100;
    private static final int MAX_CHATS = 2000;
    /** Messages queued for one client that say its sends stall: one that reads has at most a few queued. */
    private static final int STALLED_DEPTH = 50;
    /**
     * The drain wait (2 s in all, used up by the stuck client's queue), then closes that do not wait on each
     * other (far under a second), with slack for a machine busy with other builds: measured 2.1–2.2 s.
     */
    private static final Duration PROMPT = Duration.ofSeconds(6);
    /** The application's shutdown is bounded (2 s drain, 3 s closes) and Payara's own takes a second or two. */
    private static final Duration EXIT = Duration.ofSeconds(30);

    /** What one client saw: its last text message and its close. */
    private static final class Client implements WebSocket.Listener {
        final CompletableFuture<String> started = new CompletableFuture<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final AtomicInteger chatsSeen = new AtomicInteger();
        private final StringBuilder parts = new StringBuilder();
        volatile String last = "";
        volatile long closedAtNanos;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean whole) {
            parts.append(data);
            if (whole) {
                last = parts.toString();
                parts.setLength(0);
                if (last.contains("\"run_started\"")) {
                    started.complete(last);
                }
                if (last.contains("\"platform-ws:chatter\"")) {
                    chatsSeen.incrementAndGet();
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closedAtNanos = System.nanoTime();
            closed.complete(code + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete("error " + error);
        }
    }

    @Test
    void sigtermCancelsRunsWithServerShutdownAndClosesEverySessionWith1001EvenWithAClientThatDoesNotRead() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // The chatter may fill the stuck client's buffers quickly, and that client is not given up on (send timeout,
        // falling behind the bus's history, an unanswered ping) before the SIGTERM: the server is still writing to it then.
        ServerProcess server = ServerProcess.start(List.of(
                System.getProperty("java.home") + "/bin/java", "-Xmx512m", Serve.GRID_ON_ITS_INTERFACE_ONLY,
                "-Dswitchboard.bus.chat-per-second=1000", "-Dswitchboard.bus.chat-burst=" + MAX_CHATS,
                "-Dswitchboard.bus.history=" + 2 * MAX_CHATS, "-Dswitchboard.outbox.send-timeout-ms=600000",
                "-Dswitchboard.websocket.ping-interval-ms=0",
                "-jar", System.getProperty("payara.microJar"),
                "--deploy", System.getProperty("switchboard.war"), "--contextroot", "/", "--port", String.valueOf(port),
                "--nocluster", "--addlibs", System.getProperty("switchboard.headerGuardJar"),
                "--prebootcommandfile", System.getProperty("switchboard.payaraDir") + "/pre-boot-commands.asadmin",
                "--postbootcommandfile", System.getProperty("switchboard.payaraDir") + "/post-boot-commands.asadmin"),
                WAIT);
        RawWebSocket stuck = null;
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            awaitReady(http, port);
            List<Client> runs = new ArrayList<>();
            List<Client> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Client run = new Client();
                WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/runs"), run)
                        .get(10, TimeUnit.SECONDS);
                socket.sendText("{\"type\":\"start_run\",\"run_id\":\"r" + i + "\",\"task\":\"demo\","
                        + "\"input\":{\"steps\":1000,\"delay_ms\":100}}", true).get(10, TimeUnit.SECONDS);
                runs.add(run);
                Client call = new Client();
                http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), call).get(10, TimeUnit.SECONDS);
                calls.add(call);
            }
            for (Client run : runs) {
                run.started.get(10, TimeUnit.SECONDS);
            }

            // A bus client that never reads, with a small receive window, and a chatter whose every message the
            // bus sends it too: several MB, more than the connection's buffers hold, so the server's write to it stalls.
            stuck = RawWebSocket.open(URI.create("ws://127.0.0.1:" + port + "/events"), WAIT, 4096);
            Client chatter = new Client();
            WebSocket chat = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/events"), chatter)
                    .get(10, TimeUnit.SECONDS);
            int chats = chatUntilStuck(http, port, chat, chatter);
            System.out.println("GracefulShutdownIT: the server's writes to the client that does not read stalled after "
                    + chats + " chats of 16 KB");

            ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
            long sigterm = System.nanoTime();
            process.destroy(); // SIGTERM
            List<Client> others = new ArrayList<>(runs);
            others.addAll(calls);
            others.add(chatter);
            for (Client other : others) {
                assertEquals("1001 server shutdown", other.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            for (Client run : runs) {
                assertTrue(run.last.contains("\"event_type\":\"run_cancelled\"") && run.last.contains("\"server_shutdown\""), run.last);
            }
            long slowest = others.stream().mapToLong(c -> c.closedAtNanos - sigterm).max().orElseThrow() / 1_000_000;
            System.out.println("GracefulShutdownIT: every other client had its 1001 " + slowest + " ms after the SIGTERM");
            // The stuck client's queue never empties, so the drain wait (2 s in all) runs out before the closes.
            assertTrue(slowest < PROMPT.toMillis(), "the last 1001 came " + slowest + " ms after the SIGTERM");
            process.onExit().get(EXIT.toSeconds(), TimeUnit.SECONDS);
            System.out.println("GracefulShutdownIT: the server ended " + (System.nanoTime() - sigterm) / 1_000_000
                    + " ms after the SIGTERM; the client that did not read then got " + lastWords(stuck));
        } finally {
            if (stuck != null) {
                stuck.close();
            }
            server.stop();
        }
    }

    /**
     * Chats, a round at a time, until the client that does not read has many messages queued for it once the
     * chatter has seen every chat of its own come back (the bus has handed them all out): its sends no longer complete.
     * Returns the chats it took.
     */
    private static int chatUntilStuck(HttpClient http, int port, WebSocket chat, Client chatter) throws Exception {
        String message = "{\"source\":\"chatter\",\"content\":\"" + "x".repeat(16_000) + "\"}";
        int sent = 0;
        while (sent < MAX_CHATS) {
            for (int i = 0; i < CHAT_ROUND; i++, sent++) {
                chat.sendText(message, true).get(10, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (chatter.chatsSeen.get() < sent) {
                if (System.nanoTime() > deadline) {
                    fail("the chatter saw " + chatter.chatsSeen.get() + " of its " + sent + " chats");
                }
                Thread.sleep(50);
            }
            if (metric(http, port, "switchboard_outbox_depth_max") >= STALLED_DEPTH) {
                return sent;
            }
        }
        return fail("the server's writes to a client that does not read never stalled: " + sent
                + " chats of 16 KB sent, and no outbox ever held " + STALLED_DEPTH + " messages");
    }

    /** Reads what the server had sent to the client that did not read, after the server ended: its close, if any. */
    private static String lastWords(RawWebSocket stuck) {
        int frames = 0;
        try {
            for (RawWebSocket.Frame frame = stuck.read(); ; frame = stuck.read(), frames++) {
                if (frame.opcode() == RawWebSocket.CLOSE) {
                    return frames + " frames, then a close " + frame.closeCode() + " " + frame.closeReason();
                }
            }
        } catch (java.io.IOException e) {
            return frames + " frames, then no close (" + e + ")";
        }
    }

    private static double metric(HttpClient http, int port, String name) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics?scope=application")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher value = Pattern.compile("^" + name + "(?:\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE).matcher(body);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private static void awaitReady(HttpClient http, int port) throws Exception {
        long deadline = System.nanoTime() + BOOT.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
        while (true) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notListeningYet) {
                // the server is still starting
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Payara Micro not ready within " + BOOT);
            }
            Thread.sleep(200);
        }
    }
}
