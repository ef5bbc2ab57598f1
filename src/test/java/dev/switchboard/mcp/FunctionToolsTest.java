package dev.switchboard.mcp;

import dev.switchboard.calls.CallFunction;
import dev.switchboard.calls.CallService;
import dev.switchboard.calls.TestCalls;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tools made from the function catalog: their schemas, checked with the validator the SDK is given. */
class FunctionToolsTest {
    private final CallService calls = TestCalls.service();
    private final McpSchemaValidator validator = new McpSchemaValidator();

    private ToolSpec tool(String name) {
        return FunctionTools.of(calls.registry().find(name).orElseThrow());
    }

    @Test
    void everyToolsSchemasAreJsonSchema202012Objects() {
        for (var info : calls.registry().catalog()) {
            ToolSpec spec = tool(info.name());
            for (var schema : List.of(spec.inputSchema(), spec.outputSchema())) {
                JsonSchemaValidator.ValidationResponse checked = validator.validateSchema(JsonTrees.toJava(schema));
                assertTrue(checked.valid(), info.name() + ": " + checked.errorMessage());
                assertEquals("object", schema.getString("type"), info.name());
            }
        }
    }

    @Test
    void aFixedSignatureTakesOnePropertyPerParameterByTheCatalogsNames() {
        ToolSpec add = tool("add");
        assertEquals("Add", add.title());
        assertEquals(Json.createObjectBuilder().add("type", "object")
                .add("properties", Json.createObjectBuilder()
                        .add("a", Json.createObjectBuilder().add("title", "a").add("description", "first addend").add("type", "number"))
                        .add("b", Json.createObjectBuilder().add("title", "b").add("description", "second addend").add("type", "number")))
                .add("required", Json.createArrayBuilder().add("a").add("b"))
                .add("additionalProperties", false).build(), add.inputSchema());
        Map<String, Object> schema = JsonTrees.toJava(add.inputSchema());
        assertTrue(validator.validate(schema, Map.of("a", 1, "b", new BigDecimal("2.5"))).valid());
        assertFalse(validator.validate(schema, Map.of("a", 1)).valid(), "b is required");
        assertFalse(validator.validate(schema, Map.of("a", 1, "b", 2, "c", 3)).valid(), "nothing else is allowed");
        assertFalse(validator.validate(schema, Map.of("a", "1", "b", 2)).valid(), "numbers only");
    }

    @Test
    void optionalParametersAreNotRequiredAndIntegersKeepTheirRange() {
        ToolSpec count = tool("count");
        assertEquals(List.of("n"), JsonTrees.toJava(count.inputSchema()).get("required"));
        Map<String, Object> schema = JsonTrees.toJava(count.inputSchema());
        assertTrue(validator.validate(schema, Map.of("n", 3)).valid());
        assertTrue(validator.validate(schema, Map.of("n", 3, "delay_ms", 10)).valid());
        assertFalse(validator.validate(schema, Map.of("n", 10_001)).valid(), "n is at most 10000");
        assertFalse(validator.validate(schema, Map.of("n", 1.5)).valid(), "n is an integer");
        assertTrue(count.description().contains("progress notifications"), count.description());
    }

    @Test
    void aVariadicFunctionTakesTheOneArrayNumbers() {
        Map<String, Object> sum = JsonTrees.toJava(tool("sum").inputSchema());
        assertEquals(List.of(), sum.get("required"), "sum of nothing is 0");
        assertTrue(validator.validate(sum, Map.of()).valid());
        assertTrue(validator.validate(sum, Map.of("numbers", List.of(1, 2.5))).valid());
        assertFalse(validator.validate(sum, Map.of("numbers", List.of("1"))).valid());
        Map<String, Object> mean = JsonTrees.toJava(tool("mean").inputSchema());
        assertEquals(List.of("numbers"), mean.get("required"));
        assertFalse(validator.validate(mean, Map.of("numbers", List.of())).valid(), "mean needs one number");
    }

    @Test
    void theResultIsAnObjectHoldingTheFunctionsResultSchema() {
        Map<String, Object> divide = JsonTrees.toJava(tool("divide").outputSchema());
        assertEquals(Map.of("result", Map.of("type", "number")), divide.get("properties"));
        assertTrue(validator.validate(divide, Map.of("result", new BigDecimal("0.3333333333333333"))).valid());
        assertFalse(validator.validate(divide, Map.of()).valid());
        Map<String, Object> sleep = JsonTrees.toJava(tool("sleep").outputSchema());
        assertEquals(Map.of("result", Map.of("type", "integer")), sleep.get("properties"));
    }

    @Test
    void theBuiltInFunctionsAreReadOnlyIdempotentAndClosedWorld() {
        for (var info : calls.registry().catalog()) {
            ToolSpec spec = tool(info.name());
            assertTrue(spec.readOnly() && spec.idempotent() && spec.closedWorld(), info.name());
        }
        CallFunction withEffects = new CallFunction() {
            @Override
            public String name() {
                return "launch";
            }

            @Override
            public String description() {
                return "does something";
            }

            @Override
            public dev.switchboard.calls.Signature signature() {
                return dev.switchboard.calls.Signature.of();
            }

            @Override
            public Object call(dev.switchboard.calls.Arguments args, dev.switchboard.calls.CallContext context) {
                return 0;
            }
        };
        ToolSpec launch = FunctionTools.of(withEffects);
        assertFalse(launch.readOnly() || launch.idempotent() || launch.closedWorld(), "no hint a function does not claim");
    }

    @Test
    void titlesAreTheNamesInWords() {
        assertEquals("Sqrt", FunctionTools.title("sqrt"));
        assertEquals("Start run", FunctionTools.title("start_run"));
    }
}
