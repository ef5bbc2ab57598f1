package dev.switchboard.neuro;

import java.util.List;

/**
 * What one frame from a game says. Every frame carries the game's name and at most one warning: what
 * reading it found odd (unknown fields, bad action names, schema keywords), or null; {@link Ignored}
 * frames do nothing.
 */
public sealed interface GameFrame {
    String game();

    /** One text for everything odd about the frame, or null. */
    String warning();

    record Startup(String game, String warning) implements GameFrame {
    }

    record Context(String game, String message, boolean silent, String warning) implements GameFrame {
    }

    /** The actions that can be used; the others (invalid schemas…) are named in the warning. */
    record Register(String game, List<Action> actions, String warning) implements GameFrame {
    }

    record Unregister(String game, List<String> names, String warning) implements GameFrame {
    }

    record Force(String game, ForceRequest request, String warning) implements GameFrame {
    }

    record Result(String game, String id, boolean success, String message, String warning)
            implements GameFrame {
    }

    record ShutdownReady(String game, String warning) implements GameFrame {
    }

    /** Malformed, unknown or of the wrong types: ignored without reply; {@code game} if it could be read. */
    record Ignored(String game, String reason) implements GameFrame {
        @Override
        public String warning() {
            return reason;
        }
    }
}
