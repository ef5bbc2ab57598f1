package dev.switchboard.neuro.console;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Console commands are read as strictly as the game frames: no coercion, no ignored fields. */
class ConsoleCodecTest {
    private final ConsoleCodec.CommandDecoder decoder = new ConsoleCodec.CommandDecoder();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type":"set_decider","request_id":"r","decider":123}                          | r  | Field 'decider' must be a string, not number
            {"type":"set_decider","request_id":"r","decider":"random","verbose":true}      | r  | Unknown field 'verbose' in 'set_decider'
            {"type":"set_decider"}                                                         |    | Field 'decider' is required
            {"type":"set_decider","request_id":7,"decider":"random"}                       |    | Field 'request_id' must be a string, not number
            {"type":"send_action","connection_id":"c","game":"g","action":"a","data":"{}"} |    | Field 'data' must be an object, not string
            {"type":"send_action","connection_id":"c","game":"g","action":"a","send_anyway":"yes"} | | Field 'send_anyway' must be true or false, not string
            {"type":"answer_force","connection_id":"c","game":"g"}                         |    | Field 'action' is required
            {"type":"reregister_all","connection_id":["c"]}                                |    | Field 'connection_id' must be a string, not array
            {"type":"shutdown_graceful","connection_id":"c"}                               |    | Field 'wants_shutdown' is required (true or false)
            {"type":"shutdown_graceful","connection_id":"c","wants_shutdown":1}            |    | Field 'wants_shutdown' must be true or false, not number
            {"type":"snapshot","games":[]}                                                 |    | Unknown field 'games' in 'snapshot'
            {"type":"teleport","request_id":"r"}                                           | r  | Unknown command type 'teleport'
            {"type":5}                                                                     |    | Field 'type' must be a string
            {"decider":"random"}                                                           |    | Field 'type' is required
            """)
    void wrongTypesMissingAndUnknownFieldsAreInvalidRequests(String json, String requestId, String message) throws Exception {
        ConsoleCommand.Invalid invalid = assertInstanceOf(ConsoleCommand.Invalid.class, decoder.decode(json));
        assertEquals("invalid_request", invalid.code());
        assertEquals(requestId, invalid.requestId(), "request_id is echoed when it is a string");
        assertTrue(invalid.message().startsWith(message), invalid.message());
    }

    @Test
    void notJsonAndNotAnObjectKeepTheirCodes() throws Exception {
        assertEquals("invalid_json", assertInstanceOf(ConsoleCommand.Invalid.class, decoder.decode("{")).code());
        assertEquals("invalid_request", assertInstanceOf(ConsoleCommand.Invalid.class, decoder.decode("[]")).code());
    }

    @Test
    void readsEveryCommand() throws Exception {
        assertEquals(new ConsoleCommand.SendAction("r", "c", "g", "play", Json.createObjectBuilder().add("x", 1).build(), true),
                decoder.decode("{\"type\":\"send_action\",\"request_id\":\"r\",\"connection_id\":\"c\",\"game\":\"g\","
                        + "\"action\":\"play\",\"data\":{\"x\":1},\"send_anyway\":true}"));
        assertEquals(new ConsoleCommand.AnswerForce(null, "c", "g", "pass", null, false),
                decoder.decode("{\"type\":\"answer_force\",\"connection_id\":\"c\",\"game\":\"g\",\"action\":\"pass\",\"data\":null}"));
        assertEquals(new ConsoleCommand.ReregisterAll(null, "c"), decoder.decode("{\"type\":\"reregister_all\",\"connection_id\":\"c\"}"));
        assertEquals(new ConsoleCommand.ShutdownGraceful(null, "c", false),
                decoder.decode("{\"connection_id\":\"c\",\"wants_shutdown\":false,\"type\":\"shutdown_graceful\"}"));
        assertEquals(new ConsoleCommand.ShutdownImmediate("r", "c"),
                decoder.decode("{\"type\":\"shutdown_immediate\",\"request_id\":\"r\",\"connection_id\":\"c\"}"));
        assertEquals(new ConsoleCommand.SetDecider(null, null, "agent"), decoder.decode("{\"type\":\"set_decider\",\"decider\":\"agent\"}"));
        assertEquals(new ConsoleCommand.SetDecider(null, "high", "operator"),
                decoder.decode("{\"type\":\"set_decider\",\"priority\":\"high\",\"decider\":\"operator\"}"));
        assertEquals(new ConsoleCommand.Snapshot(null), decoder.decode("{\"type\":\"snapshot\",\"request_id\":null}"));
    }

    @Test
    void aDuplicateKeyIsNotReadAsTheLastOne() throws Exception {
        assertEquals("invalid_json", assertInstanceOf(ConsoleCommand.Invalid.class,
                decoder.decode("{\"type\":\"set_decider\",\"decider\":\"random\",\"decider\":\"agent\"}")).code());
    }

    @Test
    void aLongUnknownFieldIsNamedShortened() throws Exception {
        ConsoleCommand.Invalid invalid = assertInstanceOf(ConsoleCommand.Invalid.class,
                decoder.decode("{\"type\":\"snapshot\",\"" + "k".repeat(10_000) + "\":1,\"other\":2}"));
        assertTrue(invalid.message().length() < 300, invalid.message());
        assertNull(invalid.requestId());
    }
}
