package dev.switchboard.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in server for {@link ServerProcessTest}: writes {@code ready} into its folder once its shutdown
 * hook is in place, and {@code hook-ran} from that hook; with {@code hang} its hook never ends.
 */
public final class ShutdownProbe {
    private ShutdownProbe() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path folder = Path.of(args[0]);
        boolean hang = args.length > 1 && args[1].equals("hang");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(folder.resolve("hook-ran"), "yes");
                if (hang) {
                    Thread.sleep(Long.MAX_VALUE);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        Files.writeString(folder.resolve("ready"), "yes");
        Thread.sleep(Long.MAX_VALUE);
    }
}
