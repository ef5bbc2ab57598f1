package dev.switchboard.security;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.ItSupport.object;
import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP head guard (payara/header-guard): a request head that has not arrived within
 * {@code switchboard.http.header-timeout-ms} (2 s on the tests' server, arquillian.xml) closes its connection,
 * on the HTTP and the HTTPS listener, for the first request of a connection and for a later one on a kept-alive
 * connection; beyond {@code switchboard.http.max-pending-per-address} (256 there) heads pending from one
 * address, more connections from it are closed at once, while other addresses are served. Raw sockets to
 * 127.0.0.1, some from 127.0.0.2.
 */
// Payara-only: the guard is a library of Payara Micro's listeners (pre-boot commands), not of the WAR; WildFly's
// Undertow has its own setting for the head's time (request-parse-timeout; docs/portability.md).
@Tag("payara-only")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HeaderGuardIT {
    private static final long DEADLINE_MS = 2_000;
    private static final int MAX_PENDING = 256;
    /** A close "at the deadline" may come this much later on a loaded machine (the guard's timer, the selector). */
    private static final long MARGIN_MS = 3_000;
    private static final int TLS_PORT = Integer.getInteger("switchboard.it.tls-port");
    private static final String UPGRADE_HEAD_START = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n";

    @ArquillianResource
    URL base;

    @Test
    void aWebSocketUpgradeWhoseHeadIsDrippedIsClosedAtTheDeadline() throws Exception {
        try (Socket socket = connect("127.0.0.1", base.getPort())) {
            long started = System.nanoTime();
            send(socket, UPGRADE_HEAD_START);
            assertClosedAtTheDeadline(dripUntilClosed(socket, started));
        }
    }

    @Test
    void overHttpsTooAndAlsoBeforeTheTlsHandshake() throws Exception {
        try (Socket raw = connect("127.0.0.1", TLS_PORT)) {
            long started = System.nanoTime();
            SSLSocket tls = (SSLSocket) trustingAll().getSocketFactory().createSocket(raw, "127.0.0.1", TLS_PORT, true);
            tls.startHandshake();
            send(tls, UPGRADE_HEAD_START);
            assertClosedAtTheDeadline(dripUntilClosed(tls, started));
        }
        try (Socket silent = connect("127.0.0.1", TLS_PORT)) { // no ClientHello at all
            long started = System.nanoTime();
            assertClosedAtTheDeadline(closedAfterMs(silent, started, DEADLINE_MS + MARGIN_MS));
        }
    }

    @Test
    void aLaterRequestOnAKeptAliveConnectionHasTheSameDeadlineButIdlingBetweenRequestsIsFine() throws Exception {
        try (Socket socket = connect("127.0.0.1", base.getPort())) {
            send(socket, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertEquals("UP", object(response(socket)).getString("status"));
            // Longer than the deadline between two requests: the keep-alive timeout's business, not the guard's.
            Thread.sleep(DEADLINE_MS + 1_000);
            send(socket, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertEquals("UP", object(response(socket)).getString("status"));

            long started = System.nanoTime();
            send(socket, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            assertClosedAtTheDeadline(dripUntilClosed(socket, started));
        }
    }

    @Test
    void aWebSocketMayIdleLongerThanTheDeadline() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(ws(base, "ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).get(15, TimeUnit.SECONDS);
        Thread.sleep(DEADLINE_MS + 1_000); // quiet past the head deadline: an upgraded connection has none
        socket.sendText("{\"func\":\"multiply\",\"args\":[3,4]}", true).get(15, TimeUnit.SECONDS);
        assertEquals(12, object(reply.get(15, TimeUnit.SECONDS)).getInt("result"));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void pastThePendingCapOneAddressesExtraConnectionsAreClosedAtOnceWhileAnotherAddressIsServed() throws Exception {
        // From 127.0.0.2, so that no other test's connections share the address. All opened well within the
        // 2 s deadline: a connection closed before the first deadline could run out was refused.
        int extra = 20;
        List<Socket> flood = new ArrayList<>();
        long[] openedAt = new long[MAX_PENDING + extra];
        try {
            for (int i = 0; i < openedAt.length; i++) {
                Socket socket = connect("127.0.0.2", base.getPort());
                flood.add(socket);
                openedAt[i] = System.nanoTime();
                send(socket, UPGRADE_HEAD_START);
            }
            long opened = (System.nanoTime() - openedAt[0]) / 1_000_000;
            assertTrue(opened < DEADLINE_MS / 2, "opening took " + opened + " ms: too slow to tell a refusal from the deadline");

            // Meanwhile 127.0.0.1 is served.
            try (Socket other = connect("127.0.0.1", base.getPort())) {
                send(other, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                assertEquals("UP", object(response(other)).getString("status"));
            }

            // Before any deadline can have run out, exactly those beyond the cap are closed.
            long window = openedAt[0] + (DEADLINE_MS - 300) * 1_000_000;
            boolean[] closed = new boolean[flood.size()];
            int refused = 0;
            while (System.nanoTime() < window) {
                for (int i = 0; i < flood.size(); i++) {
                    if (!closed[i] && isClosed(flood.get(i))) {
                        closed[i] = true;
                        refused++;
                    }
                }
            }
            assertEquals(extra, refused, "connections from one address closed at once (the cap is " + MAX_PENDING + ")");
            // The others at their deadline.
            for (int i = 0; i < flood.size(); i++) {
                if (!closed[i]) {
                    assertClosedAtTheDeadline(closedAfterMs(flood.get(i), openedAt[i], DEADLINE_MS + MARGIN_MS));
                }
            }
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
    }

    /** Whether the server has closed the socket (a read finds its end or a reset at once). */
    private static boolean isClosed(Socket socket) throws IOException {
        socket.setSoTimeout(1);
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static void assertClosedAtTheDeadline(long closedAfterMs) {
        assertTrue(closedAfterMs >= DEADLINE_MS - 200 && closedAfterMs < DEADLINE_MS + MARGIN_MS,
                "closed after " + closedAfterMs + " ms; the deadline is " + DEADLINE_MS + " ms");
    }

    private static Socket connect(String from, int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** The body of the next response (Content-Length or chunked), after a 200 status line. */
    private static String response(Socket socket) throws IOException {
        String head = dev.switchboard.HttpHead.read(socket, 15_000);
        InputStream in = socket.getInputStream();
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (length.find()) {
            return new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
        }
        assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked"), head);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
            body.write(in.readNBytes(size));
            in.readNBytes(2); // CRLF after the chunk
        }
        in.readNBytes(2); // CRLF after the last (empty) chunk: no trailers here
        return body.toString(StandardCharsets.UTF_8);
    }

    private static int chunkSize(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new AssertionError("closed in a chunk size line");
            }
            line.append((char) b);
        }
        return Integer.parseInt(line.toString().trim().split(";")[0], 16);
    }

    /** Sends a header byte every 250 ms (a valid header line, slowly) until the server closes; ms since {@code started}. */
    private static long dripUntilClosed(Socket socket, long started) throws IOException {
        byte[] line = "X-Slow: abcdefghij\r\n".getBytes(StandardCharsets.US_ASCII);
        socket.setSoTimeout(250);
        long limit = started + (DEADLINE_MS + MARGIN_MS + 10_000) * 1_000_000;
        for (int i = 0; System.nanoTime() < limit; i++) {
            try {
                socket.getOutputStream().write(line[i % line.length]);
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() < 0) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
                throw new AssertionError("the server answered a head that is not complete");
            } catch (SocketTimeoutException stillOpen) {
                // drip on
            } catch (SocketException | javax.net.ssl.SSLException closed) {
                return (System.nanoTime() - started) / 1_000_000;
            }
        }
        throw new AssertionError("still open after " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** Waits for the server to close; ms since {@code started}, or fails after {@code limitMs}. */
    private static long closedAfterMs(Socket socket, long started, long limitMs) throws IOException {
        long left = limitMs - (System.nanoTime() - started) / 1_000_000;
        socket.setSoTimeout((int) Math.max(1, left));
        try {
            if (socket.getInputStream().read() >= 0) {
                throw new AssertionError("the server sent data instead of closing");
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("still open after " + limitMs + " ms");
        } catch (SocketException reset) {
            // closed
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** This test checks closing, not the certificate (TlsIT does). */
    private static SSLContext trustingAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
