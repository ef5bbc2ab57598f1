package dev.switchboard.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The console's pages carry no inline script or style, which its Content-Security-Policy would block
 * (SecurityHeadersFilter): code and styles live in files of their own.
 */
class NoInlineCodeTest {
    private static final Path WEBAPP = Path.of("src/main/webapp");
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER_OR_STYLE = Pattern.compile("\\s(on[a-z]+|style)\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ELEMENT = Pattern.compile("<style[\\s>]", Pattern.CASE_INSENSITIVE);
    private static final Pattern JAVASCRIPT_URL = Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE);

    @Test
    void pagesHaveNoInlineScriptHandlerOrStyle() throws IOException {
        List<Path> pages;
        try (Stream<Path> files = Files.walk(WEBAPP)) {
            pages = files.filter(file -> file.toString().endsWith(".html")).toList();
        }
        assertFalse(pages.isEmpty());
        for (Path page : pages) {
            String html = Files.readString(page);
            for (Pattern inline : List.of(INLINE_SCRIPT, HANDLER_OR_STYLE, STYLE_ELEMENT, JAVASCRIPT_URL)) {
                assertFalse(inline.matcher(html).find(), page + " has " + inline);
            }
        }
    }

    @Test
    void scriptsDoNotSetStyleAttributesOrEvaluateText() throws IOException {
        Pattern forbidden = Pattern.compile("setAttribute\\(\\s*['\"]style|\\beval\\(|new Function\\(");
        try (Stream<Path> files = Files.walk(WEBAPP)) {
            List<String> offending = files.filter(file -> file.toString().endsWith(".js"))
                    .filter(file -> {
                        try {
                            return forbidden.matcher(Files.readString(file)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).map(Path::toString).toList();
            assertEquals(List.of(), offending);
        }
    }
}
