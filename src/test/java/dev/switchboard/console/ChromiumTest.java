package dev.switchboard.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The browser test finds Chromium where the platform puts it, or says in one line what is missing. */
class ChromiumTest {
    @TempDir
    Path dir;

    private Path executable(String name) throws IOException {
        Path file = Files.createFile(dir.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        return file;
    }

    @Test
    void foundOnThePath() throws IOException {
        Path browser = executable("google-chrome");
        Path driver = executable("chromedriver");
        Chromium found = Chromium.find(name -> null, Map.of("PATH", "/nowhere:" + dir)::get);
        assertEquals(new Chromium(browser, driver), found);
    }

    @Test
    void theEnvironmentWinsOverThePathAndTheSettingOverTheEnvironment() throws IOException {
        Path onPath = executable("chromium");
        Path driver = executable("chromedriver");
        Path bin = executable("my-chrome");
        Path setting = executable("other-chrome");
        Map<String, String> env = Map.of("PATH", dir.toString(), "CHROME_BIN", bin.toString());
        assertEquals(bin, Chromium.find(name -> null, env::get).browser());
        assertEquals(setting, Chromium.find(Map.of("switchboard.chrome", setting.toString())::get, env::get).browser());
        assertEquals(driver, Chromium.find(name -> null, env::get).driver());
        assertTrue(Files.exists(onPath));
    }

    @Test
    void missingIsOneLineNamingWhatAndHowToInstallIt() throws IOException {
        executable("chromium");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> Chromium.find(name -> null, Map.of("PATH", dir.toString())::get));
        assertEquals("The browser console test cannot run: chromedriver not found; " + Chromium.HOW, missing.getMessage());
        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> Chromium.find(name -> null, Map.of("CHROME_BIN", dir.resolve("nope").toString())::get));
        assertTrue(wrong.getMessage().contains("nope is not an executable file"), wrong.getMessage());
    }
}
