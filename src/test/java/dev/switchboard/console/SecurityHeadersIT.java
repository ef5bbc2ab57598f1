package dev.switchboard.console;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import static dev.switchboard.ItSupport.http;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console page and its files come with the browser's hardening headers, and their exact types. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityHeadersIT {
    @ArquillianResource
    URL base;

    @ParameterizedTest(name = "/{0}")
    @CsvSource(delimiter = '|', value = {
            "|text/html",
            "index.html|text/html",
            "console/main.js|javascript",
            "console/console.css|text/css"})
    void servedWithSecurityHeaders(String path, String type) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(http(base, path == null ? "" : path)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").contains(type),
                "nosniff needs the exact type: " + response.headers().firstValue("Content-Type"));
        assertEquals(List.of("nosniff"), response.headers().allValues("X-Content-Type-Options"));
        assertEquals(List.of("no-referrer"), response.headers().allValues("Referrer-Policy"));
        // Payara sends SAMEORIGIN of its own: replaced, not sent beside DENY
        assertEquals(List.of("DENY"), response.headers().allValues("X-Frame-Options"));
        assertEquals(1, response.headers().allValues("Content-Security-Policy").size());
        List<String> policy = Arrays.stream(response.headers().firstValue("Content-Security-Policy").orElse("").split(";"))
                .map(String::trim).toList();
        for (String directive : List.of("default-src 'self'", "script-src 'self'", "style-src 'self'",
                "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'")) {
            assertTrue(policy.contains(directive), directive + " in " + policy);
        }
        assertTrue(policy.stream().noneMatch(directive -> directive.contains("unsafe")), policy.toString());
    }
}
