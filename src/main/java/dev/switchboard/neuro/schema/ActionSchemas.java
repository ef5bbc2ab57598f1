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
    private static final Set<String> KNOWN_META_SCHEMAS = Set.of(
            "https://json-schema.org/draft/2020-12/schema", "http://json-schema.org/draft-07/schema#",
            "http://json-schema.org/draft-07/schema", "https://json-schema.org/draft-07/schema#");
    /** The drafts games write in: 2020-12 first, then draft-07 (e.g. {@code "items": [...]} tuples). */
    private static final List<Dialect> DIALECTS = List.of(
            new Dialect(SpecVersion.VersionFlag.V202012, SchemaMeta.DRAFT_2020_12),
            new Dialect(SpecVersion.VersionFlag.V7, SchemaMeta.DRAFT_07));
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

    /** A draft: its factory (which fetches nothing from outside) and its meta-schema. */
    private record Dialect(JsonSchemaFactory factory, JsonSchema meta) {
        Dialect(SpecVersion.VersionFlag version, com.networknt.schema.SchemaLocation metaLocation) {
            this(factory(version), factory(version).getSchema(metaLocation));
        }

        /**
         * The bundled meta-schemas ({@code classpath:draft/...}) are read through the application's class
         * loader: the validator's own default asks the thread context class loader, which on WildFly
         * (Undertow runs decoders with its module as TCCL) cannot see them.
         */
        private static JsonSchemaFactory factory(SpecVersion.VersionFlag version) {
            ClassLoader application = ActionSchemas.class.getClassLoader();
            return JsonSchemaFactory.getInstance(version, builder -> builder.schemaLoaders(loaders -> loaders.values(
                    list -> {
                        list.add(0, new com.networknt.schema.resource.AllowSchemaLoader(
                                iri -> iri.toString().startsWith("classpath:")
                                        || KNOWN_META_SCHEMAS.contains(iri.toString())));
                        list.add(1, new com.networknt.schema.resource.ClasspathSchemaLoader(() -> application));
                    })));
        }
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
        Optional<String> outside = outsideReference(schema.asJsonObject());
        if (outside.isPresent()) {
            return outside;
        }
        String firstError = null;
        for (Dialect dialect : DIALECTS) {
            List<String> errors = messages(dialect.meta().validate(node(schema)));
            if (errors.isEmpty()) {
                try {
                    // Compiling and one use find what the meta-schema cannot (a bad regex, an unresolvable $ref).
                    compiled(schema).validate(node(JsonValue.EMPTY_JSON_OBJECT));
                    return Optional.empty();
                } catch (RuntimeException e) {
                    return Optional.of("schema cannot be used: " + e.getMessage());
                }
            }
            firstError = firstError == null ? errors.get(0) : firstError;
        }
        return Optional.of("schema is not a valid JSON Schema: " + firstError);
    }

    /**
     * A {@code $ref} to another document, or an unknown {@code $schema}, would make the validator fetch
     * a URL a game chose: refused (only {@code #…} references inside the schema are allowed).
     */
    private static Optional<String> outsideReference(JsonObject schema) {
        java.util.Deque<JsonValue> pending = new java.util.ArrayDeque<>(List.of(schema));
        while (!pending.isEmpty()) {
            JsonValue value = pending.pop();
            if (value instanceof JsonObject object) {
                for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                    String key = entry.getKey();
                    if ((key.equals("$ref") || key.equals("$dynamicRef") || key.equals("$recursiveRef"))
                            && entry.getValue() instanceof JsonString ref && !ref.getString().startsWith("#")) {
                        return Optional.of("schema refers to an outside document (" + key + " " + ref.getString()
                                + "); only references inside the schema (#...) are allowed");
                    }
                    if (key.equals("$schema") && entry.getValue() instanceof JsonString meta
                            && !KNOWN_META_SCHEMAS.contains(meta.getString())) {
                        return Optional.of("unknown $schema " + meta.getString() + " (draft 2020-12 and draft-07 are read)");
                    }
                    pending.push(entry.getValue());
                }
            } else if (value instanceof jakarta.json.JsonArray array) {
                array.forEach(pending::push);
            }
        }
        return Optional.empty();
    }

    /** Compiled with the first dialect whose meta-schema accepts it. */
    private static JsonSchema compiled(JsonValue schema) {
        return COMPILED.computeIfAbsent(schema.toString(), text -> {
            JsonNode node = node(schema);
            for (Dialect dialect : DIALECTS) {
                if (dialect.meta().validate(node).isEmpty()) {
                    return dialect.factory().getSchema(node);
                }
            }
            return DIALECTS.get(0).factory().getSchema(node);
        });
    }

    /**
     * Warnings (the action is kept): a root without {@code "type": "object"}, and keywords Neuro handles
     * poorly, found in keyword positions only.
     */
    public static final String NOT_OBJECT = "#: the schema";

    public static List<String> review(JsonValue schema) {
        List<String> warnings = new ArrayList<>();
        if (schema != null && schema.getValueType() == JsonValue.ValueType.OBJECT && !isSchemaless(schema)) {
            if (!(schema.asJsonObject().get("type") instanceof JsonString type) || !type.getString().equals("object")) {
                warnings.add(NOT_OBJECT + " should have \"type\": \"object\" (Neuro sends an object of arguments)");
            }
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
        return messages(compiled(schema).validate(node(data == null ? JsonValue.NULL : data)));
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
