package dev.switchboard.serve;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server run as a child process that shares this process's terminal, and that is stopped the way Ctrl-C
 * stops a JVM: SIGTERM, so that its shutdown hooks run, then a wait for it to end.
 */
final class ServerProcess {
    /** Exit codes of a JVM ended by SIGINT (Ctrl-C) or SIGTERM after its shutdown hooks: a normal stop. */
    private static final List<Integer> STOPPED_BY_SIGNAL = List.of(128 + 2, 128 + 15);

    private final Process process;
    private final Duration stopTimeout;

    private ServerProcess(Process process, Duration stopTimeout) {
        this.process = process;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Starts the command with this process's standard streams, so its log reaches the terminal directly
     * and goes on reaching it while this process is itself shutting down.
     */
    static ServerProcess start(List<String> command, Duration stopTimeout) throws IOException {
        return new ServerProcess(new ProcessBuilder(command).inheritIO().start(), stopTimeout);
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the server to end, and returns its exit code. */
    int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** Whether an exit code means the server ended normally, by itself or by a stop signal. */
    static boolean endedNormally(int exitCode) {
        return exitCode == 0 || STOPPED_BY_SIGNAL.contains(exitCode);
    }

    /**
     * Asks the server to shut down (SIGTERM: a normal JVM shutdown, hooks included) and waits for it; kills
     * it if it takes longer than the stop timeout. Harmless when it has already ended, or is already
     * stopping because Ctrl-C reached it too.
     */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        System.out.println("Stopping the server (pid " + process.pid() + ")…");
        process.destroy();
        try {
            if (process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.println("The server stopped (exit code " + process.exitValue() + ").");
            } else {
                System.out.println("The server did not stop within " + stopTimeout.toSeconds() + " s: killing it.");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
