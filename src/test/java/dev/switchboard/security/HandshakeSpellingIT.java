package dev.switchboard.security;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.switchboard.ItSupport.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With authentication off, the Origin rule still holds for every spelling of an upgrade request that a
 * container may accept: a foreign page gets no WebSocket, whether the server refuses the request as
 * malformed (400) or the gate refuses it (403 {@code origin_not_allowed}). Before the gate took every
 * request with an upgrade header, tabs around {@code WebSocket} got a 101 here.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HandshakeSpellingIT {
    @ArquillianResource
    URL base;

    @TestFactory
    Stream<DynamicTest> aForeignPageGetsNoWebSocketWhateverTheSpelling() {
        List<DynamicTest> cells = new ArrayList<>();
        for (String endpoint : SecurityIT.ENDPOINTS) {
            for (HandshakeSpellings spelling : HandshakeSpellings.ALL) {
                cells.add(DynamicTest.dynamicTest(endpoint + " × " + spelling.name(), () -> {
                    String request = spelling.request(base.getPath() + endpoint.substring(1), base.getPort(),
                            "Origin: " + SecurityIT.FOREIGN_ORIGIN + "\r\n");
                    try (HandshakeProbe.Answer answer = HandshakeProbe.send(base.getPort(), request, null)) {
                        assertRefusedAsForeign(answer);
                    }
                }));
            }
        }
        return cells.stream();
    }

    static void assertRefusedAsForeign(HandshakeProbe.Answer answer) {
        assertTrue(answer.status() == 403 || answer.status() == 400, answer.status() + " " + answer.body());
        if (answer.status() == 403) {
            assertEquals("origin_not_allowed", object(answer.body()).getString("code"), answer.body());
        }
    }
}
