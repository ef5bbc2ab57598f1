package dev.switchboard;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * What the Payara Micro under test logs, as Arquillian copies its console into this JVM's
 * {@code System.out} line by line ({@code outputToConsole}): a test can check that nothing
 * unexpected (a WARNING or SEVERE record) was logged while it ran.
 */
public final class ServerLog {
    private static final List<String> LINES = new ArrayList<>();
    private static boolean installed;

    private ServerLog() {
    }

    /** Starts recording (before the server boots: {@link ItSupport#deployment()} calls it). */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        PrintStream console = System.out;
        System.setOut(new PrintStream(console, true) {
            @Override
            public void println(String line) {
                record(line);
                super.println(line);
            }
        });
    }

    private static synchronized void record(String line) {
        LINES.add(line);
        ServerLog.class.notifyAll();
    }

    /** A position in the log: lines after it are what happens from now on. */
    public static synchronized int mark() {
        return LINES.size();
    }

    /**
     * Every WARNING or SEVERE line the server logged from {@code mark} on, up to the moment a new
     * connection to {@code endpoint} (opened here, after the work to check) is logged as open: the
     * server's console is one ordered stream, so whatever it logged while doing that work comes before.
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
            ServerLog.class.wait(Math.max(1, left / 1_000_000));
        }
        List<String> problems = new ArrayList<>();
        for (String line : LINES.subList(mark, end)) {
            if (line.contains("[WARNING]") || line.contains("[SEVERE]")) {
                problems.add(line);
            }
        }
        return problems;
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
