package dev.switchboard.calls;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole {@code /ws} protocol in-process: decoder, connection, functions, outbox, encoder. */
class CallConnectionTest {
    private final TestCalls calls = new TestCalls();

    @AfterEach
    void close() {
        calls.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"func":"multiply","args":[3,4]}                 | {"result":12}
            {"func":"multiply","args":[10,8]}                | {"result":80}
            {"func":"multiply","args":[-5,3]}                | {"result":-15}
            {"func":"multiply","args":[2.5,2]}               | {"result":5}
            {"func":"multiply","args":[0.5,3]}               | {"result":1.5}
            {"func":"multiply","args":[12345678901234567890,98765432109876543210]} | {"result":1219326311370217952237463801111263526900}
            {"func":"add","args":[0.1,0.2]}                  | {"result":0.3}
            {"func":"add","args":[1e2,1]}                    | {"result":101}
            {"func":"subtract","args":[3,10]}                | {"result":-7}
            {"func":"divide","args":[1,4]}                   | {"result":0.25}
            {"func":"divide","args":[10,5]}                  | {"result":2}
            {"func":"divide","args":[1,3]}                   | {"result":0.3333333333333333}
            {"func":"pow","args":[2,10]}                     | {"result":1024}
            {"func":"pow","args":[2,-1]}                     | {"result":0.5}
            {"func":"pow","args":[4,0.5]}                    | {"result":2}
            {"func":"pow","args":[-2,3]}                     | {"result":-8}
            {"func":"pow","args":[0,0]}                      | {"result":1}
            {"func":"pow","args":[1.5,2]}                    | {"result":2.25}
            {"func":"sqrt","args":[16]}                      | {"result":4}
            {"func":"sqrt","args":[2]}                       | {"result":1.414213562373095}
            {"func":"sum","args":[]}                         | {"result":0}
            {"func":"sum","args":[1,2,3.5]}                  | {"result":6.5}
            {"func":"mean","args":[1,2]}                     | {"result":1.5}
            {"func":"mean","args":[4]}                       | {"result":4}
            {"func":"sleep","args":[0]}                      | {"result":0}
            {"args":[3,4],"func":"multiply","id":"x"}        | {"id":"x","result":12}
            {"id":9007199254740993,"func":"add","args":[1,1]} | {"id":9007199254740993,"result":2}
            """)
    void computes(String request, String reply) throws Exception {
        assertEquals(reply, calls.call(request));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                                  | {"error":"Invalid JSON: ...","code":"invalid_json"}
            {"func":"add","args":[1,2]                | {"error":"Invalid JSON: ...","code":"invalid_json"}
            {"func":"add","func":"sum"}               | {"error":"Invalid JSON: ...","code":"invalid_json"}
            {"func":"add","args":[1,2]} x             | {"error":"Invalid JSON: ...","code":"invalid_json"}
            {"func":"add","args":[1,2]}{}             | {"error":"Invalid JSON: ...","code":"invalid_json"}
            42                                        | {"error":"A request must be a JSON object, or an array of objects for a batch","code":"invalid_request"}
            "multiply"                                | {"error":"A request must be a JSON object, or an array of objects for a batch","code":"invalid_request"}
            {"args":[1,2]}                            | {"error":"Missing field 'func'","code":"invalid_request"}
            {"id":1,"args":[1,2]}                     | {"id":1,"error":"Missing field 'func'","code":"invalid_request"}
            {"func":5}                                | {"error":"Field 'func' must be a string","code":"invalid_request"}
            {"func":"add","args":{"a":1}}             | {"error":"Field 'args' must be an array","code":"invalid_request"}
            {"id":true,"func":"add","args":[1,2]}     | {"error":"Field 'id' must be a string or an integer","code":"invalid_request"}
            {"id":1.5,"func":"add","args":[1,2]}      | {"error":"Field 'id' must be a string or an integer","code":"invalid_request"}
            {"id":"","func":"add","args":[1,2]}       | {"error":"Field 'id' must be 1 to 128 characters long","code":"invalid_request"}
            {"func":"add","arg":[1,2]}                | {"error":"Unknown field 'arg' (a request has func, args and id)","code":"invalid_request"}
            []                                        | {"error":"A batch must hold at least one request","code":"invalid_request"}
            {"func":"count","args":[3]}               | {"error":"count streams results and needs an id","code":"invalid_request"}
            {"cancel":"a","func":"add"}               | {"error":"A cancel message has the single field 'cancel'","code":"invalid_request"}
            {"func":"nosuch","args":[]}               | {"error":"Unknown function 'nosuch'","code":"unknown_function"}
            {"func":"multiply","args":[1]}            | {"error":"multiply expects 2 numbers (a, b), got 1","code":"invalid_args"}
            {"func":"multiply","args":[1,2,3]}        | {"error":"multiply expects 2 numbers (a, b), got 3","code":"invalid_args"}
            {"func":"multiply","args":[1,"2"]}        | {"error":"multiply: b must be a number, got a string","code":"invalid_args"}
            {"func":"sum","args":[1,null]}            | {"error":"sum: argument 2 must be a number, got null","code":"invalid_args"}
            {"func":"mean","args":[]}                 | {"error":"mean expects at least 1 number, got 0","code":"invalid_args"}
            {"func":"sleep","args":[60001]}           | {"error":"sleep: ms must be an integer from 0 to 60000, got 60001","code":"invalid_args"}
            {"func":"sleep","args":[1.5]}             | {"error":"sleep: ms must be an integer from 0 to 60000, got 1.5","code":"invalid_args"}
            {"func":"functions","args":[1]}           | {"error":"functions takes no arguments","code":"invalid_args"}
            {"func":"add","args":[1e200,1]}           | {"error":"add: a is outside the supported range (at most 100 digits before and after the point)","code":"invalid_args"}
            {"func":"divide","args":[1,0]}            | {"error":"Division by zero","code":"math_error"}
            {"func":"pow","args":[0,-1]}              | {"error":"Division by zero","code":"math_error"}
            {"func":"sqrt","args":[-1]}               | {"error":"Square root of a negative number","code":"math_error"}
            {"func":"pow","args":[-8,0.5]}            | {"error":"A negative base with a fractional exponent has no real result","code":"math_error"}
            {"func":"pow","args":[10,100]}            | {"error":"Result is too large (more than 100 digits)","code":"math_error"}
            {"func":"pow","args":[99,1000]}           | {"error":"Result is too large (more than 100 digits)","code":"math_error"}
            {"func":"pow","args":[10,100000.5]}       | {"error":"Result is not a finite number","code":"math_error"}
            {"func":"multiply","args":[1e99,1e99]}    | {"error":"Result is too large (more than 100 digits)","code":"math_error"}
            {"cancel":"nope"}                         | {"error":"No call in flight with id 'nope'","code":"unknown_id"}
            {"cancel":12}                             | {"error":"No call in flight with id 12","code":"unknown_id"}
            """)
    void answersErrors(String request, String reply) throws Exception {
        String actual = calls.call(request);
        if (reply.contains("Invalid JSON: ...")) {
            assertTrue(actual.startsWith("{\"error\":\"Invalid JSON: "), actual);
            assertTrue(actual.endsWith("\"code\":\"invalid_json\"}"), actual);
        } else {
            assertEquals(reply, actual);
        }
    }

    @Test
    void batchOverTheLimitIsTooLarge() throws Exception {
        String batch = "[" + "{\"func\":\"add\",\"args\":[1,2]},".repeat(100) + "{\"func\":\"add\",\"args\":[1,2]}]";
        assertEquals("{\"error\":\"A batch of 101 requests is over the limit of 100\",\"code\":\"too_large\"}",
                calls.call(batch));
    }

    @Test
    void batchAnswersEveryElementInOrder() throws Exception {
        assertEquals("[{\"id\":1,\"result\":500},{\"result\":3},{\"error\":\"Unknown function 'x'\",\"code\":\"unknown_function\"},"
                        + "{\"id\":2,\"error\":\"count streams results and cannot run in a batch\",\"code\":\"invalid_request\"},"
                        + "{\"error\":\"Batch element 4 must be a JSON object\",\"code\":\"invalid_request\"}]",
                calls.call("[{\"id\":1,\"func\":\"sleep\",\"args\":[500]},{\"func\":\"add\",\"args\":[1,2]},"
                        + "{\"func\":\"x\"},{\"id\":2,\"func\":\"count\",\"args\":[2]},7]"));
    }

    @Test
    void callsWithoutIdAreAnsweredInOrder() throws Exception {
        calls.send("{\"func\":\"sleep\",\"args\":[300]}");
        calls.send("{\"func\":\"multiply\",\"args\":[2,3]}");
        calls.send("{\"func\":\"nosuch\"}");
        assertEquals("{\"result\":300}", calls.next());
        assertEquals("{\"result\":6}", calls.next());
        assertEquals("{\"error\":\"Unknown function 'nosuch'\",\"code\":\"unknown_function\"}", calls.next());
    }

    @Test
    void callsWithIdAreAnsweredWhenDone() throws Exception {
        calls.send("{\"id\":\"a\",\"func\":\"sleep\",\"args\":[500]}");
        calls.send("{\"id\":\"b\",\"func\":\"multiply\",\"args\":[2,3]}");
        assertEquals("{\"id\":\"b\",\"result\":6}", calls.next());
        assertEquals("{\"id\":\"a\",\"result\":500}", calls.next());
    }

    @Test
    void streamsPartialsThenTheResult() throws Exception {
        calls.send("{\"id\":\"c\",\"func\":\"count\",\"args\":[3]}");
        assertEquals("{\"id\":\"c\",\"partial\":1}", calls.next());
        assertEquals("{\"id\":\"c\",\"partial\":2}", calls.next());
        assertEquals("{\"id\":\"c\",\"partial\":3}", calls.next());
        assertEquals("{\"id\":\"c\",\"result\":3}", calls.next());
    }

    @Test
    void cancelEndsTheCallOnceAndNothingFollows() throws Exception {
        calls.send("{\"id\":\"s\",\"func\":\"count\",\"args\":[10000,50]}");
        assertEquals("{\"id\":\"s\",\"partial\":1}", calls.next());
        calls.send("{\"cancel\":\"s\"}");
        String reply;
        do {
            reply = calls.next();
        } while (reply.contains("partial"));
        assertEquals("{\"id\":\"s\",\"error\":\"Call cancelled\",\"code\":\"cancelled\"}", reply);
        assertEquals("{\"result\":2}", calls.call("{\"func\":\"add\",\"args\":[1,1]}"),
                "nothing of the cancelled call comes after its end");
        assertEquals("{\"error\":\"No call in flight with id 's'\",\"code\":\"unknown_id\"}",
                calls.call("{\"cancel\":\"s\"}"));
    }

    @Test
    void anIdInFlightCannotBeReused() throws Exception {
        calls.send("{\"id\":\"a\",\"func\":\"sleep\",\"args\":[60000]}");
        assertEquals("{\"id\":\"a\",\"error\":\"id 'a' is already used by a call in flight\",\"code\":\"invalid_request\"}",
                calls.call("{\"id\":\"a\",\"func\":\"add\",\"args\":[1,1]}"));
        calls.send("{\"cancel\":\"a\"}");
        assertEquals("{\"id\":\"a\",\"error\":\"Call cancelled\",\"code\":\"cancelled\"}", calls.next());
    }

    @Test
    void tooManyCallsInFlightIsBusy() throws Exception {
        calls.maxInFlight(2);
        calls.send("{\"id\":1,\"func\":\"sleep\",\"args\":[60000]}");
        calls.send("{\"id\":2,\"func\":\"sleep\",\"args\":[60000]}");
        assertEquals("{\"id\":3,\"error\":\"Too many calls in flight on this connection (limit 2)\",\"code\":\"busy\"}",
                calls.call("{\"id\":3,\"func\":\"add\",\"args\":[1,1]}"));
        calls.send("{\"cancel\":1}");
        assertEquals("{\"id\":1,\"error\":\"Call cancelled\",\"code\":\"cancelled\"}", calls.next());
        assertEquals("{\"id\":3,\"result\":2}", calls.call("{\"id\":3,\"func\":\"add\",\"args\":[1,1]}"),
                "a freed slot takes a new call");
    }

    @Test
    void theServerWideLimitAppliesAcrossConnections() throws Exception {
        calls.service.maxInFlightTotal = 1;
        calls.send("{\"id\":1,\"func\":\"sleep\",\"args\":[60000]}");
        try (TestCalls other = new TestCalls()) {
            CallConnection second = calls.service.connect(new dev.switchboard.websocket.Outbox(
                    other.session.session(), 1024, 1000, Runnable::run));
            second.accept(other.decoder.decode("{\"id\":2,\"func\":\"sleep\",\"args\":[1]}"));
            assertEquals("{\"id\":2,\"error\":\"Too many calls in flight on this server (limit 1)\",\"code\":\"busy\"}",
                    other.next());
            second.accept(other.decoder.decode("{\"id\":3,\"func\":\"add\",\"args\":[1,1]}"));
            assertEquals("{\"id\":3,\"result\":2}", other.next(), "arithmetic needs no worker thread, so no server slot");
        }
        calls.send("{\"cancel\":1}");
        assertEquals("{\"id\":1,\"error\":\"Call cancelled\",\"code\":\"cancelled\"}", calls.next());
    }

    @Test
    void aBatchTakesAServerSlotPerBlockingElement() throws Exception {
        calls.service.maxInFlightTotal = 2;
        assertEquals("{\"error\":\"Too many calls in flight on this server (limit 2)\",\"code\":\"busy\"}",
                calls.call("[{\"func\":\"sleep\",\"args\":[1]},{\"func\":\"sleep\",\"args\":[1]},{\"func\":\"sleep\",\"args\":[1]}]"));
        assertEquals("[{\"result\":1},{\"result\":2},{\"result\":1}]",
                calls.call("[{\"func\":\"sleep\",\"args\":[1]},{\"func\":\"add\",\"args\":[1,1]},{\"func\":\"sleep\",\"args\":[1]}]"));
    }

    @Test
    void repliesWaitingTheirTurnStillCountAsInFlight() throws Exception {
        calls.maxInFlight(2);
        calls.send("{\"func\":\"sleep\",\"args\":[300]}");
        calls.send("{\"func\":\"add\",\"args\":[1,1]}");
        calls.send("{\"func\":\"add\",\"args\":[2,2]}");
        assertEquals("{\"result\":300}", calls.next());
        assertEquals("{\"result\":2}", calls.next());
        assertEquals("{\"error\":\"Too many calls in flight on this connection (limit 2)\",\"code\":\"busy\"}",
                calls.next(), "the finished add still waited behind the sleep, holding its slot");
        assertEquals("{\"result\":8}", calls.call("{\"func\":\"add\",\"args\":[4,4]}"), "slots free once sent");
    }

    @Test
    void closingTheConnectionCancelsItsCalls() throws Exception {
        CallConnection connection = calls.connection();
        calls.send("{\"id\":1,\"func\":\"sleep\",\"args\":[60000]}");
        calls.send("{\"id\":2,\"func\":\"count\",\"args\":[10000,100]}");
        assertEquals(2, connection.inFlight());
        connection.close();
        assertEquals(0, connection.inFlight());
        java.util.Set<String> ends = new java.util.HashSet<>();
        while (ends.size() < 2) {
            String reply = calls.next();
            if (!reply.contains("partial")) {
                ends.add(reply);
            }
        }
        assertEquals(java.util.Set.of(
                "{\"id\":1,\"error\":\"Connection closed\",\"code\":\"cancelled\"}",
                "{\"id\":2,\"error\":\"Connection closed\",\"code\":\"cancelled\"}"), ends);
    }

    /** A blocking call no worker can take is answered busy, not left unanswered or blamed on a shutdown. */
    @Test
    void aBlockingCallNoWorkerCanTakeIsAnsweredBusy() throws Exception {
        calls.executor.shutdown(); // refuses every task, as the saturated pool (no queue) does
        assertEquals("{\"id\":1,\"error\":\"No worker is free for this call (the server is busy or shutting down); try again later\",\"code\":\"busy\"}",
                calls.call("{\"id\":1,\"func\":\"sleep\",\"args\":[0]}"));
    }
}
