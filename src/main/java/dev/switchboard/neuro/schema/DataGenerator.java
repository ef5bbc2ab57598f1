package dev.switchboard.neuro.schema;

import com.github.curiousoddman.rgxgen.RgxGen;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Makes up data for an action's schema, as Randy does, but so that it validates: types, enum, const,
 * minimum/maximum (exclusive too), multipleOf, string lengths, pattern, formats, items/prefixItems,
 * min/maxItems, uniqueItems, required and nested objects. Each candidate is checked with the
 * validator; {@link #generate} tries again (up to 50 times) until one passes.
 */
public final class DataGenerator {
    private static final int ATTEMPTS = 50;
    private static final int MAX_DEPTH = 12;
    private final Random random;

    public DataGenerator(Random random) {
        this.random = random;
    }

    /** Data for the schema (null for a schemaless action) and whether it validates. */
    public record Generated(JsonValue data, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public Generated generate(JsonValue schema) {
        if (ActionSchemas.isSchemaless(schema)) {
            return new Generated(null, List.of());
        }
        JsonValue candidate = null;
        List<String> problems = List.of("no attempt");
        for (int i = 0; i < ATTEMPTS && !problems.isEmpty(); i++) {
            candidate = value(schema.asJsonObject(), 0);
            problems = ActionSchemas.validate(schema, candidate);
        }
        return new Generated(candidate, problems);
    }

    JsonValue value(JsonObject schema, int depth) {
        if (schema.containsKey("const")) {
            return schema.get("const");
        }
        if (schema.get("enum") instanceof JsonArray options && !options.isEmpty()) {
            return options.get(random.nextInt(options.size()));
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (schema.get(combinator) instanceof JsonArray options && !options.isEmpty()
                    && options.get(0).getValueType() == JsonValue.ValueType.OBJECT) {
                JsonValue pick = options.get(random.nextInt(options.size()));
                return value(pick.asJsonObject(), depth + 1);
            }
        }
        if (schema.get("allOf") instanceof JsonArray parts && !parts.isEmpty()) {
            JsonObjectBuilder merged = Json.createObjectBuilder(schema).remove("allOf");
            for (JsonValue part : parts) {
                if (part.getValueType() == JsonValue.ValueType.OBJECT) {
                    part.asJsonObject().forEach(merged::add);
                }
            }
            return value(merged.build(), depth + 1);
        }
        return switch (type(schema)) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, depth);
            case "integer" -> integer(schema);
            case "number" -> number(schema);
            case "boolean" -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case "null" -> JsonValue.NULL;
            default -> Json.createValue(string(schema));
        };
    }

    private String type(JsonObject schema) {
        JsonValue type = schema.get("type");
        if (type instanceof JsonString name) {
            return name.getString();
        }
        if (type instanceof JsonArray names && !names.isEmpty()) {
            List<String> concrete = names.getValuesAs(JsonString.class).stream().map(JsonString::getString)
                    .filter(n -> !n.equals("null")).toList();
            return concrete.isEmpty() ? "null" : concrete.get(random.nextInt(concrete.size()));
        }
        if (schema.containsKey("properties") || schema.containsKey("required")) {
            return "object";
        }
        if (schema.containsKey("items") || schema.containsKey("prefixItems")) {
            return "array";
        }
        if (schema.containsKey("minimum") || schema.containsKey("maximum")) {
            return "number";
        }
        return "string";
    }

    private JsonValue object(JsonObject schema, int depth) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        JsonObject properties = schema.get("properties") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
        Set<String> required = new HashSet<>();
        if (schema.get("required") instanceof JsonArray names) {
            names.getValuesAs(JsonValue.class).stream().filter(JsonString.class::isInstance)
                    .forEach(n -> required.add(((JsonString) n).getString()));
        }
        for (String name : properties.keySet()) {
            boolean include = required.contains(name) || depth < MAX_DEPTH && random.nextBoolean();
            if (include && properties.get(name).getValueType() == JsonValue.ValueType.OBJECT) {
                object.add(name, value(properties.getJsonObject(name), depth + 1));
            } else if (include && properties.get(name) == JsonValue.TRUE) {
                object.add(name, string(JsonValue.EMPTY_JSON_OBJECT));
            }
        }
        for (String name : required) {
            if (!properties.containsKey(name)) {
                object.add(name, string(JsonValue.EMPTY_JSON_OBJECT));
            }
        }
        return object.build();
    }

    private JsonValue array(JsonObject schema, int depth) {
        List<JsonObject> prefix = new ArrayList<>();
        if (schema.get("prefixItems") instanceof JsonArray items) {
            items.forEach(item -> prefix.add(item instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT));
        }
        JsonObject items = schema.get("items") instanceof JsonObject o ? o : null;
        int min = Math.max(intOr(schema, "minItems", 0), prefix.size());
        int max = intOr(schema, "maxItems", Math.max(min, 3));
        if (items == null && !prefix.isEmpty()) {
            max = Math.min(max, prefix.size());
        }
        int count = depth >= MAX_DEPTH ? min : min + random.nextInt(Math.max(1, Math.min(max, min + 3) - min + 1));
        boolean unique = schema.get("uniqueItems") == JsonValue.TRUE;
        JsonArrayBuilder array = Json.createArrayBuilder();
        Set<JsonValue> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            JsonObject itemSchema = i < prefix.size() ? prefix.get(i) : items != null ? items : JsonValue.EMPTY_JSON_OBJECT;
            JsonValue item = value(itemSchema, depth + 1);
            for (int retry = 0; unique && seen.contains(item) && retry < 20; retry++) {
                item = value(itemSchema, depth + 1);
            }
            seen.add(item);
            array.add(item);
        }
        return array.build();
    }

    private JsonValue integer(JsonObject schema) {
        BigDecimal low = bound(schema, "minimum", "exclusiveMinimum", true);
        BigDecimal high = bound(schema, "maximum", "exclusiveMaximum", false);
        long lo = low == null ? (high == null ? 0 : high.longValue() - 100) : low.setScale(0, RoundingMode.CEILING).longValue();
        long hi = high == null ? lo + 100 : high.setScale(0, RoundingMode.FLOOR).longValue();
        BigDecimal step = integerStep(decimal(schema, "multipleOf"));
        if (step != null && step.signum() > 0) {
            long k0 = BigDecimal.valueOf(lo).divide(step, 0, RoundingMode.CEILING).longValue();
            long k1 = BigDecimal.valueOf(hi).divide(step, 0, RoundingMode.FLOOR).longValue();
            long k = k1 < k0 ? k0 : k0 + (long) (random.nextDouble() * (k1 - k0 + 1));
            return Json.createValue(step.multiply(BigDecimal.valueOf(k)).stripTrailingZeros().toBigIntegerExact());
        }
        return Json.createValue(hi < lo ? lo : lo + (long) (random.nextDouble() * (hi - lo + 1)));
    }

    /** The smallest positive integer that is a multiple of {@code step} (0.5 → 1, 1.5 → 3, 4 → 4). */
    private static BigDecimal integerStep(BigDecimal step) {
        if (step == null || step.signum() <= 0) {
            return step;
        }
        BigDecimal exact = step.stripTrailingZeros();
        if (exact.scale() <= 0) {
            return exact;
        }
        java.math.BigInteger unscaled = exact.unscaledValue();
        java.math.BigInteger power = java.math.BigInteger.TEN.pow(exact.scale());
        return new BigDecimal(unscaled.divide(unscaled.gcd(power)));
    }

    private JsonValue number(JsonObject schema) {
        BigDecimal low = bound(schema, "minimum", "exclusiveMinimum", true);
        BigDecimal high = bound(schema, "maximum", "exclusiveMaximum", false);
        BigDecimal step = decimal(schema, "multipleOf");
        if (step != null && step.signum() > 0) {
            BigDecimal lo = low == null ? BigDecimal.ZERO : low;
            BigDecimal hi = high == null ? lo.add(step.multiply(BigDecimal.valueOf(100))) : high;
            long k0 = lo.divide(step, 0, RoundingMode.CEILING).longValue();
            long k1 = hi.divide(step, 0, RoundingMode.FLOOR).longValue();
            long k = k1 < k0 ? k0 : k0 + (long) (random.nextDouble() * (k1 - k0 + 1));
            return Json.createValue(step.multiply(BigDecimal.valueOf(k)));
        }
        BigDecimal lo = low != null ? low : high != null ? high.subtract(BigDecimal.valueOf(100)) : BigDecimal.ZERO;
        BigDecimal hi = high != null ? high : lo.add(BigDecimal.valueOf(100));
        BigDecimal value = lo.add(hi.subtract(lo).multiply(BigDecimal.valueOf(random.nextDouble())))
                .setScale(2, RoundingMode.HALF_UP);
        if (value.compareTo(lo) < 0 || value.compareTo(hi) > 0 || isExclusiveEdge(schema, value)) {
            value = lo.add(hi).divide(BigDecimal.valueOf(2), 10, RoundingMode.HALF_UP).stripTrailingZeros();
        }
        return Json.createValue(value);
    }

    private static boolean isExclusiveEdge(JsonObject schema, BigDecimal value) {
        BigDecimal exLow = decimal(schema, "exclusiveMinimum");
        BigDecimal exHigh = decimal(schema, "exclusiveMaximum");
        return exLow != null && value.compareTo(exLow) <= 0 || exHigh != null && value.compareTo(exHigh) >= 0;
    }

    /** The tightest bound; an exclusive integer bound moves by one in {@link #integer}, by a bit for numbers. */
    private static BigDecimal bound(JsonObject schema, String inclusive, String exclusive, boolean lower) {
        BigDecimal in = decimal(schema, inclusive);
        BigDecimal ex = decimal(schema, exclusive);
        if (ex != null) {
            BigDecimal nudge = ex.scale() > 0 ? BigDecimal.ONE.movePointLeft(ex.scale() + 1) : BigDecimal.ONE;
            ex = lower ? ex.add(nudge) : ex.subtract(nudge);
        }
        if (in == null) {
            return ex;
        }
        if (ex == null) {
            return in;
        }
        return lower ? in.max(ex) : in.min(ex);
    }

    private String string(JsonObject schema) {
        int min = intOr(schema, "minLength", 0);
        int max = intOr(schema, "maxLength", Math.max(min, 12));
        if (schema.get("pattern") instanceof JsonString pattern) {
            try {
                for (int i = 0; i < 20; i++) {
                    String s = RgxGen.parse(pattern.getString()).generate(random);
                    if (s.codePointCount(0, s.length()) >= min && s.codePointCount(0, s.length()) <= max) {
                        return s;
                    }
                }
            } catch (RuntimeException unsupported) {
                // a pattern the generator cannot handle: fall back to letters, which may not match
            }
        }
        if (schema.get("format") instanceof JsonString format) {
            String formatted = formatted(format.getString());
            if (formatted != null) {
                return formatted;
            }
        }
        int length = min + random.nextInt(Math.max(1, Math.min(max, min + 8) - min + 1));
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private String formatted(String format) {
        return switch (format) {
            case "date-time" -> "2026-11-22T12:00:00Z";
            case "date" -> "2026-11-22";
            case "time" -> "12:00:00Z";
            case "email" -> "neuro@example.com";
            case "uuid" -> new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            case "uri" -> "https://example.com/" + random.nextInt(1000);
            case "ipv4" -> "127.0.0." + (1 + random.nextInt(254));
            default -> null;
        };
    }

    private static int intOr(JsonObject schema, String keyword, int fallback) {
        return schema.get(keyword) instanceof JsonNumber n ? n.intValue() : fallback;
    }

    private static BigDecimal decimal(JsonObject schema, String keyword) {
        return schema.get(keyword) instanceof JsonNumber n ? n.bigDecimalValue() : null;
    }
}
