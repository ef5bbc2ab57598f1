package dev.switchboard.neuro.schema;

import dev.switchboard.websocket.JsonSupport;
import jakarta.json.JsonValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataGeneratorTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":2},\"y\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":2}},\"required\":[\"x\",\"y\"]}",
            "{\"type\":\"object\",\"properties\":{\"choice\":{\"enum\":[\"rock\",\"paper\",\"scissors\"]}},\"required\":[\"choice\"]}",
            "{\"type\":\"object\",\"properties\":{\"mode\":{\"const\":\"fast\"},\"n\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"exclusiveMaximum\":1}},\"required\":[\"mode\",\"n\"]}",
            "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"minLength\":3,\"maxLength\":5}},\"required\":[\"name\"]}",
            "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\",\"pattern\":\"^[A-Z]{2}-[0-9]{3}$\"}},\"required\":[\"code\"]}",
            "{\"type\":\"object\",\"properties\":{\"steps\":{\"type\":\"integer\",\"multipleOf\":5,\"minimum\":7,\"maximum\":40}},\"required\":[\"steps\"]}",
            "{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"number\",\"multipleOf\":0.25,\"minimum\":1,\"maximum\":2}},\"required\":[\"amount\"]}",
            "{\"type\":\"object\",\"properties\":{\"cards\":{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":4},\"minItems\":2,\"maxItems\":4,\"uniqueItems\":true}},\"required\":[\"cards\"]}",
            "{\"type\":\"object\",\"properties\":{\"pair\":{\"type\":\"array\",\"prefixItems\":[{\"type\":\"string\"},{\"type\":\"boolean\"}],\"items\":false}},\"required\":[\"pair\"]}",
            "{\"type\":\"object\",\"properties\":{\"target\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"maxLength\":3}}},\"required\":[\"id\",\"tags\"]}},\"required\":[\"target\"]}",
            "{\"type\":\"object\",\"properties\":{\"when\":{\"type\":\"string\",\"format\":\"date-time\"},\"who\":{\"type\":\"string\",\"format\":\"email\"}},\"required\":[\"when\",\"who\"]}",
            "{\"type\":\"object\",\"properties\":{\"maybe\":{\"type\":[\"integer\",\"null\"],\"minimum\":-3,\"maximum\":-1}},\"required\":[\"maybe\"]}",
            "{\"type\":\"object\",\"properties\":{\"either\":{\"oneOf\":[{\"type\":\"string\",\"enum\":[\"a\"]},{\"type\":\"integer\",\"minimum\":10,\"maximum\":10}]}},\"required\":[\"either\"]}",
            "{\"type\":\"object\",\"properties\":{\"any\":{\"anyOf\":[{\"type\":\"boolean\"},{\"type\":\"null\"}]}},\"required\":[\"any\"]}",
            "{\"type\":\"object\",\"properties\":{\"both\":{\"allOf\":[{\"type\":\"integer\"},{\"minimum\":3,\"maximum\":4}]}},\"required\":[\"both\"]}",
            "{\"type\":\"object\",\"properties\":{\"flag\":{\"type\":\"boolean\"},\"note\":{\"type\":\"string\"}},\"additionalProperties\":false}",
            "{\"type\":\"object\",\"properties\":{\"grid\":{\"type\":\"array\",\"minItems\":3,\"maxItems\":3,\"items\":{\"type\":\"array\",\"minItems\":3,\"maxItems\":3,\"items\":{\"enum\":[\"X\",\"O\",\" \"]}}}},\"required\":[\"grid\"]}",
            "{\"type\":\"object\",\"properties\":{\"t\":{\"type\":\"integer\",\"exclusiveMaximum\":0}},\"required\":[\"t\"]}",
            "{\"type\":\"object\",\"required\":[\"free\"]}",
            "{\"type\":\"object\",\"properties\":{\"half\":{\"type\":\"integer\",\"multipleOf\":0.5,\"minimum\":1,\"maximum\":9},\"odd\":{\"type\":\"integer\",\"multipleOf\":1.5}},\"required\":[\"half\",\"odd\"]}",
            "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\",\"format\":\"uuid\"},\"big\":{\"type\":\"integer\",\"minimum\":1000000000000}},\"required\":[\"id\",\"big\"]}"
    })
    void everyGeneratedValueValidates(String schemaText) {
        JsonValue schema = JsonSupport.readTree(schemaText);
        for (int seed = 0; seed < 25; seed++) {
            DataGenerator.Generated generated = new DataGenerator(new Random(seed)).generate(schema);
            assertTrue(generated.valid(), schemaText + " seed " + seed + ": " + generated.data() + " " + generated.problems());
            assertEquals(List.of(), ActionSchemas.validate(schema, generated.data()));
        }
    }

    @Test
    void schemalessActionsGetNoData() {
        for (String schema : new String[]{"null", "{}"}) {
            DataGenerator.Generated generated = new DataGenerator(new Random(1)).generate(JsonSupport.readTree(schema));
            assertNull(generated.data());
            assertTrue(generated.valid());
        }
        assertNull(new DataGenerator(new Random(1)).generate(null).data());
    }

    @Test
    void differentSeedsMakeDifferentChoices() {
        JsonValue schema = JsonSupport.readTree("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":1000}},\"required\":[\"n\"]}");
        DataGenerator generator = new DataGenerator(new Random(42));
        long distinct = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> generator.generate(schema).data().toString())
                .distinct().count();
        assertTrue(distinct > 5, "random data, not a constant: " + distinct);
    }
}
