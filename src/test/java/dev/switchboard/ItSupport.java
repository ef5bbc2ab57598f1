package dev.switchboard;

import jakarta.json.JsonObject;
import dev.switchboard.websocket.JsonSupport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What every integration test needs: the built WAR, 127.0.0.1 URLs, JSON reading, polling. */
public final class ItSupport {
    private ItSupport() {
    }

    /**
     * The one deployment that the IT classes share: arquillian.xml names this class as the suite's
     * deployment class (arquillian-suite-extension), so Payara Micro boots once for all of them.
     */
    @Deployment(testable = false)
    public static WebArchive deployment() {
        ServerLog.install();
        // No per-connection message rate limit on the shared server: the fuzz tests send 10,000 frames at
        // once. AlternateConfigIT tests the limit (in the WAR's config, so system properties stay free for it).
        // MCP lists its tools in small pages, so that McpIT's lists take several.
        return war().addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(
                "switchboard.websocket.messages-per-second=0\nswitchboard.mcp.page-size=4\n"),
                "META-INF/microprofile-config.properties");
    }

    /** Whether this failsafe execution tests WildFly (pom.xml sets {@code switchboard.it.server}); Payara Micro otherwise. */
    public static boolean onWildFly() {
        return "wildfly".equals(System.getProperty("switchboard.it.server"));
    }

    /** Payara Micro serves MicroProfile Metrics; WildFly 39 has none (docs/portability.md). */
    public static boolean metricsServed() {
        return !onWildFly();
    }

    /** Skips (not fails) a test that can only observe what it checks through the application metrics. */
    public static void assumeMetricsServed() {
        Assumptions.assumeTrue(metricsServed(),
                "WildFly 39 has no MicroProfile Metrics, so no switchboard_* metric is served there (docs/portability.md)");
    }

    /**
     * A MicroProfile Health URL: Payara Micro serves health on the application's port, WildFly on its
     * management interface (the port the build reserved for it).
     */
    public static URI health(URL base, String path) {
        int port = onWildFly() ? Integer.getInteger("switchboard.it.wildfly-management-port") : base.getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The WAR that {@code mvn package} built: the tests exercise the real artifact. */
    public static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("switchboard.war")));
    }

    /** The injected URL may name the machine's interface address: always talk to 127.0.0.1. */
    public static URI ws(URL base, String path) {
        return URI.create("ws://127.0.0.1:" + base.getPort() + base.getPath() + path);
    }

    public static URI http(URL base, String path) {
        return URI.create("http://127.0.0.1:" + base.getPort() + base.getPath() + path);
    }

    public static JsonObject object(String json) {
        return JsonSupport.readTree(json).asJsonObject();
    }

    /** One application metric's value from {@code /metrics?scope=application} (Prometheus text). */
    public static long metric(URL base, String name) {
        assumeMetricsServed();
        try {
            // HTTP/1.1: the JDK client's default HTTP/2 tries an h2c upgrade, which Payara once answered so that
            // the client read the HTTP/1.1 reply as an HTTP/2 frame ("Frame type(34) ... exceeds MAX_FRAME_SIZE").
            String body = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + base.getPort() + "/metrics?scope=application")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = Pattern.compile("^" + name + "\\{[^}]*\\} ([0-9.]+)$", Pattern.MULTILINE).matcher(body);
            if (!matcher.find()) {
                throw new AssertionError(name + " not in /metrics:\n" + body);
            }
            return (long) Double.parseDouble(matcher.group(1));
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * One application metric's value, from the first of its series whose tags include every one of
     * {@code tags} (each as Prometheus prints it, e.g. {@code endpoint="ws"}), in any order; 0 if no such
     * series exists yet (error codes, for one, are registered when first counted).
     */
    public static double metric(URL base, String name, String... tags) {
        Matcher line = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(metrics(base));
        while (line.find()) {
            java.util.List<String> present = java.util.Arrays.asList(line.group(1).split(","));
            if (present.containsAll(java.util.Arrays.asList(tags))) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }

    /** The application metrics, in Prometheus text. */
    public static String metrics(URL base) {
        assumeMetricsServed();
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + base.getPort() + "/metrics?scope=application")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls a condition of the server that no event announces, until it holds or 20 s pass. */
    public static void await(BooleanSupplier condition) throws Exception {
        await(Duration.ofSeconds(20), condition, () -> "");
    }

    /** The same for work that takes longer on a loaded machine; {@code state} says where it stood on failure. */
    public static void await(Duration limit, BooleanSupplier condition, java.util.function.Supplier<String> state)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("condition not met within " + limit.toSeconds() + " s " + state.get());
            }
            Thread.sleep(100);
        }
    }
}
