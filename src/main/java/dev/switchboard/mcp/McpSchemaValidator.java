package dev.switchboard.mcp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import com.networknt.schema.resource.ClasspathSchemaLoader;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The SDK's JSON Schema validator (2020-12), on the networknt validator the WAR already carries (1.5.x).
 * The SDK's own default needs networknt 3.x, which would clash with it, so every server and client of
 * the SDK that Switchboard builds is given this one, and the SDK's default is never loaded.
 * <p>
 * It validates tool arguments against a tool's {@code inputSchema} and results against its
 * {@code outputSchema}, and checks those schemas against the 2020-12 meta-schema, which is read from the
 * validator's own jar through the application's class loader: nothing is fetched from outside.
 */
public final class McpSchemaValidator implements JsonSchemaValidator {
    static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    /** Compiled schemas, by their tree; only the server's own tool schemas come here, so this stays small. */
    private static final int MAX_CACHED = 256;

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final JsonSchemaFactory factory;
    private final JsonSchema metaSchema;
    private final Map<Map<String, Object>, JsonSchema> compiled = new ConcurrentHashMap<>();

    public McpSchemaValidator() {
        ClassLoader application = McpSchemaValidator.class.getClassLoader();
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.values(list -> {
                    list.add(0, new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:")
                            || iri.toString().equals(DRAFT_2020_12)));
                    list.add(1, new ClasspathSchemaLoader(() -> application));
                })));
        metaSchema = factory.getSchema(SchemaLocation.of(DRAFT_2020_12));
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object content) {
        if (schema == null || content == null) {
            throw new IllegalArgumentException("A schema and content to validate are needed");
        }
        JsonNode node = mapper.valueToTree(content);
        String problems = describe(schema(schema).validate(node));
        return problems.isEmpty() ? ValidationResponse.asValid(node.toString()) : ValidationResponse.asInvalid(problems);
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        Object dialect = schema.get("$schema");
        if (dialect != null && !DRAFT_2020_12.equals(dialect)) {
            return ValidationResponse.asValid(null);
        }
        String problems = describe(metaSchema.validate(mapper.valueToTree(schema)));
        return problems.isEmpty() ? ValidationResponse.asValid(null)
                : ValidationResponse.asInvalid("not a JSON Schema 2020-12: " + problems);
    }

    private JsonSchema schema(Map<String, Object> schema) {
        JsonSchema found = compiled.get(schema);
        if (found != null) {
            return found;
        }
        JsonSchema made = factory.getSchema(mapper.valueToTree(schema));
        if (compiled.size() < MAX_CACHED) {
            compiled.putIfAbsent(new java.util.HashMap<>(schema), made);
        }
        return made;
    }

    /** The messages in one line, sorted, so that the same problems always read the same. */
    private static String describe(Set<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).sorted(Comparator.naturalOrder())
                .collect(Collectors.joining("; "));
    }
}
