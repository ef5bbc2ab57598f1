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
        assertEquals(Optional.of("schema must have \"type\": \"object\""),
                ActionSchemas.problem(JsonSupport.readTree("{\"type\":\"string\"}")));
        assertEquals(Optional.of("schema must be a JSON object (or null/{} for no parameters)"),
                ActionSchemas.problem(JsonSupport.readTree("[1]")));
        Optional<String> invalid = ActionSchemas.problem(JsonSupport.readTree("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"nonsense\"}}}"));
        assertTrue(invalid.isPresent() && invalid.get().startsWith("schema is not a valid JSON Schema"), invalid.toString());
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
