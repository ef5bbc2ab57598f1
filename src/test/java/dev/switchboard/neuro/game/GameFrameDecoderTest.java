package dev.switchboard.neuro.game;

import dev.switchboard.neuro.bounds.Shorten;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GameFrameDecoderTest {
    private final GameFrameDecoder decoder = new GameFrameDecoder();

    private GameFrame read(String json) {
        GameFrameDecoder.Received received;
        try {
            received = decoder.decode(json);
        } catch (jakarta.websocket.DecodeException overLimit) {
            throw new AssertionError(overLimit);
        }
        assertEquals(json, received.raw());
        return received.frame();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                                                                   | not JSON
            [1]                                                                        | not a JSON object
            {"game":"g"}                                                               | without a string 'command'
            {"command":"dance","game":"g"}                                             | unknown command 'dance'
            {"command":"startup"}                                                      | without a string 'game'
            {"command":"startup","game":"g","data":[]}                                 | 'data' is not an object
            {"command":"context","game":"g","data":{"message":1,"silent":true}}        | data.message must be a string
            {"command":"context","game":"g","data":{"message":"m"}}                    | data.silent must be a boolean
            {"command":"actions/register","game":"g","data":{"actions":{}}}            | data.actions must be an array
            {"command":"actions/unregister","game":"g","data":{"action_names":[1]}}    | data.action_names must be an array of strings
            {"command":"actions/force","game":"g","data":{"action_names":["a"]}}       | data.query must be a string
            {"command":"action/result","game":"g","data":{"id":"x","success":"no"}}    | data.success must be a boolean
            """)
    void badFramesAreIgnoredWithAReason(String frame, String reason) {
        GameFrame.Ignored ignored = assertInstanceOf(GameFrame.Ignored.class, read(frame));
        assertTrue(ignored.reason().contains(reason), ignored.reason());
    }

    @Test
    void readsEveryCommand() {
        assertInstanceOf(GameFrame.Startup.class, read("{\"command\":\"startup\",\"game\":\"g\"}"));
        assertInstanceOf(GameFrame.Startup.class, read("{\"command\":\"startup\",\"game\":\"g\",\"data\":null}"));
        GameFrame.Context context = assertInstanceOf(GameFrame.Context.class,
                read("{\"command\":\"context\",\"game\":\"g\",\"data\":{\"message\":\"hi\",\"silent\":false}}"));
        assertEquals("hi", context.message());
        GameFrame.Force force = assertInstanceOf(GameFrame.Force.class, read("{\"command\":\"actions/force\",\"game\":\"g\","
                + "\"data\":{\"state\":null,\"query\":\"q\",\"priority\":\"critical\",\"ephemeral_context\":true,\"action_names\":[\"a\",\"b\"]}}"));
        assertEquals(new ForceRequest(null, "q", true, "critical", List.of("a", "b")), force.request());
        GameFrame.Result result = assertInstanceOf(GameFrame.Result.class,
                read("{\"command\":\"action/result\",\"game\":\"g\",\"data\":{\"id\":\"x\",\"success\":true}}"));
        assertNull(result.message());
        assertInstanceOf(GameFrame.ShutdownReady.class, read("{\"command\":\"shutdown/ready\",\"game\":\"g\"}"));
        assertEquals(List.of("a"), assertInstanceOf(GameFrame.Unregister.class,
                read("{\"command\":\"actions/unregister\",\"game\":\"g\",\"data\":{\"action_names\":[\"a\"]}}")).names());
    }

    @Test
    void registrationKeepsGoodActionsAndWarnsAboutTheRest() {
        GameFrame.Register register = assertInstanceOf(GameFrame.Register.class, read("""
                {"command":"actions/register","game":"g","data":{"actions":[
                  {"name":"move","description":"Move","schema":{"type":"object","title":"Move","properties":{"title":{"type":"string"}}}},
                  {"name":"Jump Now","description":"Jump","schema":null},
                  {"name":"wait","description":"Wait","schema":{}},
                  {"name":"bad","description":"Bad","schema":{"type":"object","properties":{"x":{"type":"nonsense"}}}},
                  {"name":"list","description":"A list","schema":{"type":"array"}},
                  {"name":"nameless"},
                  {"name":"extra","description":"x","cooldown":3}
                ]},"priority":"low"}"""));
        assertEquals(List.of("move", "Jump Now", "wait", "list", "extra"), register.actions().stream().map(Action::name).toList());
        assertNull(register.actions().get(1).schema(), "null means no parameters");
        assertNull(register.actions().get(2).schema(), "{} means no parameters");
        assertEquals(String.join("; ",
                "action 'move' schema #: keyword 'title' is poorly handled by Neuro",
                "action name 'Jump Now' should be lowercase words joined by _ or -",
                "action 'bad' kept out: schema is not a valid JSON Schema: $.properties.x.type: does not have a value in the enumeration [\"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\", \"string\"]",
                "action 'list' schema #: the schema should have \"type\": \"object\" (Neuro sends an object of arguments)",
                "action 5 kept out: it needs a string 'name' and 'description'",
                "2 unknown fields tolerated: 'priority', 'data.actions[6].cooldown'"), register.warning().text(),
                "everything odd about one frame is one warning");
    }

    @Test
    void aFrameWithEightyThousandUnknownFieldsIsOneShortWarning() {
        StringBuilder frame = new StringBuilder("{\"command\":\"startup\",\"game\":\"g\"");
        for (int i = 0; i < 80_000; i++) { // under the 1 MiB frame limit
            frame.append(",\"f").append(i).append("\":0");
        }
        GameFrame startup = assertInstanceOf(GameFrame.Startup.class, read(frame.append('}').toString()));
        assertEquals("80000 unknown fields tolerated: 'f0', 'f1', 'f2', 'f3', 'f4' and 79995 more", startup.warning().text());
    }

    @Test
    void manyProblemsInOneFrameAreOneWarningWithTheFirstFewAndTheirCount() {
        GameFrame.Register register = assertInstanceOf(GameFrame.Register.class, read(registerFrame(200, "Bad ")));
        assertEquals(200, register.actions().size(), "badly named actions are kept");
        assertTrue(register.warning().text().startsWith("action name 'Bad 0' should be lowercase"), register.warning().text());
        assertTrue(register.warning().text().endsWith("action name 'Bad 9' should be lowercase words joined by _ or -; 190 more problems"),
                register.warning().text());
    }

    @Test
    void actionsBeyondWhatAGameMayHaveAreNotEvenRead() {
        GameFrame.Register register = assertInstanceOf(GameFrame.Register.class,
                read(registerFrame(GameSession.MAX_ACTIONS + 44, "a")));
        assertEquals(GameSession.MAX_ACTIONS, register.actions().size());
        assertEquals("44 actions kept out unread: a game may have at most " + GameSession.MAX_ACTIONS + " actions",
                register.warning().text());
    }

    private static String registerFrame(int actions, String namePrefix) {
        return "{\"command\":\"actions/register\",\"game\":\"g\",\"data\":{\"actions\":[" + IntStream.range(0, actions)
                .mapToObj(i -> "{\"name\":\"" + namePrefix + i + "\",\"description\":\"d\"}").collect(Collectors.joining(","))
                + "]}}";
    }

    @Test
    void longNamesAreQuotedShortened() {
        String command = "x".repeat(100_000);
        GameFrame.Ignored ignored = assertInstanceOf(GameFrame.Ignored.class,
                read("{\"command\":\"" + command + "\",\"game\":\"g\"}"));
        assertEquals("ignored unknown command '" + "x".repeat(Shorten.NAME_BYTES) + "… (100000 bytes, shortened)'",
                ignored.reason());
    }

    @Test
    void aCleanFrameHasNoWarning() {
        assertNull(read("{\"command\":\"startup\",\"game\":\"g\"}").warning());
    }

    /** The size is the assembler's to measure (TextAssemblerTest): a frame that reaches the decoder is read. */
    @Test
    void theDecoderReadsAFrameWhateverItsSize() throws Exception {
        String big = "{\"command\":\"context\",\"game\":\"g\",\"data\":{\"message\":\"" + "x".repeat(GameFrameDecoder.DEFAULT_MAX_BYTES) + "\"}}";
        assertEquals(big, decoder.decode(big).raw());
    }
}
