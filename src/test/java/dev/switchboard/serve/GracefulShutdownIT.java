package dev.switchboard.serve;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM, as Ctrl-C on the run command or a container runtime sends it, to a Payara Micro serving the
 * built WAR (its own process, like the run command's: Arquillian can only undeploy): every client
 * gets its run's {@code run_cancelled} {@code server_shutdown} and then a 1001 close, never a 1006.
 */
// Payara-only: it starts its own Payara Micro process the way the run command does (the shutdown under test is
// that JVM's SIGTERM); the WildFly execution would only boot a second Payara. Undeployment on WildFly runs the same
// shutdown code (ShutdownHook), not tested there.
@Tag("payara-only")
class GracefulShutdownIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** What one client saw: its last text message and its close. */
    private static final class Client implements WebSocket.Listener {
        final CompletableFuture<String> started = new CompletableFuture<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        volatile String last = "";

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean whole) {
            last = data.toString();
            if (last.contains("\"run_started\"")) {
                started.complete(last);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closed.complete(code + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete("error " + error);
        }
    }

    @Test
    void sigtermCancelsRunsWithServerShutdownAndClosesEverySessionWith1001() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ServerProcess server = ServerProcess.start(List.of(
                System.getProperty("java.home") + "/bin/java", "-Xmx512m", "-jar", System.getProperty("payara.microJar"),
                "--deploy", System.getProperty("switchboard.war"), "--contextroot", "/", "--port", String.valueOf(port),
                "--nocluster", "--addlibs", System.getProperty("switchboard.headerGuardJar"),
                "--prebootcommandfile", System.getProperty("switchboard.payaraDir") + "/pre-boot-commands.asadmin",
                "--postbootcommandfile", System.getProperty("switchboard.payaraDir") + "/post-boot-commands.asadmin"),
                WAIT);
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
            server.stop(); // SIGTERM, then waits for the process to end
            for (Client run : runs) {
                assertEquals("1001 server shutdown", run.closed.get(10, TimeUnit.SECONDS));
                assertTrue(run.last.contains("\"event_type\":\"run_cancelled\"") && run.last.contains("\"server_shutdown\""), run.last);
            }
            for (Client call : calls) {
                assertEquals("1001 server shutdown", call.closed.get(10, TimeUnit.SECONDS));
            }
        } finally {
            server.stop();
        }
    }

    private static void awaitReady(HttpClient http, int port) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
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
                throw new TimeoutException("Payara Micro not ready within " + WAIT);
            }
            Thread.sleep(200);
        }
    }
}
