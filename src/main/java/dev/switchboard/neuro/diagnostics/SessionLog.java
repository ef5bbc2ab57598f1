package dev.switchboard.neuro.diagnostics;

import dev.switchboard.neuro.bounds.BoundedLog;
import dev.switchboard.neuro.bounds.Shorten;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.List;

/**
 * Every frame of one game connection, both ways, for the session export: at most {@link #MAX_FRAMES}
 * frames and {@link #MAX_BYTES} bytes (the oldest go first, and are counted); a frame longer than
 * {@link #FRAME_BYTES} is kept shortened. Thread-safe.
 *
 * <p>Export format (JSON Lines, one object per line, oldest first): a header line
 * {@code {"type":"session","connection_id":…,"game":…,"frames":n,"dropped":n}} then one line per frame
 * {@code {"type":"frame","at":"2026-…Z","direction":"in"|"out","game":…,"text":"<the frame as sent>"}};
 * {@code direction} is seen from Switchboard ({@code in}: game → Switchboard), {@code game} is the game
 * the frame names (null for frames to the game, which name none, and frames whose game cannot be read).
 */
public final class SessionLog {
    static final int MAX_FRAMES = 2000;
    static final int MAX_BYTES = 1024 * 1024;
    static final int FRAME_BYTES = 16 * 1024;

    enum Direction { IN, OUT }

    record Frame(Instant at, Direction direction, String game, String text) {
    }

    private final BoundedLog<Frame> frames = new BoundedLog<>(MAX_FRAMES, MAX_BYTES, f -> Shorten.utf8Length(f.text()));
    private long dropped;

    public synchronized void in(String game, String text) {
        add(new Frame(Instant.now(), Direction.IN, game, Shorten.toBytes(text, FRAME_BYTES)));
    }

    /** {@code text}: a command to the game, as written on the wire. */
    public synchronized void out(String text) {
        add(new Frame(Instant.now(), Direction.OUT, null, Shorten.toBytes(text, FRAME_BYTES)));
    }

    private void add(Frame frame) {
        dropped += frames.add(frame);
    }

    /**
     * The export: with {@code game}, the frames that name another game are left out (frames to the game
     * name none and are all kept).
     */
    public synchronized String export(String connectionId, String game) {
        List<Frame> kept = frames.list().stream()
                .filter(f -> game == null || f.game() == null || f.game().equals(game)).toList();
        StringBuilder lines = new StringBuilder();
        lines.append(line(Json.createObjectBuilder().add("type", "session").add("connection_id", connectionId)
                .add("game", nullable(game)).add("frames", kept.size()).add("dropped", dropped)));
        for (Frame f : kept) {
            lines.append(line(Json.createObjectBuilder().add("type", "frame").add("at", f.at().toString())
                    .add("direction", f.direction().name().toLowerCase(java.util.Locale.ROOT))
                    .add("game", nullable(f.game())).add("text", f.text())));
        }
        return lines.toString();
    }

    private static jakarta.json.JsonValue nullable(String text) {
        return text == null ? jakarta.json.JsonValue.NULL : Json.createValue(text);
    }

    private static String line(JsonObjectBuilder object) {
        return object.build().toString() + "\n";
    }
}
