package dev.switchboard.neuro;

import dev.switchboard.ItSupport;
import dev.switchboard.RawWebSocket;
import dev.switchboard.ServerLog;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Operator consoles that drop their connection (a TCP reset) right after the 101, while the server sends
 * them their first snapshot. A client leaving is no problem of the server's: nothing of Switchboard's is
 * logged as a WARNING. And every such session is closed, its slot given back, within the ping interval
 * (30 s) + pong timeout (10 s) even when the container never noticed the drop (some do not, at random).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleDropIT {
    private static final int CONSOLES = 40;
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(30 + 10 + 15);
    private static final Pattern OPENED = Pattern.compile("websocket open endpoint=console session=(\\S+)");

    @ArquillianResource
    URL base;

    @Test
    void consolesThatDropAtOnceAreClosedWithoutAWarning() throws Exception {
        int mark = ServerLog.mark();
        for (int i = 0; i < CONSOLES; i++) {
            RawWebSocket.open(ws(base, "neuro/console"), Duration.ofSeconds(10)).reset();
        }
        ItSupport.await(CLOSED_WITHIN, () -> openedSince(mark).size() == CONSOLES && stillOpen(mark).isEmpty(),
                () -> "opened " + openedSince(mark).size() + ", not closed " + stillOpen(mark));

        List<String> ours = ServerLog.problemsSince(mark, ws(base, "neuro/console")).stream()
                .filter(line -> line.contains("dev.switchboard"))
                .toList();
        assertEquals(List.of(), ours, "a client that left is not a WARNING");
    }

    private static Set<String> openedSince(int mark) {
        return ServerLog.linesSince(mark).stream().map(OPENED::matcher).filter(Matcher::find)
                .map(found -> found.group(1)).collect(Collectors.toSet());
    }

    private static Set<String> stillOpen(int mark) {
        List<String> lines = ServerLog.linesSince(mark);
        return openedSince(mark).stream()
                .filter(id -> lines.stream().noneMatch(line -> line.contains("websocket close endpoint=console session=" + id + " ")))
                .collect(Collectors.toSet());
    }
}
