package dev.switchboard.neuro;

import java.util.List;

/**
 * What one frame from a game says. Every frame carries the game's name and the warnings reading it
 * raised (unknown fields, bad action names, schema keywords); {@link Ignored} frames do nothing.
 */
public sealed interface GameFrame {
    String game();

    List<String> warnings();

    record Startup(String game, List<String> warnings) implements GameFrame {
    }

    record Context(String game, String message, boolean silent, List<String> warnings) implements GameFrame {
    }

    /** {@code rejected}: names whose new definition was kept out (their old action goes too). */
    record Register(String game, List<Action> actions, List<String> rejected, List<String> warnings) implements GameFrame {
    }

    record Unregister(String game, List<String> names, List<String> warnings) implements GameFrame {
    }

    record Force(String game, ForceRequest request, List<String> warnings) implements GameFrame {
    }

    record Result(String game, String id, boolean success, String message, List<String> warnings)
            implements GameFrame {
    }

    record ShutdownReady(String game, List<String> warnings) implements GameFrame {
    }

    /** Malformed, unknown or of the wrong types: ignored without reply; {@code game} if it could be read. */
    record Ignored(String game, String reason) implements GameFrame {
        @Override
        public List<String> warnings() {
            return List.of(reason);
        }
    }
}
