package dev.switchboard.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextAssemblerTest {
    private static final FrameLimit LIMIT = new FrameLimit(12);

    /** Decodes as the endpoints' decoders do: without a look at the size (here: the text as it is). */
    private final List<String> decoded = new ArrayList<>();
    private final Decoder.Text<String> decoder = new Decoder.Text<>() {
        @Override
        public String decode(String text) {
            decoded.add(text);
            return text;
        }

        @Override
        public boolean willDecode(String text) {
            return true;
        }
    };
    private final TextAssembler<String> texts = new TextAssembler<>(LIMIT, decoder);
    private final FakeSession client = new FakeSession(String::valueOf);

    @Test
    void aMessageInOnePartGoesToTheDecoderAsItIs() throws Exception {
        String whole = "{\"a\":1}";
        assertSame(whole, texts.accept(client.session(), whole, true), "not copied");
        assertEquals(List.of(whole), decoded);
        assertTrue(client.session().getUserProperties().isEmpty(), "nothing kept for the connection");
    }

    @Test
    void partsAreDecodedOnceTheLastHasArrived() throws Exception {
        assertNull(texts.accept(client.session(), "{\"a\"", false));
        assertNull(texts.accept(client.session(), ":", false));
        assertEquals(List.of(), decoded);
        assertEquals("{\"a\":1}", texts.accept(client.session(), "1}", true));
        assertEquals(List.of("{\"a\":1}"), decoded);
        assertTrue(client.session().getUserProperties().isEmpty(), "nothing kept once the message is complete");
        assertEquals("next", texts.accept(client.session(), "next", true), "the next message starts afresh");
    }

    @Test
    void partsUpToTheLimitInUtf8BytesAreAccepted() throws Exception {
        // 4 euro signs are 12 bytes; a surrogate pair split between two parts is 4 bytes, not 6
        assertNull(texts.accept(client.session(), "\u20ac\u20ac", false));
        assertEquals("\u20ac\u20ac\u20ac\u20ac", texts.accept(client.session(), "\u20ac\u20ac", true));
        assertNull(texts.accept(client.session(), "12345678\ud83d", false));
        assertEquals("12345678\ud83d\ude00", texts.accept(client.session(), "\ude00", true));
        assertFalse(client.isClosed());
    }

    @Test
    void thePartThatGoesOverTheLimitClosesWith1009AndTheRestIsIgnored() throws Exception {
        assertNull(texts.accept(client.session(), "123456", false));
        assertFalse(client.isClosed());
        assertNull(texts.accept(client.session(), "\u20ac\u20ac\u20ac", false)); // 6 + 9 bytes
        CloseReason close = client.awaitClose();
        assertEquals(CloseReason.CloseCodes.TOO_BIG, close.getCloseCode());
        assertEquals("Message too big (limit 12 bytes)", close.getReasonPhrase());
        assertNull(texts.accept(client.session(), "more", false));
        assertNull(texts.accept(client.session(), "end", true));
        assertEquals(List.of(), decoded, "nothing of it is decoded");
        assertTrue(client.session().getUserProperties().isEmpty(), "nothing kept once its last part has passed");
    }

    @Test
    void aMessageInOnePartOverTheLimitIsRefusedBeforeTheDecoderSeesItForOnError() throws Exception {
        DecodeException refused = assertThrows(DecodeException.class,
                () -> texts.accept(client.session(), "1234567890123", true));
        assertEquals(List.of(), decoded, "never decoded");
        assertEquals("Message over 12 bytes", refused.getMessage());
        assertTrue(client.session().getUserProperties().isEmpty(), "nothing kept for the connection");
        assertTrue(FrameLimit.closeIfTooBig(client.session(), refused));
        assertEquals(CloseReason.CloseCodes.TOO_BIG, client.awaitClose().getCloseCode());
    }

    @Test
    void aMessageInOnePartIsMeasuredInUtf8Bytes() throws Exception {
        assertEquals("\u20ac\u20ac\u20ac\u20ac", texts.accept(client.session(), "\u20ac\u20ac\u20ac\u20ac", true), "12 bytes");
        assertThrows(DecodeException.class, () -> texts.accept(client.session(), "\u20ac\u20ac\u20ac\u20aca", true));
        assertEquals(List.of("\u20ac\u20ac\u20ac\u20ac"), decoded);
    }

    @Test
    void deliverHandsAMessageInOnePartOverTheLimitToOnErrorNotToTheHandler() {
        List<String> handled = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        texts.deliver(client.session(), "1234567890123", true, (session, message) -> handled.add(message),
                (session, error) -> errors.add(error));
        assertEquals(List.of(), handled);
        assertEquals(1, errors.size());
        assertTrue(FrameLimit.closeIfTooBig(client.session(), errors.get(0)));
        assertTrue(client.isClosed());
    }
}
