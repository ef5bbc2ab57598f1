package dev.switchboard.mcp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The tools in pages of {@code size}, in name order. A cursor names the first tool of its page (opaque to
 * clients: base64url of {@code tool:<name>}), so a page stays right if tools come or go between two
 * requests; anything else is an invalid cursor.
 */
final class ToolPages {
    private final List<ToolSpec> tools;
    private final int size;

    /** {@code tools} sorted by name. */
    ToolPages(List<ToolSpec> tools, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be at least 1");
        }
        this.tools = List.copyOf(tools);
        this.size = size;
    }

    /** One page, and the cursor of the next (null on the last). */
    record Page(List<ToolSpec> tools, String nextCursor) {
    }

    /** Thrown for a cursor this server did not give out; MCP answers it with -32602 (invalid params). */
    static final class InvalidCursor extends IllegalArgumentException {
        InvalidCursor(String cursor) {
            super("Invalid cursor: " + (cursor.length() > 64 ? cursor.substring(0, 64) + "…" : cursor));
        }
    }

    /** The page a cursor starts (the first page for null). */
    Page page(String cursor) {
        int from = cursor == null ? 0 : start(cursor);
        int to = Math.min(tools.size(), from + size);
        return new Page(tools.subList(from, to), to < tools.size() ? cursor(tools.get(to).name()) : null);
    }

    private int start(String cursor) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidCursor(cursor);
        }
        if (!decoded.startsWith(PREFIX) || decoded.length() == PREFIX.length()) {
            throw new InvalidCursor(cursor);
        }
        String first = decoded.substring(PREFIX.length());
        for (int i = 0; i < tools.size(); i++) {
            if (tools.get(i).name().compareTo(first) >= 0) {
                return i;
            }
        }
        return tools.size();
    }

    private static final String PREFIX = "tool:";

    static String cursor(String firstName) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + firstName).getBytes(StandardCharsets.UTF_8));
    }
}
