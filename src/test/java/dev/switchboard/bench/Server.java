package dev.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A server under test: where it listens and which process it is, for its CPU time ({@code /proc/<pid>/stat})
 * and, for a JVM, its live heap after a full GC ({@code jcmd <pid> GC.class_histogram}, whose total counts
 * only reachable objects because it runs a full GC first).
 *
 * @param name  short key used in results: {@code switchboard}, {@code python}, {@code node}
 * @param label what the report calls it
 * @param base  {@code ws://127.0.0.1:port}
 * @param pid   the server's process id, 0 when unknown (then CPU and heap are not measured)
 * @param members the instances of a cluster measured as one server (their CPU summed; {@code base} and
 *                {@code pid} are the first's), empty for a single server
 */
record Server(String name, String label, URI base, long pid, boolean jvm, List<Server> members) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Server(String name, String label, URI base, long pid, boolean jvm) {
        this(name, label, base, pid, jvm, List.of());
    }

    /** Several instances measured as one server called {@code name}. */
    static Server of(String name, String label, List<Server> members) {
        Server first = members.get(0);
        return new Server(name, label, first.base, first.pid, first.jvm, List.copyOf(members));
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    boolean measurable() {
        if (!members.isEmpty()) {
            return members.stream().allMatch(Server::measurable);
        }
        return pid > 0 && Files.exists(stat());
    }

    private Path stat() {
        return Path.of("/proc", Long.toString(pid), "stat");
    }

    /** User + system CPU time of the whole process (all threads) in nanoseconds, or -1 when unknown. */
    long cpuNanos(long clockTicksPerSecond) {
        if (!measurable()) {
            return -1;
        }
        if (!members.isEmpty()) {
            return members.stream().mapToLong(m -> m.cpuNanos(clockTicksPerSecond))
                    .reduce(0, (a, b) -> a < 0 || b < 0 ? -1 : a + b);
        }
        try {
            String stat = Files.readString(stat());
            // fields after "(comm)": state is field 3, utime 14, stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1_000_000_000L / clockTicksPerSecond;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The server's command line (for the report), or "" when unknown. */
    String commandLine() {
        if (!members.isEmpty()) {
            return String.join(" ; ", members.stream().map(Server::commandLine).distinct().toList());
        }
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Bytes of reachable objects after a full GC, when this is a JVM whose pid is known. */
    OptionalLong liveHeapBytes() {
        if (!jvm || !measurable() || !members.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            List<String> lines;
            try (var out = jcmd.getInputStream()) {
                lines = new String(out.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
            jcmd.waitFor(60, TimeUnit.SECONDS);
            return lines.stream().filter(l -> l.startsWith("Total"))
                    .mapToLong(l -> Long.parseLong(l.trim().split("\\s+")[2])).findFirst();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** Switchboard's own count of open WebSocket sessions (application metrics), or -1 when unavailable. */
    long openSessions() {
        URI metrics = URI.create(base.toString().replaceFirst("^ws", "http")).resolve("/metrics?scope=application");
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(metrics)
                    .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain").build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body().lines()
                    .filter(l -> l.startsWith("switchboard_websocket_sessions"))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
