package dev.switchboard.neuro.schema;

import dev.switchboard.websocket.JsonSupport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActionSchemasTest {

    @Test
    void keywordsAreWarnedAboutOnlyInKeywordPositions() {
        List<String> warnings = ActionSchemas.review(JsonSupport.readTree("""
                {"type":"object","title":"Move","properties":{
                  "title":{"type":"string"},
                  "description":{"type":"string","description":"what to say"},
                  "items":{"type":"array","items":{"oneOf":[{"type":"string"}]},"uniqueItems":true}},
                 "additionalProperties":false}"""));
        assertEquals(List.of(
                "#: keyword 'title' is poorly handled by Neuro",
                "#/properties/description: keyword 'description' is poorly handled by Neuro",
                "#/properties/items/items: keyword 'oneOf' is poorly handled by Neuro",
                "#/properties/items: keyword 'uniqueItems' may not be respected by Neuro",
                "#: keyword 'additionalProperties' is poorly handled by Neuro").stream().sorted().toList(),
                warnings.stream().sorted().toList());
    }

    @Test
    void schemasThatCannotBeUsedAreNamed() {
        assertEquals(Optional.empty(), ActionSchemas.problem(null));
        assertEquals(Optional.empty(), ActionSchemas.problem(JsonSupport.readTree("null")));
        assertEquals(Optional.empty(), ActionSchemas.problem(JsonSupport.readTree("{}")));
        assertEquals(Optional.empty(), ActionSchemas.problem(JsonSupport.readTree("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\"}}}")));
        assertEquals(Optional.empty(), ActionSchemas.problem(JsonSupport.readTree("{\"type\":\"string\"}")),
                "a root that is not an object is a warning, not a reason to keep the action out");
        assertEquals(List.of("#: the schema should have \"type\": \"object\" (Neuro sends an object of arguments)"),
                ActionSchemas.review(JsonSupport.readTree("{\"type\":\"string\"}")));
        Optional<String> badRegex = ActionSchemas.problem(JsonSupport.readTree(
                "{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\",\"pattern\":\"[\"}}}"));
        assertTrue(badRegex.isPresent(), "a pattern that is not a regex keeps the action out");
        assertEquals(Optional.of("schema must be a JSON object (or null/{} for no parameters)"),
                ActionSchemas.problem(JsonSupport.readTree("[1]")));
        Optional<String> invalid = ActionSchemas.problem(JsonSupport.readTree("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"nonsense\"}}}"));
        assertTrue(invalid.isPresent() && invalid.get().startsWith("schema is not a valid JSON Schema"), invalid.toString());
    }

    @Test
    void draft07TuplesAreReadToo() {
        var schema = JsonSupport.readTree("{\"type\":\"object\",\"properties\":{\"pair\":{\"type\":\"array\","
                + "\"items\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}},\"required\":[\"pair\"]}");
        assertEquals(Optional.empty(), ActionSchemas.problem(schema));
        assertEquals(List.of(), ActionSchemas.validate(schema, JsonSupport.readTree("{\"pair\":[\"a\",1]}")));
        assertFalse(ActionSchemas.validate(schema, JsonSupport.readTree("{\"pair\":[1,\"a\"]}")).isEmpty());
    }

    @Test
    void schemasThatWouldFetchAUrlAreKeptOutAndNothingIsFetched() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.atomic.AtomicInteger fetched = new java.util.concurrent.atomic.AtomicInteger();
        server.createContext("/", exchange -> {
            fetched.incrementAndGet();
            byte[] body = "{\"type\":\"string\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/secret";
            var outside = JsonSupport.readTree("{\"type\":\"object\",\"properties\":{\"x\":{\"$ref\":\"" + url + "\"}}}");
            assertTrue(ActionSchemas.problem(outside).orElse("").contains("outside document"));
            assertTrue(ActionSchemas.problem(JsonSupport.readTree("{\"$schema\":\"" + url + "\",\"type\":\"object\"}"))
                    .orElse("").contains("unknown $schema"));
            try {
                ActionSchemas.validate(outside, JsonSupport.readTree("{\"x\":\"a\"}"));
            } catch (RuntimeException refused) {
                // the validator itself refuses to load it: fine too
            }
            assertEquals(0, fetched.get(), "the validator never fetches a game's URL");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void dataIsValidatedAgainstTheSchema() {
        var schema = JsonSupport.readTree("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\",\"maximum\":2}},\"required\":[\"x\"]}");
        assertEquals(List.of(), ActionSchemas.validate(schema, JsonSupport.readTree("{\"x\":1}")));
        assertFalse(ActionSchemas.validate(schema, JsonSupport.readTree("{\"x\":5}")).isEmpty());
        assertFalse(ActionSchemas.validate(schema, JsonSupport.readTree("{}")).isEmpty());
        assertEquals(List.of("this action takes no data"), ActionSchemas.validate(null, JsonSupport.readTree("{}")));
        assertEquals(List.of(), ActionSchemas.validate(null, null));
    }
}
