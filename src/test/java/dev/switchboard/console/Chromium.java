package dev.switchboard.console;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the browser test finds Chromium and its driver: the setting ({@code -Dswitchboard.chrome},
 * {@code -Dswitchboard.chromedriver}), the environment ({@code CHROME_BIN}, {@code CHROMEDRIVER}), else the
 * usual names on the {@code PATH} (Debian's packages put both in {@code /usr/bin}). Missing: one line that says what and how to install it.
 */
record Chromium(Path browser, Path driver) {
    static final String HOW = "install Chromium and its driver (Debian/Ubuntu: apt-get install chromium chromium-driver), "
            + "or name them with CHROME_BIN and CHROMEDRIVER (or -Dswitchboard.chrome and -Dswitchboard.chromedriver)";

    static Chromium find() {
        return find(System::getProperty, System::getenv);
    }

    static Chromium find(Function<String, String> properties, Function<String, String> environment) {
        Optional<Path> browser = named(properties.apply("switchboard.chrome"), environment.apply("CHROME_BIN"))
                .or(() -> onPath(environment.apply("PATH"), List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")));
        Optional<Path> driver = named(properties.apply("switchboard.chromedriver"), environment.apply("CHROMEDRIVER"))
                .or(() -> onPath(environment.apply("PATH"), List.of("chromedriver")));
        if (browser.isEmpty() || driver.isEmpty()) {
            String missing = browser.isEmpty() && driver.isEmpty() ? "Chromium and chromedriver"
                    : browser.isEmpty() ? "Chromium" : "chromedriver";
            throw new IllegalStateException("The browser console test cannot run: " + missing + " not found; " + HOW);
        }
        return new Chromium(browser.get(), driver.get());
    }

    private static Optional<Path> named(String setting, String environment) {
        String name = setting != null && !setting.isBlank() ? setting : environment;
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(executable(Path.of(name)).orElseThrow(() -> new IllegalStateException(
                "The browser console test cannot run: " + name + " is not an executable file; " + HOW)));
    }

    private static Optional<Path> onPath(String path, List<String> names) {
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            for (String name : names) {
                Optional<Path> found = executable(Path.of(folder, name));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file) ? Optional.of(file) : Optional.empty();
    }
}
