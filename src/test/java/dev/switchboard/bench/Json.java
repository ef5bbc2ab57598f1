package dev.switchboard.bench;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The load generator's JSON, on JSON-P (Parsson): reads a document, from the parser's events, into
 * {@code Map}/{@code List}/{@code String}/{@code BigDecimal}/{@code Boolean}/{@code null} (objects keep their key
 * order; a duplicate key or anything after the value is an error), and writes the same shapes (plus other {@code Number}s; a NaN or infinite double becomes {@code null}),
 * pretty-printed, for the result files. Numbers stay exact, so a reply's result can be checked exactly.
 */
final class Json {
    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());
    private static final JsonWriterFactory WRITERS =
            PROVIDER.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private Json() {
    }

    /** Parses one JSON value (anything after it but whitespace is an error). */
    static Object parse(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            Object value = read(parser, parser.next());
            if (parser.hasNext()) { // throws on anything but the end of the input
                throw new IllegalArgumentException("trailing characters");
            }
            return value;
        } catch (JsonException | IllegalArgumentException | NoSuchElementException e) { // JsonParsingException included
            throw new IllegalArgumentException(e.getMessage() + " in " + abbreviate(text), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object: " + abbreviate(text));
        }
        return (Map<String, Object>) value;
    }

    static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = WRITERS.createWriter(out)) {
            writer.write(toJson(value));
        }
        return out.toString().strip();
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** The value that {@code event} starts, read to its end from the parser's events. */
    private static Object read(JsonParser parser, JsonParser.Event event) {
        switch (event) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                    String key = parser.getString(); // e is KEY_NAME
                    if (map.containsKey(key)) {
                        throw new IllegalArgumentException("duplicate key " + key);
                    }
                    map.put(key, read(parser, parser.next()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; e = parser.next()) {
                    list.add(read(parser, e));
                }
                return list;
            }
            case VALUE_STRING: return parser.getString();
            case VALUE_NUMBER: return parser.getBigDecimal();
            case VALUE_TRUE: return Boolean.TRUE;
            case VALUE_FALSE: return Boolean.FALSE;
            case VALUE_NULL: return null;
            default: throw new IllegalArgumentException("unexpected " + event);
        }
    }

    private static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        } else if (value instanceof String s) {
            return PROVIDER.createValue(s);
        } else if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? JsonValue.NULL
                    : PROVIDER.createValue(new BigDecimal(value.toString())); // the shortest decimal, as before
        } else if (value instanceof BigDecimal d) {
            return PROVIDER.createValue(d);
        } else if (value instanceof BigInteger i) {
            return PROVIDER.createValue(i);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            return PROVIDER.createValue(((Number) value).longValue());
        } else if (value instanceof Number n) {
            return PROVIDER.createValue(new BigDecimal(n.toString()));
        } else if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = PROVIDER.createObjectBuilder();
            map.forEach((k, v) -> object.add(String.valueOf(k), toJson(v)));
            return object.build();
        } else if (value instanceof List<?> list) {
            JsonArrayBuilder array = PROVIDER.createArrayBuilder();
            list.forEach(v -> array.add(toJson(v)));
            return array.build();
        } else {
            return PROVIDER.createValue(value.toString());
        }
    }
}
