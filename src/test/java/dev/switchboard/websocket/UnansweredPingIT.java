package dev.switchboard.websocket;

import dev.switchboard.ItSupport;
import dev.switchboard.RawWebSocket;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;

import static dev.switchboard.ItSupport.metric;
import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection whose client went away unnoticed (no close frame, no FIN or reset reached the server: from
 * the server's side, a client that stopped answering) is closed once a ping goes unanswered, with the
 * defaults 30 s ping interval + 10 s pong timeout, not after the 10-minute idle timeout.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UnansweredPingIT {
    private static final long PING_INTERVAL_MILLIS = 30_000;
    private static final long PONG_TIMEOUT_MILLIS = 10_000;
    /** The sweep runs every second; room for a loaded machine on top. */
    private static final long SLACK_MILLIS = 8_000;

    @ArquillianResource
    URL base;

    @Test
    void aClientThatAnswersNoPingIsClosedWithinThePingIntervalAndPongTimeout() throws Exception {
        long before = ItSupport.metricsServed() ? metric(base, "switchboard_websocket_ping_unanswered_closed") : 0;
        long limit = PING_INTERVAL_MILLIS + PONG_TIMEOUT_MILLIS + SLACK_MILLIS;
        try (RawWebSocket silent = RawWebSocket.open(ws(base, "runs"), Duration.ofMillis(limit))) {
            long opened = System.nanoTime();
            int pings = 0;
            RawWebSocket.Frame frame = silent.read();
            while (frame.opcode() != RawWebSocket.CLOSE) {
                pings += frame.opcode() == RawWebSocket.PING ? 1 : 0;
                frame = silent.read();
            }
            long openMillis = (System.nanoTime() - opened) / 1_000_000;
            assertEquals(1, pings, "pinged once, then closed");
            assertEquals(1001, frame.closeCode());
            assertEquals("ping unanswered", frame.closeReason());
            assertTrue(openMillis >= PING_INTERVAL_MILLIS + PONG_TIMEOUT_MILLIS - 1_000,
                    "not before the ping interval and pong timeout: " + openMillis + " ms");
        }
        if (ItSupport.metricsServed()) {
            ItSupport.await(() -> metric(base, "switchboard_websocket_ping_unanswered_closed") > before);
        }
    }
}
