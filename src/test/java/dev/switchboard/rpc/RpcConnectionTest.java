package dev.switchboard.rpc;

import dev.switchboard.calls.TestCalls;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON-RPC 2.0 protocol of {@code /rpc} in-process, by the specification's own cases. */
class RpcConnectionTest {
    private final TestRpc rpc = new TestRpc();

    @AfterEach
    void close() {
        rpc.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"jsonrpc":"2.0","method":"multiply","params":[3,4],"id":1}               | {"jsonrpc":"2.0","id":1,"result":12}
            {"jsonrpc":"2.0","method":"multiply","params":{"b":4,"a":3},"id":2}       | {"jsonrpc":"2.0","id":2,"result":12}
            {"jsonrpc":"2.0","method":"subtract","params":{"b":23,"a":42},"id":"s"} | {"jsonrpc":"2.0","id":"s","result":19}
            {"jsonrpc":"2.0","method":"sum","params":[1,2,3.5],"id":3}                | {"jsonrpc":"2.0","id":3,"result":6.5}
            {"jsonrpc":"2.0","method":"sum","params":{"numbers":[1,2,3.5]},"id":4}    | {"jsonrpc":"2.0","id":4,"result":6.5}
            {"jsonrpc":"2.0","method":"sum","id":5}                                   | {"jsonrpc":"2.0","id":5,"result":0}
            {"jsonrpc":"2.0","method":"sum","params":null,"id":5}                     | {"jsonrpc":"2.0","id":5,"result":0}
            {"jsonrpc":"2.0","method":"sleep","params":{"ms":0},"id":6}               | {"jsonrpc":"2.0","id":6,"result":0}
            {"jsonrpc":"2.0","method":"add","params":[1,1],"id":9007199254740993}     | {"jsonrpc":"2.0","id":9007199254740993,"result":2}
            {"jsonrpc":"2.0","method":"add","params":[1,1],"id":1.5}                  | {"jsonrpc":"2.0","id":1.5,"result":2}
            {"jsonrpc":"2.0","method":"add","params":[1,1],"id":null}                 | {"jsonrpc":"2.0","id":null,"result":2}
            {"id":"x","params":[2,3],"method":"pow","jsonrpc":"2.0"}                  | {"jsonrpc":"2.0","id":"x","result":8}
            """)
    void answersByPositionAndByName(String request, String response) throws Exception {
        assertEquals(response, rpc.call(request));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                                                        | -32700 | invalid_json    | null
            {"jsonrpc":"2.0","method":"add","params":[1,2]                  | -32700 | invalid_json    | null
            {"jsonrpc":"2.0","method":"add","method":"sum","id":1}          | -32700 | invalid_json    | null
            1                                                               | -32600 | invalid_request | null
            "x"                                                             | -32600 | invalid_request | null
            []                                                              | -32600 | invalid_request | null
            {"jsonrpc":"2.0","method":1,"params":"bar"}                     | -32600 | invalid_request | null
            {"method":"add","params":[1,2],"id":1}                          | -32600 | invalid_request | 1
            {"jsonrpc":"1.0","method":"add","params":[1,2],"id":1}          | -32600 | invalid_request | 1
            {"jsonrpc":2.0,"method":"add","params":[1,2],"id":1}            | -32600 | invalid_request | 1
            {"jsonrpc":"2.0","params":[1,2],"id":1}                         | -32600 | invalid_request | 1
            {"jsonrpc":"2.0","method":"add","params":"1,2","id":1}          | -32600 | invalid_request | 1
            {"jsonrpc":"2.0","method":"add","params":[1,2],"id":{"a":1}}    | -32600 | invalid_request | null
            {"jsonrpc":"2.0","method":"add","params":[1,2],"id":true}       | -32600 | invalid_request | null
            {"jsonrpc":"2.0","method":"add","params":[1,2],"id":1,"x":0}    | -32600 | invalid_request | 1
            {"jsonrpc":"2.0","method":"nosuch","id":1}                      | -32601 | unknown_function | 1
            {"jsonrpc":"2.0","method":"functions","id":1}                   | -32601 | unknown_function | 1
            {"jsonrpc":"2.0","method":"add","params":[1],"id":1}            | -32602 | invalid_args    | 1
            {"jsonrpc":"2.0","method":"add","params":[1,"2"],"id":1}        | -32602 | invalid_args    | 1
            {"jsonrpc":"2.0","method":"add","params":{"a":1},"id":1}        | -32602 | invalid_args    | 1
            {"jsonrpc":"2.0","method":"add","params":{"a":1,"b":2,"c":3},"id":1} | -32602 | invalid_args | 1
            {"jsonrpc":"2.0","method":"sum","params":{"values":[1]},"id":1} | -32602 | invalid_args    | 1
            {"jsonrpc":"2.0","method":"rpc.discover","params":[1],"id":1}   | -32602 | invalid_args    | 1
            {"jsonrpc":"2.0","method":"$/cancelRequest","params":{},"id":1} | -32602 | invalid_args    | 1
            {"jsonrpc":"2.0","method":"divide","params":[1,0],"id":1}       | -32001 | math_error      | 1
            """)
    void answersEveryErrorWithTheSpecificationsCode(String request, int code, String switchboardCode, String id)
            throws Exception {
        JsonObject response = rpc.callJson(request);
        assertEquals("2.0", response.getString("jsonrpc"));
        assertEquals(id, response.get("id").toString(), "the id, or null where it could not be read");
        JsonObject error = response.getJsonObject("error");
        assertEquals(code, error.getInt("code"), response.toString());
        assertEquals(switchboardCode, error.getJsonObject("data").getString("code"));
        assertTrue(!error.getString("message").isBlank());
        assertNull(response.get("result"));
    }

    @Test
    void answersNoNotificationNotEvenAFailedOne() throws Exception {
        rpc.send("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2]}");
        rpc.send("{\"jsonrpc\":\"2.0\",\"method\":\"nosuch\"}");
        rpc.send("{\"jsonrpc\":\"2.0\",\"method\":\"divide\",\"params\":[1,0]}");
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"result\":3}",
                rpc.call("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":\"after\"}"),
                "the first message back answers the request after the notifications");
    }

    @Test
    void answersABatchWithTheResponsesOfItsRequestsOnly() throws Exception {
        JsonArray responses = rpc.nextJsonAfter("""
                [{"jsonrpc":"2.0","method":"sum","params":[1,2,4],"id":"1"},
                 {"jsonrpc":"2.0","method":"add","params":[7]},
                 {"jsonrpc":"2.0","method":"subtract","params":[42,23],"id":"2"},
                 {"foo":"boo"},
                 {"jsonrpc":"2.0","method":"foo.get","params":{"name":"myself"},"id":"5"},
                 {"jsonrpc":"2.0","method":"sleep","params":[20],"id":"9"},
                 1]""").asJsonArray();
        Map<String, JsonObject> byId = new HashMap<>();
        int unreadable = 0;
        for (JsonValue response : responses) {
            JsonValue id = response.asJsonObject().get("id");
            if (id == JsonValue.NULL) {
                unreadable++;
                assertEquals(-32600, response.asJsonObject().getJsonObject("error").getInt("code"));
            } else {
                byId.put(response.asJsonObject().getString("id"), response.asJsonObject());
            }
        }
        assertEquals(6, responses.size(), "no response to the notification: " + responses);
        assertEquals(2, unreadable);
        assertEquals(7, byId.get("1").getInt("result"));
        assertEquals(19, byId.get("2").getInt("result"));
        assertEquals(-32601, byId.get("5").getJsonObject("error").getInt("code"));
        assertEquals(20, byId.get("9").getInt("result"));
    }

    @Test
    void answersNothingToABatchOfNotifications() throws Exception {
        rpc.send("[{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2]},{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":[1]}]");
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":2}",
                rpc.call("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1],\"id\":1}"));
    }

    @Test
    void refusesABatchOverTheLimitAsOneError() throws Exception {
        String element = "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1],\"id\":1}";
        JsonObject response = rpc.callJson("[" + String.join(",", java.util.Collections.nCopies(101, element)) + "]");
        assertEquals(-32004, response.getJsonObject("error").getInt("code"));
        assertEquals("too_large", response.getJsonObject("error").getJsonObject("data").getString("code"));
        assertEquals(JsonValue.NULL, response.get("id"));
    }

    @Test
    void refusesACallOverTheConnectionsLimitWithBusy() throws Exception {
        try (TestRpc one = new TestRpc(TestCalls.service(1, 128, 100))) {
            one.send("{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":[5000],\"id\":\"long\"}");
            JsonObject busy = one.callJson("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1],\"id\":\"next\"}");
            assertEquals("next", busy.getString("id"));
            assertEquals(-32002, busy.getJsonObject("error").getInt("code"));
            assertEquals("busy", busy.getJsonObject("error").getJsonObject("data").getString("code"));
            one.send("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":\"long\"}}");
            assertEquals(-32003, one.nextJson().asJsonObject().getJsonObject("error").getInt("code"));
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"again\",\"result\":2}",
                    one.call("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1],\"id\":\"again\"}"),
                    "the cancelled call gave its slot back");
        }
    }

    @Test
    void reportsAStreamingCallsPartialResultsAsProgressThenAnswers() throws Exception {
        rpc.send("{\"jsonrpc\":\"2.0\",\"method\":\"count\",\"params\":{\"n\":3},\"id\":7}");
        for (int i = 1; i <= 3; i++) {
            assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":"
                    + "{\"progressToken\":7,\"progress\":" + i + ",\"value\":" + i + "}}", rpc.next());
        }
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":3}", rpc.next());
    }

    @Test
    void usesTheClientsProgressTokenWhenItGivesOne() throws Exception {
        rpc.send("{\"jsonrpc\":\"2.0\",\"method\":\"count\",\"params\":{\"n\":1,\"_meta\":{\"progressToken\":\"t\"}},\"id\":8}");
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":"
                + "{\"progressToken\":\"t\",\"progress\":1,\"value\":1}}", rpc.next());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":1}", rpc.next());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"slow"}}
            {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"slow","reason":"user"}}
            """)
    void cancelsACallInFlight(String cancel) throws Exception {
        rpc.send("{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":[60000],\"id\":\"slow\"}");
        rpc.send(cancel);
        JsonObject response = rpc.nextJson().asJsonObject();
        assertEquals("slow", response.getString("id"));
        assertEquals(-32003, response.getJsonObject("error").getInt("code"));
        assertEquals("cancelled", response.getJsonObject("error").getJsonObject("data").getString("code"));
    }

    @Test
    void answersACancellationSentAsARequestWithWhetherItCancelled() throws Exception {
        rpc.send("{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":[60000],\"id\":5}");
        assertEquals(-32003, rpc.callJson("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":[5],\"id\":6}")
                .getJsonObject("error").getInt("code"), "first the cancelled call's response");
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":6,\"result\":true}", rpc.next());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":false}",
                rpc.call("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":5},\"id\":7}"));
    }

    @Test
    void refusesAnIdAlreadyInFlight() throws Exception {
        rpc.send("{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":[60000],\"id\":\"same\"}");
        JsonObject response = rpc.callJson("{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":[1],\"id\":\"same\"}");
        assertEquals(-32600, response.getJsonObject("error").getInt("code"));
        assertEquals("same", response.getString("id"));
    }

    @Test
    void discoversTheFunctionsAsAnOpenRpcDocument() throws Exception {
        JsonObject document = rpc.callJson("{\"jsonrpc\":\"2.0\",\"method\":\"rpc.discover\",\"id\":1}")
                .getJsonObject("result");
        assertEquals("1.3.2", document.getString("openrpc"));
        assertTrue(document.getJsonArray("methods").stream()
                .anyMatch(method -> method.asJsonObject().getString("name").equals("multiply")));
    }
}
