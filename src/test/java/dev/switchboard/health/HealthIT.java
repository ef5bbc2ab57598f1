package dev.switchboard.health;

import dev.switchboard.ItSupport;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MicroProfile Health on the shared server: liveness and a readiness that says what it checked. On
 * WildFly (standalone-microprofile.xml) it is served on the management port.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {
    @ArquillianResource
    URL base;

    private JsonObject get(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                ItSupport.health(base, path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return ItSupport.object(response.body());
    }

    private static JsonObject check(JsonObject health) {
        return health.getJsonArray("checks").stream().map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals("switchboard")).findFirst()
                .orElseThrow(() -> new AssertionError("no switchboard check in " + health));
    }

    @Test
    void readinessIsUpAndSaysWhatItChecked() throws Exception {
        JsonObject ready = check(get("/health/ready", 200));
        assertEquals("UP", ready.getString("status"));
        JsonObject data = ready.getJsonObject("data");
        // Payara writes data values as JSON strings or numbers depending on their type
        assertEquals("false", text(data, "shutting-down"), data.toString());
        assertEquals("up", text(data, "bus"));
        assertTrue(Long.parseLong(text(data, "workers-busy")) < Long.parseLong(text(data, "workers-max")), data.toString());
        // The application's own pool, the same size on every server (not the container's default executor,
        // which WildFly sizes at 2 x CPUs): switchboard.workers.max-threads' default.
        assertEquals("512", text(data, "workers-max"), data.toString());
    }

    private static String text(JsonObject data, String key) {
        return String.valueOf(data.get(key)).replace("\"", "");
    }

    @Test
    void livenessIsUp() throws Exception {
        assertEquals("UP", check(get("/health/live", 200)).getString("status"));
        assertEquals("UP", get("/health", 200).getString("status"));
    }
}
