package dev.switchboard.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.switchboard.calls.TestCalls;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The document {@code rpc.discover} answers: valid OpenRPC, one method per function, as the catalog says. */
class OpenRpcDocumentTest {
    private final JsonObject document = new OpenRpcDocument(TestCalls.service().registry()).document();

    @Test
    void validatesAgainstTheOpenRpcMetaSchema() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonSchema metaSchema;
        try (InputStream in = getClass().getResourceAsStream("/openrpc/meta-schema.json")) {
            metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(mapper.readTree(in));
        }
        Set<ValidationMessage> problems = metaSchema.validate(mapper.readTree(document.toString()));
        assertTrue(problems.isEmpty(), problems.toString());

        JsonNode broken = mapper.readTree(document.toString().replace("\"paramStructure\":\"either\"",
                "\"paramStructure\":\"any\""));
        assertFalse(metaSchema.validate(broken).isEmpty(), "the meta-schema does catch a wrong document");
    }

    @Test
    void describesEveryFunctionOfTheCatalog() {
        var names = document.getJsonArray("methods").stream()
                .map(method -> method.asJsonObject().getString("name")).toList();
        assertEquals(TestCalls.service().registry().catalog().stream().map(info -> info.name()).toList(), names);
    }

    @Test
    void namesTheParametersAndMarksStreamingFunctions() {
        JsonObject pow = method("pow");
        assertEquals("either", pow.getString("paramStructure"));
        assertEquals("base", pow.getJsonArray("params").getJsonObject(0).getString("name"));
        assertEquals(JsonValue.TRUE, pow.getJsonArray("params").getJsonObject(0).get("required"));
        assertEquals("by-name", method("sum").getString("paramStructure"));
        assertEquals("numbers", method("sum").getJsonArray("params").getJsonObject(0).getString("name"));
        assertEquals(JsonValue.FALSE, method("count").getJsonArray("params").getJsonObject(1).get("required"));
        assertEquals("integer", method("count").getJsonObject("result").getJsonObject("schema").getString("type"));
        assertEquals("notifications/progress", method("count").getString("x-progress"));
        assertFalse(method("add").containsKey("x-progress"));
    }

    private JsonObject method(String name) {
        return document.getJsonArray("methods").stream().map(JsonValue::asJsonObject)
                .filter(method -> method.getString("name").equals(name)).findFirst().orElseThrow();
    }
}
