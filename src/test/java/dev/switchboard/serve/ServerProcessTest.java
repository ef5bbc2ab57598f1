package dev.switchboard.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping the server the way the run command does on Ctrl-C, against a real child JVM. */
class ServerProcessTest {
    @TempDir
    Path folder;

    @Test
    void stopGivesTheServerANormalShutdownWithItsHooksAndWaitsForIt() throws Exception {
        ServerProcess server = ServerProcess.start(probe(), Duration.ofSeconds(30));
        awaitFile("ready");

        server.stop();

        assertTrue(Files.exists(folder.resolve("hook-ran")), "the server's shutdown hook ran");
        ProcessHandle handle = ProcessHandle.of(server.pid()).orElse(null);
        assertTrue(handle == null || !handle.isAlive(), "stop() returns only once the server has ended");
        assertTrue(ServerProcess.endedNormally(server.awaitExit()), "SIGTERM's exit code is a normal end");
    }

    @Test
    void aServerThatDoesNotStopInTimeIsKilled() throws Exception {
        ServerProcess server = ServerProcess.start(withArgument(probe(), "hang"), Duration.ofSeconds(1));
        awaitFile("ready");

        server.stop();

        assertTrue(Files.exists(folder.resolve("hook-ran")), "it was asked nicely first");
        assertFalse(ServerProcess.endedNormally(server.awaitExit()), "then killed (SIGKILL)");
    }

    @Test
    void onlyZeroAndTheStopSignalsAreNormalEnds() {
        assertTrue(ServerProcess.endedNormally(0));
        assertTrue(ServerProcess.endedNormally(130)); // SIGINT: Ctrl-C reached the server too
        assertTrue(ServerProcess.endedNormally(143)); // SIGTERM
        assertFalse(ServerProcess.endedNormally(1));
        assertFalse(ServerProcess.endedNormally(137)); // SIGKILL
    }

    private List<String> probe() throws Exception {
        String classes = Path.of(ShutdownProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes, ShutdownProbe.class.getName(), folder.toString());
    }

    private static List<String> withArgument(List<String> command, String argument) {
        return java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of(argument)).toList();
    }

    private void awaitFile(String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(folder.resolve(name))) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(name + " not written within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
