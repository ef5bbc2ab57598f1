package dev.switchboard.mcp;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON trees across the SDK boundary: the SDK hands over and takes plain Java trees (maps, lists, strings,
 * numbers, booleans, null, as its Jackson reads and writes them); Switchboard's calls core speaks JSON-P.
 * Nothing here parses or writes JSON text.
 */
final class JsonTrees {
    private JsonTrees() {
    }

    /** A JSON-P value as a plain Java tree: objects keep their order, numbers are exact. */
    static Object toJava(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.asJsonObject().forEach((key, member) -> map.put(key, toJava(member)));
                yield Collections.unmodifiableMap(map);
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                value.asJsonArray().forEach(element -> list.add(toJava(element)));
                yield Collections.unmodifiableList(list);
            }
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> number((JsonNumber) value);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    /** A JSON-P object as a plain Java map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> toJava(JsonObject object) {
        return (Map<String, Object>) toJava((JsonValue) object);
    }

    /**
     * A plain Java tree as JSON-P. A value that JSON has no type for (a record the SDK left in the tree)
     * is refused rather than guessed at.
     *
     * @throws IllegalArgumentException for a value that is not a JSON tree
     */
    static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof String text) {
            return Json.createValue(text);
        }
        if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof BigDecimal decimal) {
            return Json.createValue(decimal);
        }
        if (value instanceof BigInteger integer) {
            return Json.createValue(integer);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Json.createValue(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException("not a JSON number: " + number);
            }
            return Json.createValue(new BigDecimal(value.toString()));
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((key, member) -> object.add(String.valueOf(key), toJson(member)));
            return object.build();
        }
        if (value instanceof List<?> list) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            list.forEach(element -> array.add(toJson(element)));
            return array.build();
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }

    /** An exact number: an integer as a BigInteger when it is one as written, else a BigDecimal. */
    private static Number number(JsonNumber number) {
        return number.isIntegral() ? number.bigIntegerValue() : number.bigDecimalValue();
    }

    /** Arguments as the calls core reads them by name. */
    static Map<String, JsonValue> arguments(Map<String, Object> arguments) {
        Map<String, JsonValue> named = new LinkedHashMap<>();
        if (arguments != null) {
            arguments.forEach((name, value) -> named.put(name, toJson(value)));
        }
        return named;
    }
}
