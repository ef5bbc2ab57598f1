package dev.switchboard.calls;

import dev.switchboard.client.WsClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CallsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("switchboard.war")));
    }

    URI ws() {
        return URI.create("ws://127.0.0.1:" + base.getPort() + base.getPath() + "ws");
    }

    @Test
    void multiplies() throws Exception {
        try (WsClient client = WsClient.connect(ws())) {
            client.send("{\"func\":\"multiply\",\"args\":[3,4]}");
            assertEquals("{\"result\":12}", client.next(WAIT));
        }
    }

    @Test
    void answersIdsOutOfOrder() throws Exception {
        try (WsClient client = WsClient.connect(ws())) {
            client.send("{\"id\":\"a\",\"func\":\"sleep\",\"args\":[500]}");
            client.send("{\"id\":\"b\",\"func\":\"multiply\",\"args\":[2,3]}");
            assertEquals("{\"id\":\"b\",\"result\":6}", client.next(WAIT));
            assertEquals("{\"id\":\"a\",\"result\":500}", client.next(WAIT));
        }
    }

    @Test
    void oversizedFrameCloses1009() throws Exception {
        try (WsClient client = WsClient.connect(ws())) {
            client.send("{\"func\":\"sum\",\"args\":[" + "1,".repeat(40_000) + "1]}");
            assertEquals(1009, client.awaitClose(WAIT).code());
        }
    }
}
