package dev.switchboard.neuro.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Switchboard checks of an action's JSON Schema and its data, with networknt's validator
 * (draft 2020-12, which also reads the draft-07 schemas most games send).
 */
public final class ActionSchemas {
    /** Keywords Neuro handles poorly: a warning, never a rejection. */
    static final Set<String> POORLY_HANDLED = Set.of("$anchor", "$comment", "$defs", "$dynamicAnchor",
            "$dynamicRef", "$id", "$ref", "$schema", "$vocabulary", "additionalProperties", "allOf", "anyOf",
            "contentEncoding", "contentMediaType", "contentSchema", "dependentRequired", "dependentSchemas",
            "deprecated", "description", "else", "if", "maxProperties", "minProperties", "multipleOf", "not",
            "oneOf", "patternProperties", "readOnly", "then", "title", "unevaluatedItems",
            "unevaluatedProperties", "writeOnly");
    static final Set<String> DOUBTFUL = Set.of("uniqueItems");

    /** Keywords whose value is a schema, a list of schemas, or a map of name → schema. */
    private static final Set<String> SCHEMA_VALUED = Set.of("items", "contains", "not", "if", "then", "else",
            "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
            "additionalItems", "contentSchema");
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs",
            "definitions", "dependentSchemas");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final JsonSchema META = FACTORY.getSchema(SchemaMeta.DRAFT_2020_12);
    /** Compiled schemas by their text; the least recently used are dropped past 1,000. */
    private static final Map<String, JsonSchema> COMPILED = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, JsonSchema> eldest) {
                    return size() > 1000;
                }
            });

    private ActionSchemas() {
    }

    /** True for omitted, {@code null} and {@code {}}: the action takes no parameters. */
    public static boolean isSchemaless(JsonValue schema) {
        return schema == null || schema.getValueType() == JsonValue.ValueType.NULL
                || schema.getValueType() == JsonValue.ValueType.OBJECT && schema.asJsonObject().isEmpty();
    }

    /** Why this schema cannot be used (the action is kept out), or empty if it can. */
    public static Optional<String> problem(JsonValue schema) {
        if (isSchemaless(schema)) {
            return Optional.empty();
        }
        if (schema.getValueType() != JsonValue.ValueType.OBJECT) {
            return Optional.of("schema must be a JSON object (or null/{} for no parameters)");
        }
        JsonObject object = schema.asJsonObject();
        if (!(object.get("type") instanceof JsonString type) || !type.getString().equals("object")) {
            return Optional.of("schema must have \"type\": \"object\"");
        }
        List<String> errors = messages(META.validate(node(object)));
        return errors.isEmpty() ? Optional.empty() : Optional.of("schema is not a valid JSON Schema: " + errors.get(0));
    }

    /** Warnings for keywords Neuro handles poorly, found in keyword positions only. */
    public static List<String> review(JsonValue schema) {
        List<String> warnings = new ArrayList<>();
        if (schema != null && schema.getValueType() == JsonValue.ValueType.OBJECT) {
            walk(schema.asJsonObject(), "#", warnings);
        }
        return warnings;
    }

    private static void walk(JsonObject schema, String path, List<String> warnings) {
        for (Map.Entry<String, JsonValue> entry : schema.entrySet()) {
            String keyword = entry.getKey();
            JsonValue value = entry.getValue();
            if (POORLY_HANDLED.contains(keyword)) {
                warnings.add(path + ": keyword '" + keyword + "' is poorly handled by Neuro");
            } else if (DOUBTFUL.contains(keyword)) {
                warnings.add(path + ": keyword '" + keyword + "' may not be respected by Neuro");
            }
            if (SCHEMA_VALUED.contains(keyword) && value.getValueType() == JsonValue.ValueType.OBJECT) {
                walk(value.asJsonObject(), path + "/" + keyword, warnings);
            } else if (SCHEMA_LISTS.contains(keyword) && value.getValueType() == JsonValue.ValueType.ARRAY) {
                for (int i = 0; i < value.asJsonArray().size(); i++) {
                    if (value.asJsonArray().get(i).getValueType() == JsonValue.ValueType.OBJECT) {
                        walk(value.asJsonArray().getJsonObject(i), path + "/" + keyword + "/" + i, warnings);
                    }
                }
            } else if (SCHEMA_MAPS.contains(keyword) && value.getValueType() == JsonValue.ValueType.OBJECT) {
                for (Map.Entry<String, JsonValue> sub : value.asJsonObject().entrySet()) {
                    if (sub.getValue().getValueType() == JsonValue.ValueType.OBJECT) {
                        walk(sub.getValue().asJsonObject(), path + "/" + keyword + "/" + sub.getKey(), warnings);
                    }
                }
            }
        }
    }

    /** What is wrong with {@code data} for this schema; empty when it validates. */
    public static List<String> validate(JsonValue schema, JsonValue data) {
        if (isSchemaless(schema)) {
            return data == null ? List.of() : List.of("this action takes no data");
        }
        JsonSchema compiled = COMPILED.computeIfAbsent(schema.toString(), text -> FACTORY.getSchema(node(schema)));
        return messages(compiled.validate(node(data == null ? JsonValue.NULL : data)));
    }

    private static List<String> messages(Set<ValidationMessage> messages) {
        return messages.stream().sorted(Comparator.comparing(ValidationMessage::getMessage))
                .map(ValidationMessage::getMessage).toList();
    }

    private static JsonNode node(JsonValue value) {
        try {
            return MAPPER.readTree(value.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }
}
