package dev.switchboard.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One more member of the integration tests' cluster: Payara Micro with the same WAR and options as the
 * member Arquillian boots, as a child process whose log goes to {@code target/cluster-<name>.log}.
 * {@link #kill()} ends it as a crash would (SIGKILL: no shutdown hook, no goodbye to the cluster).
 */
final class ClusterMember implements AutoCloseable {
    private static final Duration BOOT_LIMIT = Duration.ofSeconds(180);

    private final String name;
    private final int httpPort;
    private final Process process;
    private final Path log;
    private final String contextRoot;

    private ClusterMember(String name, int httpPort, Process process, Path log, String contextRoot) {
        this.name = name;
        this.httpPort = httpPort;
        this.process = process;
        this.log = log;
        this.contextRoot = contextRoot;
    }

    /** Starts a member and waits until its WAR is deployed and it is ready (joined the cluster). */
    static ClusterMember start(String name, int httpPort, int tlsPort, int gridPort, Path war, String contextRoot)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ClusterSupport.javaOptions());
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"),
                "--name", name,
                "--deploy", war.toString(), "--contextroot", contextRoot,
                "--port", Integer.toString(httpPort),
                "--sslport", Integer.toString(tlsPort), "--sslcert", "switchboard",
                "--startport", Integer.toString(gridPort)));
        command.addAll(ClusterSupport.microOptions());
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "cluster-" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ClusterMember member = new ClusterMember(name, httpPort, process, log, contextRoot);
        try {
            member.awaitReady();
        } catch (Exception | AssertionError e) {
            member.kill();
            throw e;
        }
        return member;
    }

    /** The URL of a path of the application on this member, e.g. {@code ws("events")}. */
    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + httpPort + contextRoot + "/" + path);
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + contextRoot + "/" + path);
    }

    int httpPort() {
        return httpPort;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + BOOT_LIMIT.toNanos();
        while (!logSays("successfully deployed")) {
            if (!process.isAlive() || logSays("Failed to start") || logSays("Failed to deploy")) {
                throw new AssertionError("Cluster member " + name + " did not deploy: see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Cluster member " + name + " not deployed within " + BOOT_LIMIT + ": see " + log);
            }
            Thread.sleep(200); // polling a log that says nothing until it is ready
        }
        ClusterSupport.awaitReady(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"), name);
    }

    private boolean logSays(String text) throws IOException {
        return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
    }

    /** Ends the process at once (SIGKILL), as a crash or a power loss would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then a wait: a normal stop. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    static String get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
