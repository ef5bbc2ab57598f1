package dev.switchboard.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginPolicyTest {
    private final OriginPolicy defaults = new OriginPolicy(OriginPolicy.DEFAULT);

    @ParameterizedTest(name = "{0} from a page on {1}: {2}")
    @CsvSource({
            "http://localhost:3000, switchboard.example:8000, true",
            "https://localhost:8443, switchboard.example:8000, true",
            "http://localhost, switchboard.example:8000, true",
            "http://127.0.0.1:5173, switchboard.example:8000, true",
            "http://[::1]:8000, switchboard.example:8000, true",
            "https://[::1]:8443, switchboard.example:8000, true",
            "http://[::1], switchboard.example:8000, true",
            "http://[0:0:0:0:0:0:0:1]:3000, switchboard.example:8000, true",
            "http://[::2]:8000, switchboard.example:8000, false",
            "http://[::ffff:7f00:1]:8000, switchboard.example:8000, false",
            "http://[::1].evil.example:8000, switchboard.example:8000, false",
            "HTTP://LOCALHOST:3000, switchboard.example:8000, true",
            "http://switchboard.example:8000, switchboard.example:8000, true",
            "http://switchboard.example:8001, switchboard.example:8000, false",
            "https://switchboard.example:8000, switchboard.example:8000, false",
            "https://evil.example, switchboard.example:8000, false",
            "http://localhost.evil.example, switchboard.example:8000, false",
            "http://127.0.0.1.evil.example:80, switchboard.example:8000, false",
            "http://evil.example/http://localhost:3000, switchboard.example:8000, false",
            "null, switchboard.example:8000, false",
            "not an origin, switchboard.example:8000, false",
    })
    void theDefaultListAndTheServersOwnOrigin(String origin, String host, boolean allowed) {
        assertEquals(allowed, defaults.allows(origin, "http", host));
    }

    @Test
    void noOriginIsAProgramAndAllowed() {
        assertTrue(defaults.allows(null, "http", "127.0.0.1:8000"));
    }

    @Test
    void aConfiguredListReplacesTheDefaultButNotTheOwnOrigin() {
        OriginPolicy policy = new OriginPolicy(List.of(" https://app.example.com ", "http://dev.example:*", ""));
        assertTrue(policy.allows("https://app.example.com", "http", "sb:8000"));
        assertTrue(policy.allows("https://app.example.com:443", "http", "sb:8000"), "the default port is the same origin");
        assertEquals(false, policy.allows("http://app.example.com", "http", "sb:8000"));
        assertTrue(policy.allows("http://dev.example:1234", "http", "sb:8000"));
        assertEquals(false, policy.allows("http://localhost:3000", "http", "sb:8000"));
        assertTrue(policy.allows("http://sb:8000", "http", "sb:8000"));
    }

    @Test
    void ipv6HostsAreComparedAsAddresses() {
        OriginPolicy policy = new OriginPolicy(List.of("http://[2001:db8::1]:*"));
        assertTrue(policy.allows("http://[2001:DB8:0:0:0:0:0:1]:9000", "http", "sb:8000"));
        assertEquals(false, policy.allows("https://[2001:db8::1]:9000", "http", "sb:8000"));
        assertTrue(policy.allows("http://[::1]:8000", "http", "[0:0:0:0:0:0:0:1]:8000"), "the server's own origin");
        assertEquals(false, policy.allows("http://[::1]:8001", "http", "[::1]:8000"));
    }

    @Test
    void wildcardAndNullEntries() {
        assertTrue(new OriginPolicy(List.of("*")).allows("https://anything.example", "http", "sb"));
        assertTrue(new OriginPolicy(List.of("null")).allows("null", "http", "sb"));
    }

    @Test
    void aBadEntryIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OriginPolicy(List.of("localhost:3000/path")));
        assertTrue(e.getMessage().contains("localhost:3000/path"), e.getMessage());
    }
}
