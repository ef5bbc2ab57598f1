package dev.switchboard.security;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.switchboard.ItSupport.await;
import static dev.switchboard.ItSupport.metric;
import static dev.switchboard.ItSupport.object;
import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shared server runs with authentication off (the default): no credential is needed, but a page
 * of a foreign site still cannot open a WebSocket (cross-site WebSocket hijacking). Each opened
 * connection gives its slot back when it closes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OriginIT {
    @ArquillianResource
    URL base;

    /** Slots held when this class starts (the shared server's earlier classes may still be closing). */
    private static Long heldBefore;

    @TestFactory
    Stream<DynamicTest> originIsCheckedWithAuthenticationOff() {
        Map<String, Integer> statusByOrigin = new java.util.LinkedHashMap<>();
        statusByOrigin.put("https://evil.example", 403);
        statusByOrigin.put("http://localhost.evil.example:3000", 403);
        statusByOrigin.put("null", 403);
        statusByOrigin.put("http://localhost:3000", 101);
        statusByOrigin.put("https://127.0.0.1:8443", 101);
        statusByOrigin.put("http://127.0.0.1:" + base.getPort(), 101);
        statusByOrigin.put(null, 101);
        List<DynamicTest> cells = new ArrayList<>();
        // The slots are seen through a metric: checked where MicroProfile Metrics is (not WildFly)
        boolean slotsSeen = dev.switchboard.ItSupport.metricsServed();
        if (slotsSeen) {
            cells.add(DynamicTest.dynamicTest("slots held before", () -> heldBefore = metric(base, "switchboard_connections_admitted")));
        }
        for (String path : SecurityIT.ENDPOINTS) {
            statusByOrigin.forEach((origin, status) -> cells.add(DynamicTest.dynamicTest(path + " from " + origin, () -> {
                URI uri = ws(base, path.substring(1));
                try (HandshakeProbe.Answer answer = HandshakeProbe.upgrade(uri, origin == null ? Map.of() : Map.of("Origin", origin))) {
                    assertEquals(status, answer.status(), answer.body());
                    if (status == 403) {
                        assertEquals("origin_not_allowed", object(answer.body()).getString("code"));
                    }
                }
                if (slotsSeen) {
                    await(() -> metric(base, "switchboard_connections_admitted") <= heldBefore);
                }
            })));
        }
        return cells.stream();
    }
}
