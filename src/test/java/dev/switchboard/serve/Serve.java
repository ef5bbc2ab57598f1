package dev.switchboard.serve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The run command, {@code mvn -Pserve package} (exec:java in the {@code serve} profile of pom.xml): Payara
 * Micro serving the WAR over HTTP and HTTPS/WSS until Ctrl-C.
 *
 * <p>Payara Micro runs as a child process; when Maven's JVM is asked to stop (Ctrl-C, or SIGINT/SIGTERM to
 * Maven alone), a shutdown hook stops Payara Micro with SIGTERM, so the application's shutdown runs, and
 * waits for it; Payara's own exit code for that stop is a normal end, so Maven reports no failure.
 * (payara-micro-maven-plugin's {@code start} goal, used before, fails the build on it.)
 *
 * <p>Arguments, each {@code name=value}: {@code payara-micro}, {@code war}, {@code port}, {@code tls-port},
 * {@code pre-boot} and {@code post-boot} (asadmin command files), {@code tls-folder} (of the default keystore and of the file that
 * hands Payara the keystore's settings), {@code header-guard} (the HTTP head guard's jar, which the pre-boot
 * commands install: payara/header-guard), {@code java-options} (space-separated).
 *
 * <p>The guard's settings ({@link #HEADER_GUARD_PROPERTIES}) given to Maven as {@code -D…} reach Payara
 * Micro as the same {@code -D…}; in the environment ({@code SWITCHBOARD_HTTP_HEADER_TIMEOUT_MS}, …) Payara
 * Micro inherits them.
 */
public final class Serve {
    static final String DEFAULT_KEYSTORE = "switchboard.p12";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Makes the data grid bind only its configured interface (loopback, set in the pre-boot commands):
     * without it Hazelcast binds its member port on every interface whatever the interface setting.
     */
    public static final String GRID_ON_ITS_INTERFACE_ONLY = "-Dhazelcast.socket.bind.any=false";
    /** The HTTP head guard's settings (read by the guard inside Payara Micro, not by the WAR). */
    static final List<String> HEADER_GUARD_PROPERTIES =
            List.of("switchboard.http.header-timeout-ms", "switchboard.http.max-pending-per-address");

    private Serve() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> settings = parse(args);
        requireHeaderGuard(Path.of(required(settings, "header-guard")));
        Path tlsFolder = Path.of(required(settings, "tls-folder"));
        TlsSettings tls = TlsSettings.resolve(tlsFolder.resolve(DEFAULT_KEYSTORE));
        tls.prepare();
        Path tlsProperties = writeTlsProperties(tlsFolder.resolve("payara-tls.properties"), tls);

        ServerProcess server = ServerProcess.start(command(settings, tls, tlsProperties), STOP_TIMEOUT);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-payara-micro"));
        int exitCode = server.awaitExit();
        if (!ServerProcess.endedNormally(exitCode)) {
            throw new IllegalStateException("Payara Micro ended with exit code " + exitCode + " (see its log above)");
        }
    }

    /** The Payara Micro command line; the keystore's password is not on it (see {@link #writeTlsProperties}). */
    static List<String> command(Map<String, String> settings, TlsSettings tls, Path tlsProperties) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(settings.getOrDefault("java-options", "").split("\\s+"))
                .filter(option -> !option.isEmpty())
                .forEach(command::add);
        command.addAll(headerGuardOptions(System.getProperties()));
        command.addAll(List.of(GRID_ON_ITS_INTERFACE_ONLY,
                "-jar", required(settings, "payara-micro"),
                "--deploy", required(settings, "war"), "--contextroot", "/",
                "--port", required(settings, "port"),
                "--sslport", required(settings, "tls-port"), "--sslcert", tls.alias(),
                "--systemproperties", tlsProperties.toString(),
                "--nocluster",
                "--addlibs", required(settings, "header-guard"),
                "--prebootcommandfile", required(settings, "pre-boot"),
                "--postbootcommandfile", required(settings, "post-boot")));
        return command;
    }

    /**
     * Without the guard's jar the pre-boot commands still turn the guard on, and the listeners then close every
     * connection: say so before starting rather than serve nothing.
     */
    static void requireHeaderGuard(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The HTTP head guard " + jar + " is missing (payara/header-guard;"
                    + " mvn package builds it): Payara Micro would refuse every connection without it");
        }
    }

    /** {@code -Dname=value} for each of the guard's settings that Maven's JVM was given. */
    static List<String> headerGuardOptions(Properties system) {
        List<String> options = new ArrayList<>();
        for (String name : HEADER_GUARD_PROPERTIES) {
            String value = system.getProperty(name);
            if (value != null) {
                options.add("-D" + name + "=" + value);
            }
        }
        return options;
    }

    /**
     * Payara Micro takes its keystore from the JVM's {@code javax.net.ssl} properties: handed over in a file
     * (only its owner may read it) rather than on the command line, where any local user sees it.
     */
    static Path writeTlsProperties(Path file, TlsSettings tls) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("javax.net.ssl.keyStore", tls.keystore().toAbsolutePath().toString());
        properties.setProperty("javax.net.ssl.keyStorePassword", tls.password());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "Written by the run command for Payara Micro (--systemproperties)");
        }
        return file;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected name=value, got '" + arg + "'");
            }
            settings.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        return settings;
    }

    private static String required(Map<String, String> settings, String name) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing argument " + name + "=…");
        }
        return value;
    }
}
