package dev.switchboard.bus;

import dev.switchboard.client.WsClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;

import static dev.switchboard.ItSupport.war;
import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The built WAR with {@code switchboard.bus.enabled=false}: {@code /events} turns clients away. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventsDisabledIT {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return war().addAsResource(new StringAsset("switchboard.bus.enabled=false\n"),
                "META-INF/microprofile-config.properties");
    }

    @Test
    void aDisabledBusAcceptsAndClosesWith1013() throws Exception {
        try (WsClient client = WsClient.connect(ws(base, "events"))) {
            WsClient.Closed closed = client.awaitClose(Duration.ofSeconds(10));
            assertEquals(1013, closed.code());
            assertEquals("WebSocket not available", closed.reason());
        }
    }

    @Test
    void theOtherFeaturesStillWork() throws Exception {
        try (WsClient client = WsClient.connect(ws(base, "ws"))) {
            client.send("{\"func\":\"multiply\",\"args\":[3,4]}");
            assertEquals("{\"result\":12}", client.next(Duration.ofSeconds(10)));
        }
    }
}
