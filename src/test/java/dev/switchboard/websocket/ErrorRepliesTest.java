package dev.switchboard.websocket;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorRepliesTest {
    @Test
    void countsByEndpointAndCodeAndReportsEachNewCodeOnce() {
        List<String> registered = new ArrayList<>();
        ErrorReplies.watch((endpoint, code) -> registered.add(endpoint.tag() + " " + code));
        long before = ErrorReplies.countOf(EndpointName.CONSOLE, "test_code_a");
        ErrorReplies.count(EndpointName.CONSOLE, "test_code_a");
        ErrorReplies.count(EndpointName.CONSOLE, "test_code_a");
        assertEquals(before + 2, ErrorReplies.countOf(EndpointName.CONSOLE, "test_code_a"));
        assertEquals(0, ErrorReplies.countOf(EndpointName.NEURO, "test_code_a"));
        assertEquals(1, registered.stream().filter("console test_code_a"::equals).count());
    }

    @Test
    void theTagSetStaysBounded() {
        for (int i = 0; i < ErrorReplies.MAX_CODES + 10; i++) {
            ErrorReplies.count(EndpointName.NEURO, "flood_" + i);
        }
        long counted = 0;
        for (int i = 0; i < ErrorReplies.MAX_CODES + 10; i++) {
            counted += ErrorReplies.countOf(EndpointName.NEURO, "flood_" + i);
        }
        long other = ErrorReplies.countOf(EndpointName.NEURO, ErrorReplies.OTHER);
        assertTrue(other >= 10, "the codes over the cap count as other: " + other);
        assertEquals(ErrorReplies.MAX_CODES + 10, counted + other);
    }
}
