package dev.switchboard.neuro.schema;

import dev.switchboard.websocket.JsonSupport;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The schema checks must not depend on the thread context class loader: WildFly's Undertow decodes frames
 * with its own module as TCCL, which cannot see the validator's bundled meta-schemas.
 */
class ActionSchemasClassLoaderTest {

    /**
     * {@link ActionSchemas} is loaded afresh (its meta-schemas are read once, when the class initializes)
     * in a loader of its own, and first used on a thread whose TCCL sees nothing but the JDK.
     */
    @Test
    void schemasAreCheckedWithATcclThatCannotSeeTheMetaSchemas() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader isolated = new URLClassLoader(testClassPath(), ClassLoader.getPlatformClassLoader());
             URLClassLoader blind = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(blind);
            @SuppressWarnings("unchecked")
            List<String> answers = (List<String>) isolated.loadClass(Checks.class.getName())
                    .getMethod("run").invoke(null);
            assertEquals(List.of(
                    "usable",
                    "schema is not a valid JSON Schema: $.type: does not have a value in the enumeration"
                            + " [\"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\", \"string\"]",
                    "[]",
                    "[$.x: string found, integer expected]"), answers);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** Run inside the isolated loader: a good and a bad schema checked, data validated. */
    public static final class Checks {
        public static List<String> run() {
            var schema = JsonSupport.readTree("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\"}}}");
            return List.of(
                    ActionSchemas.problem(schema).orElse("usable"),
                    ActionSchemas.problem(JsonSupport.readTree("{\"type\":\"thing\"}")).orElse("usable"),
                    ActionSchemas.validate(schema, JsonSupport.readTree("{\"x\":3}")).toString(),
                    ActionSchemas.validate(schema, JsonSupport.readTree("{\"x\":\"three\"}")).toString());
        }
    }

    private static URL[] testClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(path -> {
            try {
                return new File(path).toURI().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(URL[]::new);
    }
}
