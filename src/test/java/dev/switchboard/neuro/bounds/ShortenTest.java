package dev.switchboard.neuro.bounds;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class ShortenTest {
    @Test
    void shortTextStaysAsItIs() {
        String text = "é".repeat(1024);
        assertSame(text, Shorten.toBytes(text, 2048), "2048 bytes of UTF-8 fit");
        assertNull(Shorten.toBytes(null, 10));
    }

    @Test
    void longTextKeepsItsFirstBytesWithoutSplittingACharacterAndSaysItsSize() {
        String text = "a" + "😀".repeat(1000); // 1 + 4000 bytes
        assertEquals("a" + "😀".repeat(2) + "… (4001 bytes, shortened)", Shorten.toBytes(text, 10));
        assertEquals(4001, text.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(4001, Shorten.utf8Length(text));
    }
}
