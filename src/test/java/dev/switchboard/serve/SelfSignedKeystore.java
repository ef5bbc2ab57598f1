package dev.switchboard.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The run command's own TLS keystore: a self-signed certificate for {@code localhost} and {@code 127.0.0.1},
 * made once with the JDK's {@code keytool} and kept, with its certificate beside it in PEM
 * ({@code switchboard.crt}) for clients to trust. Also run by the build for the integration tests' server:
 * {@code SelfSignedKeystore <keystore path>}.
 */
public final class SelfSignedKeystore {
    public static final String ALIAS = "switchboard";
    public static final String PASSWORD = "changeit";
    public static final String CERTIFICATE_FILE = "switchboard.crt";
    private static final String SUBJECT_NAMES = "SAN=dns:localhost,ip:127.0.0.1,ip:::1";

    private SelfSignedKeystore() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SelfSignedKeystore <keystore path>");
        }
        Path keystore = Path.of(args[0]);
        if (ensure(keystore)) {
            System.out.println("Created the self-signed TLS keystore " + keystore);
        }
    }

    /** Creates the keystore and its certificate file unless the keystore exists; true when it created them. */
    public static boolean ensure(Path keystore) throws IOException, InterruptedException {
        if (Files.exists(keystore)) {
            return false;
        }
        Path folder = keystore.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        // keytool writes to a temporary name first, so a keystore that exists is always a complete one.
        Path partial = Files.createTempFile(folder, "keystore", ".partial");
        Files.delete(partial);
        try {
            keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                    "-dname", "CN=localhost, OU=Switchboard development", "-ext", SUBJECT_NAMES,
                    "-storetype", "PKCS12", "-keystore", partial.toString(), "-storepass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", partial.toString(), "-storepass", PASSWORD,
                    "-file", folder.resolve(CERTIFICATE_FILE).toString());
            Files.move(partial, keystore, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return true;
    }

    /** The certificate file that {@link #ensure} writes beside a keystore. */
    public static Path certificateOf(Path keystore) {
        return keystore.toAbsolutePath().resolveSibling(CERTIFICATE_FILE);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("keytool did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed (exit " + process.exitValue() + "): " + output.strip());
        }
    }
}
