package dev.switchboard.cluster;

import dev.switchboard.ItSupport;
import dev.switchboard.ServerLog;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cluster the {@code cluster} failsafe execution tests: member A is the one Arquillian boots with
 * this class's deployment (arquillian.xml, container {@code payara-cluster}); member B is started by the
 * first test that needs it and shared by the rest ({@link #memberB}), until the JVM ends.
 */
public final class ClusterSupport {
    static final String WAR_NAME = "switchboard.war";
    private static ClusterMember memberB;

    private ClusterSupport() {
    }

    @Deployment(testable = false)
    public static WebArchive deployment() {
        ServerLog.install();
        WebArchive war = ItSupport.war().addAsResource(new StringAsset("switchboard.websocket.messages-per-second=0\n"),
                "META-INF/microprofile-config.properties");
        war.as(ZipExporter.class).exportTo(exportedWar().toFile(), true);
        return war;
    }

    /** The deployment, as a file for the members the tests start. */
    static Path exportedWar() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "cluster-it");
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return folder.resolve(WAR_NAME);
    }

    /** Member B, started (and joined) on first use; A's {@code base} says the context root. */
    static synchronized ClusterMember memberB(URL base) throws Exception {
        if (memberB == null) {
            memberB = startMember("b", base);
            ClusterMember started = memberB;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        return memberB;
    }

    /** Member B, once A (at {@code base}) counts both in its cluster: every cluster IT's start. */
    static ClusterMember twoMembers(URL base) throws Exception {
        ClusterMember b = memberB(base);
        awaitMembers(URI.create("http://127.0.0.1:" + base.getPort() + "/health/ready"), 2);
        return b;
    }

    /** A member of its own ({@code c}), for a test that kills it; the caller ends it. */
    static ClusterMember startMember(String name, URL base) throws Exception {
        String contextRoot = base.getPath().replaceAll("/+$", "");
        return ClusterMember.start(name, Integer.getInteger("switchboard.it.cluster-http-" + name),
                Integer.getInteger("switchboard.it.cluster-tls-" + name),
                Integer.getInteger("switchboard.it.cluster-grid-" + name), exportedWar(), contextRoot);
    }

    /** The JVM options of every member (the pom's {@code switchboard.it.cluster-java-options}). */
    static List<String> javaOptions() {
        return Arrays.stream(System.getProperty("switchboard.it.cluster-java-options").trim().split("\\s+")).toList();
    }

    /** Payara Micro's options of every member but its own ports and name: as arquillian.xml gives member A. */
    static List<String> microOptions() {
        List<String> options = new ArrayList<>(List.of(
                "--addlibs", System.getProperty("switchboard.headerGuardJar"),
                "--prebootcommandfile", System.getProperty("switchboard.payaraDir") + "/pre-boot-commands.asadmin",
                "--postbootcommandfile", System.getProperty("switchboard.payaraDir") + "/post-boot-commands.asadmin",
                "--clustername", "switchboard-it",
                "--clustermode", "tcpip:127.0.0.1:" + grid("a") + ",127.0.0.1:" + grid("b") + ",127.0.0.1:" + grid("c"),
                "--interfaces", "127.0.0.1"));
        return options;
    }

    private static int grid(String member) {
        return Integer.getInteger("switchboard.it.cluster-grid-" + member);
    }

    /**
     * Waits until {@code /health/ready} has Switchboard's check and answers UP (a member is ready once it
     * has joined): Payara Micro says "successfully deployed" before the application has started, and its
     * health then has no check of Switchboard's yet.
     */
    static void awaitReady(URI health, String member) throws Exception {
        ItSupport.await(Duration.ofSeconds(120), () -> membersSeen(health) > 0 && readiness(health)
                        .map(r -> "UP".equals(r.getString("status"))).orElse(false),
                () -> "(member " + member + ", " + health + ": " + readiness(health).orElse(null) + ")");
    }

    /** Waits until the member at {@code health} counts {@code members} in its cluster. */
    static void awaitMembers(URI health, long members) throws Exception {
        ItSupport.await(Duration.ofSeconds(60), () -> membersSeen(health) == members,
                () -> "(" + health + " sees " + membersSeen(health) + " members, waiting for " + members + ")");
    }

    static long membersSeen(URI health) {
        return readiness(health).flatMap(r -> r.getJsonArray("checks").stream().map(c -> c.asJsonObject())
                        .filter(c -> "switchboard".equals(c.getString("name"))).findFirst())
                .map(c -> c.getJsonObject("data").get("cluster-members"))
                // Payara Micro writes the numbers of a check's data as strings
                .map(v -> v instanceof jakarta.json.JsonNumber n ? n.longValue() : Long.parseLong(((jakarta.json.JsonString) v).getString()))
                .orElse(-1L);
    }

    private static java.util.Optional<JsonObject> readiness(URI health) {
        try {
            return java.util.Optional.of(ItSupport.object(ClusterMember.get(health)));
        } catch (Exception | AssertionError notYet) {
            return java.util.Optional.empty();
        }
    }
}
