package dev.switchboard.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Payara Micro command line of the run command. */
class ServeTest {
    @TempDir
    Path folder;

    private final Map<String, String> settings = Serve.parse(new String[] {
            "payara-micro=/m2/payara-micro.jar", "war=/target/switchboard.war", "port=8000", "tls-port=8443",
            "tls-folder=/target/tls", "pre-boot=/payara/pre-boot.asadmin", "post-boot=/payara/post-boot.asadmin", "header-guard=/target/switchboard-header-guard.jar",
            "java-options=-Xmx512m  -Dx=y"});

    @Test
    void servesTheWarOverHttpAndHttpsWithTheKeystoresCertificate() throws Exception {
        TlsSettings tls = new TlsSettings(folder.resolve("keys.p12"), "s3cret", "my-alias", false);
        Path properties = folder.resolve("payara-tls.properties");

        List<String> command = Serve.command(settings, tls, properties);

        assertEquals(List.of("-Xmx512m", "-Dx=y", "-Dhazelcast.socket.bind.any=false", "-jar", "/m2/payara-micro.jar",
                "--deploy", "/target/switchboard.war", "--contextroot", "/", "--port", "8000",
                "--sslport", "8443", "--sslcert", "my-alias", "--systemproperties", properties.toString(),
                "--nocluster", "--addlibs", "/target/switchboard-header-guard.jar",
                "--prebootcommandfile", "/payara/pre-boot.asadmin",
                "--postbootcommandfile", "/payara/post-boot.asadmin"), command.subList(1, command.size()));
        assertTrue(command.get(0).endsWith("java"), command.get(0));
        assertFalse(String.join(" ", command).contains("s3cret"), "the password is not on the command line");
    }

    @Test
    void theKeystoreSettingsReachPayaraInAFileOnlyItsOwnerReads() throws Exception {
        TlsSettings tls = new TlsSettings(folder.resolve("keys.p12"), "s3cret", "my-alias", false);
        Path file = folder.resolve("tls/payara-tls.properties");

        Serve.writeTlsProperties(file, tls);
        Serve.writeTlsProperties(file, tls); // again on the next start

        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        assertEquals(folder.resolve("keys.p12").toString(), properties.getProperty("javax.net.ssl.keyStore"));
        assertEquals("s3cret", properties.getProperty("javax.net.ssl.keyStorePassword"));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void theHeaderGuardsSettingsGivenToMavenReachPayara() {
        Properties system = new Properties();
        system.setProperty("switchboard.http.header-timeout-ms", "5000");
        system.setProperty("switchboard.other", "x");

        assertEquals(List.of("-Dswitchboard.http.header-timeout-ms=5000"), Serve.headerGuardOptions(system));
        assertEquals(List.of(), Serve.headerGuardOptions(new Properties()));
    }

    @Test
    void aMissingHeaderGuardJarStopsTheStart() throws Exception {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> Serve.requireHeaderGuard(folder.resolve("switchboard-header-guard.jar")));
        assertTrue(missing.getMessage().contains("switchboard-header-guard.jar"), missing.getMessage());
        Path jar = Files.createFile(folder.resolve("present.jar"));
        Serve.requireHeaderGuard(jar);
    }

    @Test
    void aMissingOrMalformedArgumentIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Serve.parse(new String[] {"port"}))
                .getMessage().contains("'port'"));
        Map<String, String> noTlsPort = Serve.parse(new String[] {"payara-micro=a", "war=b", "port=1",
                "pre-boot=c", "post-boot=c"});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Serve.command(noTlsPort,
                new TlsSettings(folder, "p", "a", false), folder)).getMessage().contains("tls-port"));
    }

    @Test
    void aLocalClusterRunsEachInstanceOnTheNextPortsAndJoinsThemOnLoopback() {
        Map<String, String> cluster = new java.util.HashMap<>(settings);
        cluster.put("instances", "2");
        TlsSettings tls = new TlsSettings(folder.resolve("keys.p12"), "s3cret", "my-alias", false);
        List<String> second = Serve.command(cluster, tls, folder.resolve("p.properties"), 1);
        assertTrue(second.contains("-Dswitchboard.cluster.enabled=true"), second.toString());
        assertTrue(second.contains("-Dhazelcast.max.no.heartbeat.seconds=10"), second.toString());
        assertFalse(second.contains("--nocluster"), second.toString());
        assertEquals("8001", second.get(second.indexOf("--port") + 1));
        assertEquals("8444", second.get(second.indexOf("--sslport") + 1));
        assertEquals("tcpip:127.0.0.1:6900,127.0.0.1:6901", second.get(second.indexOf("--clustermode") + 1));
        assertEquals("6901", second.get(second.indexOf("--startport") + 1));
        assertEquals("127.0.0.1", second.get(second.indexOf("--interfaces") + 1));
        assertEquals("switchboard-local", second.get(second.indexOf("--clustername") + 1));
        assertFalse(Serve.command(settings, tls, folder.resolve("p.properties")).contains("-Dswitchboard.cluster.enabled=true"),
                "a single server is not clustered");
    }

    @Test
    void instancesAreOneToThree() {
        for (String bad : List.of("0", "4", "two")) {
            Map<String, String> cluster = new java.util.HashMap<>(settings);
            cluster.put("instances", bad);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Serve.instances(cluster)).getMessage()
                    .contains("instances must be 1 to 3"), bad);
        }
        assertEquals(1, Serve.instances(settings));
    }
}
