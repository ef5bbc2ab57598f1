package dev.switchboard;

import dev.switchboard.client.WsClient;
import dev.switchboard.security.SecurityIT;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import static dev.switchboard.ItSupport.metric;
import static dev.switchboard.ItSupport.object;
import static dev.switchboard.ItSupport.war;
import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built WAR with another configuration: a 1 s idle timeout on {@code /ws}, swept every 100 ms, and
 * authentication on (SecurityIT and PrincipalsIT, which run against this deployment too; the clients here
 * use an API key in the query). A disabled bus is EventsEndpointTest's. Its own Payara Micro boot: the tag puts it
 * in failsafe's alternate-config execution, which deploys this class's WAR instead of the shared one.
 */
// Payara-only: its configuration needs a second boot, and the wildfly execution has one deployment; the
// Tyrus idle-timer check is Payara's by nature. (The limits it tests are the application's, the same code on WildFly.)
@Tag("alternate-config")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AlternateConfigIT {
    static final long IDLE_MILLIS = 1000;
    static final long PING_MILLIS = 300;
    static final int RATE = 20;
    static final int BURST = 50;
    static final int CLOSE_AFTER = 100;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        ServerLog.install();
        return war().addAsResource(new StringAsset("switchboard.calls.idle-timeout-ms=" + IDLE_MILLIS + "\n"
                        + "switchboard.websocket.idle-sweep-ms=100\n"
                        + "switchboard.websocket.ping-interval-ms=" + PING_MILLIS + "\n"
                        + "switchboard.websocket.messages-per-second=" + RATE + "\n"
                        + "switchboard.websocket.message-burst=" + BURST + "\n"
                        + "switchboard.websocket.rate-limit-close-after=" + CLOSE_AFTER + "\n"
                        + SecurityIT.configuration()),
                "META-INF/microprofile-config.properties");
    }

    private URI authorized(String path) {
        return URI.create(ws(base, path) + "?access_token=" + SecurityIT.API_KEY);
    }

    @Test
    void aFloodIsRefusedWithRateLimitedAndClosed1008IfItGoesOn() throws Exception {
        long closedBefore = metric(base, "switchboard_websocket_rate_limit_closed");
        try (WsClient client = WsClient.connect(authorized("ws"))) {
            flood(client, i -> "{\"id\":" + i + ",\"func\":\"multiply\",\"args\":[" + i + ",2]}", reply -> {
                if (reply.containsKey("result")) {
                    assertEquals(2L * reply.getInt("id"), reply.getJsonNumber("result").longValue());
                    return true;
                }
                assertEquals("rate_limited", reply.getString("code"), reply.toString());
                return false;
            });
            try {
                for (int i = 0; i < 3 * CLOSE_AFTER; i++) {
                    client.send("{\"func\":\"multiply\",\"args\":[1,1]}");
                }
            } catch (java.util.concurrent.CompletionException closedWhileSending) {
                // the server closed the connection before the client was done: what is checked next
            }
            WsClient.Closed closed = client.awaitClose(Duration.ofSeconds(10));
            // The server sends 1008 and closes its socket. A client still sending then gets a TCP reset, which can
            // discard the close frame before the JDK client reads it (seen once: the client's onError, -1, while the
            // server logged code=1008 reason="rate limit exceeded"). The metric below says that
            // the server closed it for the rate limit in both cases.
            if (closed.code() != -1) {
                assertEquals(1008, closed.code(), closed.reason());
                assertEquals("rate limit exceeded", closed.reason());
            } else {
                assertTrue(closed.reason().contains("IOException"), "only a reset may hide the 1008: " + closed.reason());
            }
        }
        assertTrue(metric(base, "switchboard_websocket_rate_limit_closed") > closedBefore);
    }

    @Test
    void aFloodOnRpcIsRefusedWithTheRateLimitedError() throws Exception {
        try (WsClient client = WsClient.connect(authorized("rpc"))) {
            flood(client, i -> "{\"jsonrpc\":\"2.0\",\"method\":\"multiply\",\"params\":[" + i + ",2],\"id\":" + i + "}",
                    reply -> {
                        if (reply.containsKey("result")) {
                            assertEquals(2L * reply.getInt("id"), reply.getJsonNumber("result").longValue());
                            return true;
                        }
                        assertEquals(-32005, reply.getJsonObject("error").getInt("code"), reply.toString());
                        assertEquals("rate_limited", reply.getJsonObject("error").getJsonObject("data").getString("code"));
                        return false;
                    });
        }
    }

    /**
     * Sends twice the burst at once and reads every reply: {@code isAnswer} checks each (true for a correct
     * answer, false for a correct refusal); at least the burst is answered and some of the rest refused.
     */
    private static void flood(WsClient client, IntFunction<String> request, Predicate<JsonObject> isAnswer)
            throws Exception {
        int sent = 2 * BURST;
        for (int i = 0; i < sent; i++) {
            client.send(request.apply(i));
        }
        int answered = 0;
        for (int i = 0; i < sent; i++) {
            if (isAnswer.test(object(client.next(Duration.ofSeconds(10))))) {
                answered++;
            }
        }
        assertTrue(answered >= BURST, "the burst is handled: " + answered);
        assertTrue(answered < sent, "beyond it, refused");
    }

    @Test
    void theOtherFeaturesStillWork() throws Exception {
        try (WsClient client = WsClient.connect(authorized("ws"))) {
            client.send("{\"func\":\"multiply\",\"args\":[3,4]}");
            assertEquals("{\"result\":12}", client.next(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aClientThatAnswersNothingNotEvenPingsIsClosedBySweepWith1001() throws Exception {
        long before = metric(base, "switchboard_websocket_idle_closed");
        try (RawWebSocket client = RawWebSocket.open(authorized("ws"), Duration.ofSeconds(20))) { // never sends a pong
            long opened = System.nanoTime();
            RawWebSocket.Frame frame = client.read();
            assertEquals(RawWebSocket.PING, frame.opcode(), "the quiet client is pinged first");
            while (frame.opcode() != RawWebSocket.CLOSE) {
                frame = client.read();
            }
            long idleMillis = (System.nanoTime() - opened) / 1_000_000;
            assertEquals(1001, frame.closeCode());
            assertEquals("idle timeout", frame.closeReason());
            assertTrue(idleMillis >= IDLE_MILLIS, "not before the idle timeout: " + idleMillis + " ms");
        }
        assertTrue(metric(base, "switchboard_websocket_idle_closed") > before);
    }

    @Test
    void aQuietClientThatAnswersPingsIsNotIdle() throws Exception {
        try (WsClient client = WsClient.connect(authorized("ws"))) { // the JDK client answers pings
            long pings = metric(base, "switchboard_websocket_pings_sent");
            // five pings 300 ms apart: well past the 1 s idle timeout without a message from the client
            ItSupport.await(() -> metric(base, "switchboard_websocket_pings_sent") >= pings + 5);
            assertFalse(client.isClosed(), "its pongs keep it");
            client.send("{\"func\":\"multiply\",\"args\":[3,4]}");
            assertEquals("{\"result\":12}", client.next(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aConnectionInUseIsNotIdle() throws Exception {
        try (WsClient client = WsClient.connect(authorized("ws"))) {
            long end = System.nanoTime() + 3 * IDLE_MILLIS * 1_000_000;
            int calls = 0;
            while (System.nanoTime() < end) {
                client.send("{\"func\":\"add\",\"args\":[" + calls + ",1]}");
                assertEquals("{\"result\":" + (calls + 1) + "}", client.next(Duration.ofSeconds(10)));
                calls++;
                Thread.sleep(IDLE_MILLIS / 4); // the client's pace, well within the idle timeout
            }
            assertFalse(client.isClosed(), "answered for three idle timeouts in a row");
        }
    }

    @Test
    void tyrusPerMessageIdleTimersAreBypassedOnPayara() {
        assertEquals(1, metric(base, "switchboard_websocket_idle_timers_bypassed"));
    }
}
