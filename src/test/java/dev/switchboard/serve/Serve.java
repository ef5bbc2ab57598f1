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
 * {@code pre-boot} and {@code post-boot} (asadmin command files), {@code instances} (1 to 3: more than one is
 * a local cluster, each instance on the next ports, all stopped together), {@code grid-port} (the first
 * instance's grid port, 6900), {@code tls-folder} (of the default keystore and of the file that
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
    static final int MAX_INSTANCES = 3;
    /** The first grid (Hazelcast member) port of a local cluster; the next instances take the next ones. */
    static final String DEFAULT_GRID_PORT = "6900";
    /**
     * Makes the data grid bind only its configured interface (loopback, set in the pre-boot commands):
     * without it Hazelcast binds its member port on every interface whatever the interface setting.
     */
    public static final String GRID_ON_ITS_INTERFACE_ONLY = "-Dhazelcast.socket.bind.any=false";
    /**
     * A member that sends no heartbeat for this long is out of the cluster (Hazelcast's default: 60 s).
     * A member whose process ends is noticed at once, as its connections close; this bounds the case of
     * a machine that vanishes without closing them.
     */
    static final String GRID_HEARTBEAT_LIMIT = "-Dhazelcast.max.no.heartbeat.seconds=10";
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

        int instances = instances(settings);
        requirePortsFree(settings, instances);
        List<ServerProcess> servers = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(servers), "stop-payara-micro"));
        for (int instance = 0; instance < instances; instance++) {
            ServerProcess server = ServerProcess.start(command(settings, tls, tlsProperties, instance), STOP_TIMEOUT);
            synchronized (servers) {
                servers.add(server);
            }
        }
        int exitCode = 0;
        for (ServerProcess server : servers) {
            int code = server.awaitExit();
            if (!ServerProcess.endedNormally(code)) {
                exitCode = code;
            }
        }
        if (exitCode != 0) {
            throw new IllegalStateException("Payara Micro ended with exit code " + exitCode + " (see its log above)");
        }
    }

    /** Stops every instance at once (each gets SIGTERM, then each is waited for), so that none is left behind. */
    private static void stopAll(List<ServerProcess> servers) {
        List<ServerProcess> started;
        synchronized (servers) {
            started = List.copyOf(servers);
        }
        List<Thread> stopping = started.stream().map(server -> new Thread(server::stop, "stop-" + server.pid())).toList();
        stopping.forEach(Thread::start);
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** How many instances to run: 1, or a local cluster of up to {@link #MAX_INSTANCES}. */
    static int instances(Map<String, String> settings) {
        String value = settings.getOrDefault("instances", "1").trim();
        int instances;
        try {
            instances = value.isEmpty() ? 1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            instances = 0;
        }
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new IllegalArgumentException("instances must be 1 to " + MAX_INSTANCES + ", got '" + value + "'");
        }
        return instances;
    }

    /**
     * The build checks the first instance's ports; a local cluster's others are checked here, before any
     * starts (Payara Micro keeps running after "Failed to start" on a taken port).
     */
    static void requirePortsFree(Map<String, String> settings, int instances) {
        for (int instance = 1; instance < instances; instance++) {
            for (int port : List.of(port(settings, "port", instance), port(settings, "tls-port", instance))) {
                try (java.net.Socket taken = new java.net.Socket("127.0.0.1", port)) {
                    throw new IllegalStateException("Port " + port + " (instance " + (instance + 1)
                            + " of the local cluster) is already in use: stop whatever listens there, or choose other ports");
                } catch (IOException free) {
                    // nothing listens there
                }
            }
        }
    }

    private static int port(Map<String, String> settings, String name, int instance) {
        return Integer.parseInt(required(settings, name)) + instance;
    }

    /** The command of a single server, or of a local cluster's first instance. */
    static List<String> command(Map<String, String> settings, TlsSettings tls, Path tlsProperties) {
        return command(settings, tls, tlsProperties, 0);
    }

    /**
     * The Payara Micro command line of instance {@code instance} (0 for a single server); the keystore's
     * password is not on it (see {@link #writeTlsProperties}). The instances of a local cluster take the
     * next ports (HTTP, HTTPS and the grid's) and form one cluster on loopback.
     */
    static List<String> command(Map<String, String> settings, TlsSettings tls, Path tlsProperties, int instance) {
        int instances = instances(settings);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(settings.getOrDefault("java-options", "").split("\\s+"))
                .filter(option -> !option.isEmpty())
                .forEach(command::add);
        command.addAll(headerGuardOptions(System.getProperties()));
        if (instances > 1) {
            command.add("-Dswitchboard.cluster.enabled=true");
            command.add(GRID_HEARTBEAT_LIMIT);
        }
        command.addAll(List.of(GRID_ON_ITS_INTERFACE_ONLY,
                "-jar", required(settings, "payara-micro"),
                "--deploy", required(settings, "war"), "--contextroot", "/",
                "--port", Integer.toString(port(settings, "port", instance)),
                "--sslport", Integer.toString(port(settings, "tls-port", instance)), "--sslcert", tls.alias(),
                "--systemproperties", tlsProperties.toString()));
        command.addAll(instances > 1 ? clusterOptions(settings, instances, instance) : List.of("--nocluster"));
        command.addAll(List.of(
                "--addlibs", required(settings, "header-guard"),
                "--prebootcommandfile", required(settings, "pre-boot"),
                "--postbootcommandfile", required(settings, "post-boot")));
        return command;
    }

    /** One local cluster on loopback: every instance lists every instance's grid port. */
    private static List<String> clusterOptions(Map<String, String> settings, int instances, int instance) {
        int firstGridPort = Integer.parseInt(settings.getOrDefault("grid-port", DEFAULT_GRID_PORT));
        StringBuilder members = new StringBuilder("tcpip:");
        for (int i = 0; i < instances; i++) {
            members.append(i == 0 ? "" : ",").append("127.0.0.1:").append(firstGridPort + i);
        }
        return List.of("--name", "switchboard-" + (instance + 1), "--clustername", "switchboard-local",
                "--clustermode", members.toString(), "--startport", Integer.toString(firstGridPort + instance),
                "--interfaces", "127.0.0.1");
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
