package dev.switchboard.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run command's keystore, made with the JDK's keytool. */
class SelfSignedKeystoreTest {
    @TempDir
    Path folder;

    @Test
    void makesAKeyAndASelfSignedCertificateForLocalhostAndItsPemBesideIt() throws Exception {
        Path keystore = folder.resolve("tls/switchboard.p12");

        assertTrue(SelfSignedKeystore.ensure(keystore));

        KeyStore store = KeyStore.getInstance(keystore.toFile(), SelfSignedKeystore.PASSWORD.toCharArray());
        assertEquals(List.of(SelfSignedKeystore.ALIAS), java.util.Collections.list(store.aliases()));
        assertTrue(store.isKeyEntry(SelfSignedKeystore.ALIAS));
        X509Certificate certificate = (X509Certificate) store.getCertificate(SelfSignedKeystore.ALIAS);
        certificate.verify(certificate.getPublicKey()); // self-signed
        certificate.checkValidity();
        Set<String> names = certificate.getSubjectAlternativeNames().stream()
                .map(name -> name.get(1).toString()).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("localhost", "127.0.0.1")), names.toString());

        Path pem = SelfSignedKeystore.certificateOf(keystore);
        assertEquals(folder.resolve("tls/switchboard.crt"), pem);
        assertTrue(Files.readString(pem).startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals(certificate, read(pem), "the PEM file is the keystore's certificate");
        try (var files = Files.list(keystore.getParent())) {
            assertEquals(Set.of(keystore, pem), files.collect(Collectors.toSet()), "no temporary file left");
        }
    }

    @Test
    void keepsAKeystoreThatExists() throws Exception {
        Path keystore = folder.resolve("switchboard.p12");
        SelfSignedKeystore.ensure(keystore);
        byte[] first = Files.readAllBytes(keystore);

        assertFalse(SelfSignedKeystore.ensure(keystore));

        assertArrayEquals(first, Files.readAllBytes(keystore), "made on first use only: clients keep trusting it");
    }

    private static Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
