package dev.switchboard;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Seeded generator of bad frames for an endpoint, as a fuzzing client sends them: random text,
 * truncated and deeply nested JSON, huge numbers, a wrong type in one field of a valid frame, unicode
 * edge cases, binary frames, over-long fields. Valid frames ({@code templates}) are only the starting
 * point of mutations that keep them invalid ({@code wrongTypes} says which field may not take which
 * value kind; the caller picks the fields so that every mutation is an error of its protocol).
 */
public final class Fuzz {
    /** One frame: text, or binary when {@code binary} is set. */
    public record Frame(String text, byte[] binary) {
        public boolean isBinary() {
            return binary != null;
        }

        @Override
        public String toString() {
            return isBinary() ? "binary[" + binary.length + "]"
                    : text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + " chars)" : text;
        }
    }

    /** A field of a valid template that becomes invalid when it holds any of the values {@link #wrongValue} makes. */
    public record Field(JsonObject template, String name) {
    }

    private static final String[] UNICODE = {"\u0000", "\u001f", "\u007f", "\u00e9", "\u20ac", "\uffff", "\ufeff",
            "\ud83d\ude00", "\u202e", "\u0301", "\u4e2d\u6587", "\\ud800", "\\udfff", "\\u0000"};

    private final Random random;
    private final List<JsonObject> templates;
    private final List<Field> fields;
    private final int maxFieldChars;

    public Fuzz(long seed, List<JsonObject> templates, List<Field> fields, int maxFieldChars) {
        this.random = new Random(seed);
        this.templates = templates;
        this.fields = fields;
        this.maxFieldChars = maxFieldChars;
    }

    public Frame next() {
        return switch (random.nextInt(10)) {
            case 0 -> text(randomText());
            case 1 -> text(truncated(template().toString()));
            case 2 -> text(deeplyNested());
            case 3 -> text(withWrongField());
            case 4 -> text(charMutated(template().toString()));
            case 5 -> new Frame(null, randomBytes());
            case 6 -> text(topLevelNonObject());
            case 7 -> text(withWrongField().replace("\"", random.nextBoolean() ? "'" : "\"\""));
            case 8 -> text(unicodeEdge());
            default -> text(hugeNumber());
        };
    }

    /** {@code count} frames. */
    public List<Frame> frames(int count) {
        List<Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(next());
        }
        return frames;
    }

    /**
     * Sends every frame, then {@code sentinel}, on one connection (one unfragmented frame each), reading
     * all the while; returns the text frames that came before the one {@code isSentinelAnswer} accepts.
     * Fails if the connection closes or the sentinel's answer does not come within {@code wait}. For frames
     * that get no answer (Neuro games): nothing paces the sender.
     */
    public static List<String> exchange(URI uri, List<Frame> frames, String sentinel,
                                        Predicate<String> isSentinelAnswer, Duration wait) throws Exception {
        return exchange(uri, frames, sentinel, isSentinelAnswer, wait, 0);
    }

    /**
     * The same for frames that are each answered once, sending at most {@link #AHEAD} frames ahead of the
     * answers read: a client further behind is rightly closed as a slow consumer (an outbox holds 1,024
     * messages), and on a loaded machine this test's reader thread can fall that far behind its writer.
     */
    public static List<String> exchangeAnswered(URI uri, List<Frame> frames, String sentinel,
                                                Predicate<String> isSentinelAnswer, Duration wait) throws Exception {
        return exchange(uri, frames, sentinel, isSentinelAnswer, wait, AHEAD);
    }

    /** Frames sent and not yet answered, at most, in {@link #exchangeAnswered}. */
    static final int AHEAD = 512;

    private static List<String> exchange(URI uri, List<Frame> frames, String sentinel, Predicate<String> isSentinelAnswer,
                                         Duration wait, int ahead) throws Exception {
        Semaphore unanswered = new Semaphore(ahead);
        try (RawWebSocket ws = RawWebSocket.open(uri, wait)) {
            CompletableFuture<List<String>> replies = CompletableFuture.supplyAsync(() -> {
                List<String> before = new ArrayList<>();
                try {
                    while (true) {
                        String text = ws.readText();
                        if (isSentinelAnswer.test(text)) {
                            return before;
                        }
                        before.add(text);
                        unanswered.release();
                    }
                } catch (IOException e) {
                    unanswered.release(frames.size()); // the writer must not wait for answers that will not come
                    throw new AssertionError("after " + before.size() + " replies: " + e.getMessage(), e);
                }
            });
            for (Frame frame : frames) {
                if (ahead > 0 && !unanswered.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    break; // no answer for that long: the reader's result says why
                }
                if (frame.isBinary()) {
                    ws.send(RawWebSocket.BINARY, frame.binary());
                } else {
                    ws.sendText(frame.text());
                }
            }
            ws.sendText(sentinel);
            return replies.get(wait.toMillis() + frames.size(), TimeUnit.MILLISECONDS);
        }
    }

    private static Frame text(String text) {
        return new Frame(text, null);
    }

    private JsonObject template() {
        return templates.get(random.nextInt(templates.size()));
    }

    private String randomText() {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 5000 : 40);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(4) == 0 ? UNICODE[random.nextInt(UNICODE.length)] : (char) (32 + random.nextInt(95)));
        }
        String s = text.toString();
        return s.isBlank() ? "x" + s : s;
    }

    private String truncated(String json) {
        return json.substring(0, Math.max(1, random.nextInt(json.length())));
    }

    private String deeplyNested() {
        int depth = 65 + random.nextInt(random.nextBoolean() ? 100 : 9_000); // under 64 KiB
        if (random.nextBoolean()) {
            return "[".repeat(depth) + "]".repeat(depth);
        }
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** A valid template whose chosen field holds a value its protocol refuses. */
    private String withWrongField() {
        Field field = fields.get(random.nextInt(fields.size()));
        JsonObjectBuilder object = Json.createObjectBuilder(field.template());
        object.add(field.name(), wrongValue());
        return object.build().toString();
    }

    private JsonValue wrongValue() {
        return switch (random.nextInt(9)) {
            case 0 -> JsonValue.NULL;
            case 1 -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case 2 -> Json.createValue(new BigDecimal("1e" + (300 + random.nextInt(100_000))));
            case 3 -> Json.createValue(random.nextLong());
            case 4 -> Json.createObjectBuilder().add("x", random.nextInt()).build();
            case 5 -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    array.add(random.nextInt());
                }
                yield array.build();
            }
            case 6 -> Json.createValue("x".repeat(maxFieldChars + 1 + random.nextInt(100)));
            case 7 -> Json.createValue("");
            default -> Json.createValue(-random.nextDouble() * 1e6);
        };
    }

    private String charMutated(String json) {
        StringBuilder text = new StringBuilder(json);
        for (int n = 1 + random.nextInt(3); n > 0 && text.length() > 1; n--) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, "{}[],:\"\\".charAt(random.nextInt(8)));
                default -> text.setCharAt(at, "{}[],:\"\\".charAt(random.nextInt(8)));
            }
        }
        // Not every mutation breaks the syntax: a JSON text never ends with a comma (in a string it would be unterminated).
        return text.append(',').toString();
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(random.nextInt(10) == 0 ? 60_000 : 100)];
        random.nextBytes(bytes);
        if (random.nextBoolean()) {
            byte[] json = template().toString().getBytes(StandardCharsets.UTF_8); // JSON, but in a binary frame
            return json;
        }
        return bytes;
    }

    private String topLevelNonObject() {
        return switch (random.nextInt(6)) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextInt());
            case 2 -> "\"" + randomText().replace("\\", "").replace("\"", "") + "\"";
            case 3 -> "true";
            case 4 -> "[" + random.nextInt() + "]";
            default -> "[]";
        };
    }

    /** Inside a string of a valid frame: a raw control character or a broken escape (JSON allows neither). */
    private String unicodeEdge() {
        String json = template().toString();
        String edge = new String[] {"\u0000", "\u001f", "\n", "\\uZZZZ", "\\ud83", "\\x41", "\\"}[random.nextInt(7)]
                + UNICODE[random.nextInt(UNICODE.length - 3)]; // the last three are escapes, not characters
        int quote = json.indexOf("\":\"");
        return quote < 0 ? json + "\"" + edge : json.substring(0, quote + 3) + edge + json.substring(quote + 3);
    }

    private String hugeNumber() {
        String number = switch (random.nextInt(5)) {
            case 0 -> "1" + "0".repeat(1000 + random.nextInt(50_000));
            case 1 -> "1e" + (400 + random.nextInt(1_000_000_000));
            case 2 -> "-0.0000000000000000000000000000001e-99999";
            case 3 -> "1E999999999999999999";
            default -> "0." + "9".repeat(1000 + random.nextInt(10_000));
        };
        Field field = fields.get(random.nextInt(fields.size()));
        return Json.createObjectBuilder(field.template()).add(field.name(), 0).build().toString()
                .replace("\"" + field.name() + "\":0", "\"" + field.name() + "\":" + number);
    }
}
