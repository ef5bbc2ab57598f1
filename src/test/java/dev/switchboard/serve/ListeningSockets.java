package dev.switchboard.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The TCP sockets that processes listen on, as Linux's {@code /proc} tells them (IPv4 and IPv6). */
final class ListeningSockets {
    private static final Path TCP = Path.of("/proc/net/tcp");
    private static final Path TCP6 = Path.of("/proc/net/tcp6");
    private static final String LISTEN = "0A";

    record Listener(InetAddress address, int port, long inode) {
        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port;
        }
    }

    private ListeningSockets() {
    }

    static boolean readable() {
        return Files.isReadable(TCP);
    }

    /** Every listening TCP socket of the machine. */
    static List<Listener> all() throws IOException {
        List<Listener> listeners = new ArrayList<>();
        for (Path table : List.of(TCP, TCP6)) {
            if (!Files.isReadable(table)) {
                continue;
            }
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN)) {
                    String[] local = fields[1].split(":");
                    listeners.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16), Long.parseLong(fields[9])));
                }
            }
        }
        return listeners;
    }

    /** The listeners whose sockets this process holds. */
    static List<Listener> of(ProcessHandle process) throws IOException {
        Set<Long> inodes = socketInodes(process.pid());
        return all().stream().filter(listener -> inodes.contains(listener.inode())).toList();
    }

    /** The process among {@code candidates} that listens on this port. */
    static Optional<ProcessHandle> listeningOn(int port, List<ProcessHandle> candidates) throws IOException {
        Set<Long> inodes = new HashSet<>();
        all().stream().filter(listener -> listener.port() == port).forEach(listener -> inodes.add(listener.inode()));
        for (ProcessHandle candidate : candidates) {
            Set<Long> held = socketInodes(candidate.pid());
            if (held.stream().anyMatch(inodes::contains)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Set<Long> socketInodes(long pid) {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while listed
                }
            }
        } catch (IOException goneOrNotOurs) {
            // the process ended, or its descriptors are not ours to read
        }
        return inodes;
    }

    /** /proc's hex address: 32-bit words in the machine's (little-endian) byte order. */
    static InetAddress address(String hex) throws UnknownHostException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
