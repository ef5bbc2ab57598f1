package dev.switchboard.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Which keystore the run command serves HTTPS/WSS with. Each setting is read as a JVM system property of
 * Maven ({@code mvn -Dswitchboard.tls.keystore=…}), else the environment ({@code SWITCHBOARD_TLS_KEYSTORE}),
 * else its default: the self-signed keystore under {@code target/tls/}, made on first use.
 *
 * @param keystore    a PKCS12 (or JKS) keystore file
 * @param password    its password, also the key's
 * @param alias       the entry whose key and certificate the server presents
 * @param selfSigned  true when it is the default keystore, which is created when missing
 */
record TlsSettings(Path keystore, String password, String alias, boolean selfSigned) {
    static final String KEYSTORE = "switchboard.tls.keystore";
    static final String PASSWORD = "switchboard.tls.keystore-password";
    static final String ALIAS = "switchboard.tls.alias";

    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", alias=" + alias + "]"; // never the password
    }

    /** The settings from system properties and the environment, with {@code defaultKeystore} when none names one. */
    static TlsSettings resolve(Path defaultKeystore) {
        return resolve(defaultKeystore, System::getProperty, System.getenv());
    }

    static TlsSettings resolve(Path defaultKeystore, Function<String, String> properties, Map<String, String> env) {
        String keystore = setting(KEYSTORE, properties, env);
        if (keystore == null) {
            return new TlsSettings(defaultKeystore, SelfSignedKeystore.PASSWORD, SelfSignedKeystore.ALIAS, true);
        }
        String password = setting(PASSWORD, properties, env);
        String alias = setting(ALIAS, properties, env);
        return new TlsSettings(Path.of(keystore).toAbsolutePath(),
                password == null ? SelfSignedKeystore.PASSWORD : password,
                alias == null ? SelfSignedKeystore.ALIAS : alias, false);
    }

    /** {@code switchboard.tls.keystore-password} → {@code SWITCHBOARD_TLS_KEYSTORE_PASSWORD}, as MicroProfile Config maps names. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static String setting(String name, Function<String, String> properties, Map<String, String> env) {
        String value = properties.apply(name);
        if (value == null || value.isBlank()) {
            value = env.get(environmentName(name));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Makes the default keystore if it is missing, then checks that the keystore opens with the password and
     * holds a key under the alias, so that a wrong setting stops the run command with a clear message
     * instead of a server whose HTTPS port answers nothing.
     */
    void prepare() throws IOException, InterruptedException {
        if (selfSigned && SelfSignedKeystore.ensure(keystore)) {
            System.out.println("Created a self-signed TLS certificate for localhost: " + keystore
                    + " (clients can trust " + SelfSignedKeystore.certificateOf(keystore) + ")");
        }
        if (!Files.isRegularFile(keystore)) {
            throw new IllegalArgumentException("TLS keystore " + keystore + " (" + KEYSTORE + ") does not exist");
        }
        try {
            KeyStore store = KeyStore.getInstance(keystore.toFile(), password.toCharArray());
            if (!store.isKeyEntry(alias)) {
                throw new IllegalArgumentException("TLS keystore " + keystore + " has no key entry '" + alias
                        + "' (" + ALIAS + "); its entries: " + Collections.list(store.aliases()));
            }
            store.getKey(alias, password.toCharArray()); // the server reads the key with the same password
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS keystore " + keystore + " cannot be read with the password of "
                    + PASSWORD + " (or it is not a PKCS12/JKS keystore): " + e.getMessage());
        }
    }
}
