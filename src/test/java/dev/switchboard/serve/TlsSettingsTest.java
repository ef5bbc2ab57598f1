package dev.switchboard.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the run command's keystore comes from, and the clear refusal of one it cannot use. */
class TlsSettingsTest {
    @TempDir
    Path folder;

    @Test
    void withoutSettingsTheSelfSignedKeystoreIsMadeOnFirstUse() throws Exception {
        Path keystore = folder.resolve("tls/switchboard.p12");
        TlsSettings tls = TlsSettings.resolve(keystore, name -> null, Map.of());

        assertEquals(new TlsSettings(keystore, "changeit", "switchboard", true), tls);
        tls.prepare();
        assertTrue(Files.exists(keystore));
        assertTrue(Files.exists(folder.resolve("tls/switchboard.crt")));
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        Map<String, String> env = Map.of("SWITCHBOARD_TLS_KEYSTORE", "/env/keys.p12",
                "SWITCHBOARD_TLS_KEYSTORE_PASSWORD", "env-secret", "SWITCHBOARD_TLS_ALIAS", "env-alias");
        Map<String, String> properties = Map.of("switchboard.tls.keystore", "/prop/keys.p12");

        TlsSettings tls = TlsSettings.resolve(folder.resolve("default.p12"), properties::get, env);

        assertEquals(new TlsSettings(Path.of("/prop/keys.p12"), "env-secret", "env-alias", false), tls);
        assertEquals(new TlsSettings(Path.of("/env/keys.p12"), "env-secret", "env-alias", false),
                TlsSettings.resolve(folder.resolve("default.p12"), name -> null, env));
    }

    @Test
    void aSuppliedKeystoreIsUsedAsItIs() throws Exception {
        Path own = folder.resolve("own.p12");
        SelfSignedKeystore.ensure(own);
        TlsSettings tls = TlsSettings.resolve(folder.resolve("default.p12"),
                Map.of("switchboard.tls.keystore", own.toString())::get, Map.of());

        tls.prepare();

        assertFalse(Files.exists(folder.resolve("default.p12")), "no keystore is made when one is supplied");
    }

    @Test
    void aKeystoreThatCannotBeUsedStopsTheRunCommandWithWhatToFix() throws Exception {
        Path own = folder.resolve("own.p12");
        SelfSignedKeystore.ensure(own);

        assertRefused(new TlsSettings(folder.resolve("missing.p12"), "changeit", "switchboard", false),
                "does not exist", "switchboard.tls.keystore");
        assertRefused(new TlsSettings(own, "wrong-password", "switchboard", false),
                "cannot be read", "switchboard.tls.keystore-password");
        assertRefused(new TlsSettings(own, "changeit", "other", false),
                "has no key entry 'other'", "switchboard.tls.alias");
        Files.writeString(folder.resolve("garbage.p12"), "not a keystore");
        assertRefused(new TlsSettings(folder.resolve("garbage.p12"), "changeit", "switchboard", false),
                "cannot be read", "PKCS12");
    }

    @Test
    void thePasswordIsNeverPrinted() {
        TlsSettings tls = new TlsSettings(folder.resolve("k.p12"), "s3cret-value", "switchboard", false);
        assertFalse(tls.toString().contains("s3cret-value"), tls.toString());
    }

    private static void assertRefused(TlsSettings tls, String... expected) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, tls::prepare);
        for (String text : expected) {
            assertTrue(refused.getMessage().contains(text), refused.getMessage());
        }
        assertFalse(refused.getMessage().contains("wrong-password"), "never the password: " + refused.getMessage());
    }
}
