package dev.switchboard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.KeepAlive;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP head guard on a real Grizzly listener (127.0.0.1) with the chain Payara builds, reduced to what
 * matters: transport, the guard's two filters around Grizzly's HTTP codec, and a handler that answers every
 * request (200, empty) and then signals response-complete, as Grizzly's web server filter does.
 */
class HeadDeadlineTest {
    private static final long DEADLINE_MS = 500;
    /** A close "at the deadline" may come this much later on a loaded machine. */
    private static final long MARGIN_MS = 2_000;

    private TCPNIOTransport transport;
    private HeadDeadline guard;
    private int port;
    private final List<Socket> sockets = new ArrayList<>();

    private void start(long deadlineMs, int maxPending) throws IOException {
        guard = new HeadDeadline(deadlineMs, maxPending);
        List<Filter> http = HeadGuardInstaller.guardedChain(List.of(
                new HttpServerFilter(true, 8192, new KeepAlive(), null), new Answer()), guard);
        FilterChainBuilder chain = FilterChainBuilder.stateless().add(new TransportFilter());
        http.forEach(chain::add);
        transport = TCPNIOTransportBuilder.newInstance().build();
        transport.setProcessor(chain.build());
        port = transport.bind("127.0.0.1", 0).getLocalAddress() instanceof InetSocketAddress address
                ? address.getPort() : -1;
        transport.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (transport != null) {
            transport.shutdownNow();
        }
        if (guard != null) {
            guard.close();
        }
    }

    @Test
    void theGuardsFiltersGoRightAroundTheCodec() {
        HeadDeadline deadline = new HeadDeadline(DEADLINE_MS, 4);
        try {
            Filter codec = new HttpServerFilter(true, 8192, new KeepAlive(), null);
            Filter before = new TransportFilter();
            Filter after = new Answer();
            assertEquals(List.of(before, deadline.arm(), codec, deadline.disarm(), after),
                    HeadGuardInstaller.guardedChain(List.of(before, codec, after), deadline));
            IllegalStateException noCodec = assertThrows(IllegalStateException.class,
                    () -> HeadGuardInstaller.guardedChain(List.of(before, after), deadline));
            assertTrue(noCodec.getMessage().contains("no HTTP codec"), noCodec.getMessage());
        } finally {
            deadline.close();
        }
    }

    @Test
    void aHeadSplitAcrossReadsIsServedAndReleasesItsPendingSlot() throws Exception {
        start(5_000, 4);
        Socket socket = connect("127.0.0.1");
        // The end of the head (CR LF CR LF) split over three writes; the pauses only make separate reads likely.
        for (String part : new String[] {"GET / HTTP/1.1\r\nHost: x\r", "\n\r", "\n"}) {
            send(socket, part);
            Thread.sleep(100);
        }
        assertEquals("HTTP/1.1 200 OK", statusLine(socket));
        assertEquals(0, guard.pending("127.0.0.1"));
        assertEquals(0, guard.expired());
    }

    @Test
    void aDrippedHeadIsClosedAtTheDeadline() throws Exception {
        start(DEADLINE_MS, 4);
        Socket socket = connect("127.0.0.1");
        long started = System.nanoTime();
        send(socket, "GET / HTTP/1.1\r\nHost: x\r\nX-A: ");
        long closedAfter = dripUntilClosed(socket, started);
        assertTrue(closedAfter >= DEADLINE_MS - 50 && closedAfter < DEADLINE_MS + MARGIN_MS,
                "closed after " + closedAfter + " ms, the deadline is " + DEADLINE_MS);
        assertEquals(1, guard.expired());
        assertEquals(0, guard.pending("127.0.0.1"));
    }

    @Test
    void aSilentConnectionIsClosedAtTheDeadline() throws Exception {
        start(DEADLINE_MS, 4);
        Socket socket = connect("127.0.0.1");
        long started = System.nanoTime();
        long closedAfter = closedAfterMs(socket, started, DEADLINE_MS + MARGIN_MS);
        assertTrue(closedAfter >= DEADLINE_MS - 50, "closed after " + closedAfter + " ms");
    }

    @Test
    void pastTheCapAnAddressesExtraConnectionsAreClosedAtOnceAndAnotherAddressStillConnects() throws Exception {
        start(30_000, 2);
        Socket first = connect("127.0.0.1");
        Socket second = connect("127.0.0.1");
        send(first, "GET / HTTP/1.1\r\n");
        send(second, "GET / HTTP/1.1\r\n");
        awaitPending("127.0.0.1", 2);

        Socket third = connect("127.0.0.1");
        long started = System.nanoTime();
        assertTrue(closedAfterMs(third, started, 5_000) < 5_000, "closed at once, not at the 30 s deadline");
        assertEquals(1, guard.refused());

        Socket other = connect("127.0.0.2");
        send(other, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK", statusLine(other));

        send(first, "Host: x\r\n\r\n"); // its head complete: a slot is free again
        assertEquals("HTTP/1.1 200 OK", statusLine(first));
        Socket fourth = connect("127.0.0.1");
        send(fourth, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK", statusLine(fourth));
    }

    @Test
    void aKeptAliveConnectionMayIdleButItsNextHeadHasTheSameDeadline() throws Exception {
        start(DEADLINE_MS, 4);
        Socket socket = connect("127.0.0.1");
        send(socket, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK", statusLine(socket));

        // Idle between requests longer than the deadline: that is the keep-alive timeout's business.
        Thread.sleep(3 * DEADLINE_MS);
        send(socket, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK", statusLine(socket));

        long started = System.nanoTime();
        send(socket, "GET / HTTP/1.1\r\nHost: x\r\nX-A: ");
        long closedAfter = dripUntilClosed(socket, started);
        assertTrue(closedAfter < DEADLINE_MS + MARGIN_MS, "closed after " + closedAfter + " ms");
        assertEquals(1, guard.expired());
    }

    @Test
    void anUpgradedConnectionNeverGetsADeadlineAgain() throws Exception {
        start(DEADLINE_MS, 4);
        Socket socket = connect("127.0.0.1");
        send(socket, "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        awaitPending("127.0.0.1", 0);
        // Bytes of the upgraded protocol, slowly, for three deadlines: no close.
        socket.setSoTimeout(100);
        long end = System.nanoTime() + 3 * DEADLINE_MS * 1_000_000;
        while (System.nanoTime() < end) {
            send(socket, "x");
            try {
                assertTrue(socket.getInputStream().read() >= 0, "closed");
            } catch (SocketTimeoutException nothingYet) {
                // expected: the handler does not answer an upgrade
            }
        }
        assertEquals(0, guard.expired());
    }

    /** Answers each request once its content is complete: 200, no body; then response-complete. */
    private static final class Answer extends BaseFilter {
        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            HttpContent content = ctx.getMessage();
            HttpRequestPacket request = (HttpRequestPacket) content.getHttpHeader();
            if (request.isUpgrade() || !content.isLast()) {
                return ctx.getStopAction();
            }
            HttpResponsePacket response = request.getResponse();
            response.setStatus(200);
            response.setContentLength(0);
            ctx.write(HttpContent.builder(response).content(Buffers.EMPTY_BUFFER).last(true).build());
            ctx.notifyDownstream(HttpServerFilter.RESPONSE_COMPLETE_EVENT);
            return ctx.getStopAction();
        }
    }

    private Socket connect(String from) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.setTcpNoDelay(true);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The status line of the next response (its headers read to their end). */
    private static String statusLine(Socket socket) throws IOException {
        String head = dev.switchboard.HttpHead.read(socket, 10_000);
        return head.substring(0, head.indexOf("\r\n"));
    }

    /** Sends a header byte every 100 ms until the server closes; ms from {@code started} to the close. */
    private static long dripUntilClosed(Socket socket, long started) throws IOException {
        socket.setSoTimeout(100);
        long limit = started + (DEADLINE_MS + MARGIN_MS + 5_000) * 1_000_000;
        while (System.nanoTime() < limit) {
            try {
                send(socket, "a");
                if (socket.getInputStream().read() < 0) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
            } catch (SocketTimeoutException stillOpen) {
                // drip on
            } catch (SocketException closed) {
                return (System.nanoTime() - started) / 1_000_000;
            }
        }
        throw new AssertionError("still open after " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** Waits for the server to close; ms from {@code started}, or fails after {@code limitMs}. */
    private static long closedAfterMs(Socket socket, long started, long limitMs) throws IOException {
        socket.setSoTimeout((int) limitMs);
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

    /** The guard counts a connection as pending when Grizzly has accepted it, a moment after connect() returns. */
    private void awaitPending(String address, int count) throws InterruptedException {
        long limit = System.nanoTime() + 10_000_000_000L;
        while (guard.pending(address) != count) {
            if (System.nanoTime() > limit) {
                throw new AssertionError(address + " has " + guard.pending(address) + " pending, expected " + count);
            }
            Thread.sleep(10);
        }
    }
}
