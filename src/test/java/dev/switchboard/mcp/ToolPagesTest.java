package dev.switchboard.mcp;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Pagination of tools/list: pages in name order, opaque cursors, invalid cursors refused. */
class ToolPagesTest {
    private static List<ToolSpec> tools(String... names) {
        return java.util.Arrays.stream(names).map(name -> new ToolSpec(name, name, name, JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_OBJECT, true, false, true, true)).toList();
    }

    private static List<String> names(ToolPages.Page page) {
        return page.tools().stream().map(ToolSpec::name).toList();
    }

    @Test
    void pagesFollowEachOtherToTheLast() {
        ToolPages pages = new ToolPages(tools("a", "b", "c", "d", "e"), 2);
        List<List<String>> seen = new ArrayList<>();
        String cursor = null;
        do {
            ToolPages.Page page = pages.page(cursor);
            seen.add(names(page));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e")), seen);
    }

    @Test
    void oneFullPageHasNoNextCursor() {
        ToolPages pages = new ToolPages(tools("a", "b"), 2);
        assertEquals(List.of("a", "b"), names(pages.page(null)));
        assertNull(pages.page(null).nextCursor());
        assertNull(new ToolPages(List.of(), 3).page(null).nextCursor());
    }

    @Test
    void aCursorNamesItsFirstToolSoAPageSurvivesAChangeBefore() {
        String cursor = new ToolPages(tools("a", "b", "c", "d"), 2).page(null).nextCursor();
        assertEquals(List.of("c", "d"), names(new ToolPages(tools("b", "c", "d"), 2).page(cursor)), "a tool before it left");
        assertEquals(List.of("d"), names(new ToolPages(tools("a", "b", "d"), 2).page(cursor)), "its first tool left");
        assertEquals(List.of(), names(new ToolPages(tools("a", "b"), 2).page(cursor)), "nothing after it any more");
    }

    @Test
    void aCursorTheServerDidNotGiveOutIsInvalid() {
        ToolPages pages = new ToolPages(tools(IntStream.range(0, 10).mapToObj(i -> "t" + i).toArray(String[]::new)), 3);
        String notPrefixed = Base64.getUrlEncoder().encodeToString("t3".getBytes(StandardCharsets.UTF_8));
        String emptyName = Base64.getUrlEncoder().encodeToString("tool:".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of("not base64!", "", notPrefixed, emptyName)) {
            ToolPages.InvalidCursor invalid = assertThrows(ToolPages.InvalidCursor.class, () -> pages.page(cursor), cursor);
            assertEquals(true, invalid.getMessage().startsWith("Invalid cursor"));
        }
        assertThrows(IllegalArgumentException.class, () -> new ToolPages(List.of(), 0));
    }
}
