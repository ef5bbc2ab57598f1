package dev.switchboard.neuro.bounds;

/**
 * Caps on text that games control and that is kept, shown or broadcast: raw frames, details, names.
 * A shortened text says so, with its full size: {@code "…… (1048576 bytes, shortened)"}.
 */
public final class Shorten {
    /** Raw frames and details in views and bus events. */
    public static final int SHOWN_BYTES = 2048;
    /** A name quoted in a message (a game, a command, a field). */
    public static final int NAME_BYTES = 64;

    private Shorten() {
    }

    /** {@code text} if it has at most {@code maxBytes} bytes of UTF-8, else its first ones and a note. */
    public static String toBytes(String text, int maxBytes) {
        if (text == null || text.length() <= maxBytes / 3) {
            return text; // no UTF-8 encoding of it can be longer
        }
        int end = 0;
        int bytes = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Length(codePoint);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        if (end == text.length()) {
            return text;
        }
        return text.substring(0, end) + "… (" + utf8Length(text) + " bytes, shortened)";
    }

    /** For a game's name (of a game, command, field or action) quoted inside a message. */
    public static String name(String name) {
        return toBytes(name, NAME_BYTES);
    }

    public static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        return bytes;
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
