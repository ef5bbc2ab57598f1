package dev.switchboard;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the server under test logs, so that a test can check that nothing unexpected (a WARNING or
 * SEVERE record) was logged while it ran. Payara Micro: its console, as Arquillian copies it into this
 * JVM's {@code System.out} line by line ({@code outputToConsole}). WildFly: its
 * {@code standalone/log/server.log}, read as it grows (WildFly's adapter copies the console bypassing
 * {@code println}).
 */
public final class ServerLog {
    /** A WildFly record's level: "2026-12-01 03:21:33,427 WARN  [category] ..." (JUL loggers print WARNING, SEVERE). */
    private static final Pattern WILDFLY_PROBLEM = Pattern.compile("^\\S+ \\S+ (WARN|WARNING|ERROR|SEVERE|FATAL) ");
    private static final List<String> LINES = new ArrayList<>();
    private static boolean installed;
    /** WildFly's server.log and how far it has been read; null on Payara. */
    private static Path logFile;
    private static long logPosition;

    private ServerLog() {
    }

    /** Starts recording (before the server boots: {@link ItSupport#deployment()} calls it). */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        if (ItSupport.onWildFly()) {
            logFile = Path.of(System.getProperty("switchboard.wildfly.home"), "standalone", "log", "server.log");
            logPosition = startOfThisBoot(logFile);
            return;
        }
        PrintStream console = System.out;
        System.setOut(new PrintStream(console, true) {
            @Override
            public void println(String line) {
                record(line);
                super.println(line);
            }
        });
    }

    /**
     * Where the server under test started logging: the start of the last boot if it is running (it has not
     * logged "stopped" since), else the end of the file (it is about to boot). Earlier boots are not ours.
     */
    private static long startOfThisBoot(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.ISO_8859_1); // one char per byte: indexes are offsets
            int started = text.lastIndexOf("WFLYSRV0049:");
            if (started >= 0 && text.lastIndexOf("WFLYSRV0050:") < started) {
                return text.lastIndexOf('\n', started) + 1;
            }
            return bytes.length;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static synchronized void record(String line) {
        LINES.add(line);
        ServerLog.class.notifyAll();
    }

    /** A position in the log: lines after it are what happens from now on. */
    public static synchronized int mark() {
        readServerLog();
        return LINES.size();
    }

    /** The lines the server logged from {@code mark} on. */
    public static synchronized List<String> linesSince(int mark) {
        readServerLog();
        return List.copyOf(LINES.subList(mark, LINES.size()));
    }

    /** Whether the server has logged a line containing {@code text} since the tests began. */
    public static synchronized boolean logged(String text) {
        readServerLog();
        return LINES.stream().anyMatch(line -> line.contains(text));
    }

    /**
     * Every WARNING or SEVERE line the server logged from {@code mark} on, up to the moment a new
     * connection to {@code endpoint} (opened here, after the work to check) is logged as open: the
     * server's log is one ordered stream, so whatever it logged while doing that work comes before.
     */
    public static List<String> problemsSince(int mark, URI endpoint) throws Exception {
        int searchFrom = mark();
        try (RawWebSocket marker = RawWebSocket.open(endpoint, Duration.ofSeconds(10))) {
            String name = endpoint.getPath().substring(endpoint.getPath().lastIndexOf('/') + 1); // its metrics tag
            return problemsBefore(mark, searchFrom, line -> line.contains("websocket open endpoint=" + name + " "),
                    Duration.ofSeconds(20));
        }
    }

    private static synchronized List<String> problemsBefore(int mark, int searchFrom, Predicate<String> marker, Duration wait)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + wait.toNanos();
        int end;
        while ((end = find(searchFrom, marker)) < 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("the server did not log the marker within " + wait);
            }
            // Payara's console notifies; WildFly's file is polled
            ServerLog.class.wait(Math.max(1, Math.min(left / 1_000_000, logFile == null ? Long.MAX_VALUE : 50)));
            readServerLog();
        }
        List<String> problems = new ArrayList<>();
        for (String line : LINES.subList(mark, end)) {
            if (isProblem(line)) {
                problems.add(line);
            }
        }
        return problems;
    }

    private static boolean isProblem(String line) {
        return logFile == null ? line.contains("[WARNING]") || line.contains("[SEVERE]") : WILDFLY_PROBLEM.matcher(line).find();
    }

    /** WildFly: appends the complete lines that server.log gained since the last read. */
    private static void readServerLog() {
        if (logFile == null || !Files.exists(logFile)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            if (length <= logPosition) {
                return;
            }
            byte[] bytes = new byte[Math.toIntExact(length - logPosition)];
            file.seek(logPosition);
            file.readFully(bytes);
            int lastNewline = lastIndexOf(bytes, (byte) '\n');
            if (lastNewline < 0) {
                return; // no complete line yet: read it whole next time
            }
            logPosition += lastNewline + 1;
            String text = new String(bytes, 0, lastNewline, StandardCharsets.UTF_8);
            LINES.addAll(text.lines().toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + logFile, e);
        }
    }

    private static int lastIndexOf(byte[] bytes, byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int find(int from, Predicate<String> marker) {
        for (int i = from; i < LINES.size(); i++) {
            if (marker.test(LINES.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
