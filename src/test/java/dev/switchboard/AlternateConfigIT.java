package dev.switchboard;

import dev.switchboard.client.WsClient;
import dev.switchboard.security.SecurityIT;
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

import static dev.switchboard.ItSupport.metric;
import static dev.switchboard.ItSupport.war;
import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built WAR with another configuration: the bus disabled ({@code /events} turns clients away),
 * a 1 s idle timeout on {@code /ws}, swept every 100 ms, and authentication on (SecurityIT, which runs
 * against this deployment too; the clients here use an API key in the query). Its own Payara Micro boot: the tag puts it
 * in failsafe's alternate-config execution, which deploys this class's WAR instead of the shared one.
 */
@Tag("alternate-config")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AlternateConfigIT {
    static final long IDLE_MILLIS = 1000;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return war().addAsResource(new StringAsset("switchboard.bus.enabled=false\n"
                        + "switchboard.calls.idle-timeout-ms=" + IDLE_MILLIS + "\n"
                        + "switchboard.websocket.idle-sweep-ms=100\n"
                        + SecurityIT.configuration()),
                "META-INF/microprofile-config.properties");
    }

    private URI authorized(String path) {
        return URI.create(ws(base, path) + "?access_token=" + SecurityIT.API_KEY);
    }

    @Test
    void aDisabledBusAcceptsAndClosesWith1013() throws Exception {
        try (WsClient client = WsClient.connect(authorized("events"))) {
            WsClient.Closed closed = client.awaitClose(Duration.ofSeconds(10));
            assertEquals(1013, closed.code());
            assertEquals("WebSocket not available", closed.reason());
        }
    }

    @Test
    void theOtherFeaturesStillWork() throws Exception {
        try (WsClient client = WsClient.connect(authorized("ws"))) {
            client.send("{\"func\":\"multiply\",\"args\":[3,4]}");
            assertEquals("{\"result\":12}", client.next(Duration.ofSeconds(10)));
        }
    }

    @Test
    void anIdleConnectionIsClosedBySweepWith1001() throws Exception {
        long before = metric(base, "switchboard_websocket_idle_closed");
        try (WsClient client = WsClient.connect(authorized("ws"))) {
            long opened = System.nanoTime();
            WsClient.Closed closed = client.awaitClose(Duration.ofSeconds(20));
            long idleMillis = (System.nanoTime() - opened) / 1_000_000;
            assertEquals(1001, closed.code());
            assertEquals("idle timeout", closed.reason());
            assertTrue(idleMillis >= IDLE_MILLIS, "not before the idle timeout: " + idleMillis + " ms");
        }
        assertTrue(metric(base, "switchboard_websocket_idle_closed") > before);
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
