package dev.switchboard.neuro.game;

import dev.switchboard.neuro.diagnostics.DiagnosticCode;

import java.util.List;

/**
 * What one frame from a game says. Every frame carries the game's name and at most one warning: what
 * reading it found odd (unknown fields, bad action names, schema keywords), or null; {@link Ignored}
 * frames do nothing.
 */
public sealed interface GameFrame {
    String game();

    /** Everything odd about the frame (its codes and one text), or null. */
    FrameWarning.Found warning();

    record Startup(String game, FrameWarning.Found warning) implements GameFrame {
    }

    record Context(String game, String message, boolean silent, FrameWarning.Found warning) implements GameFrame {
    }

    /** The actions that can be used; the others (invalid schemas…) are named in the warning. */
    record Register(String game, List<Action> actions, FrameWarning.Found warning) implements GameFrame {
    }

    record Unregister(String game, List<String> names, FrameWarning.Found warning) implements GameFrame {
    }

    record Force(String game, ForceRequest request, FrameWarning.Found warning) implements GameFrame {
    }

    record Result(String game, String id, boolean success, String message, FrameWarning.Found warning)
            implements GameFrame {
    }

    record ShutdownReady(String game, FrameWarning.Found warning) implements GameFrame {
    }

    /** Malformed, unknown or of the wrong types: ignored without reply; {@code game} if it could be read. */
    record Ignored(String game, DiagnosticCode code, String reason) implements GameFrame {
        @Override
        public FrameWarning.Found warning() {
            return FrameWarning.Found.of(code, reason);
        }
    }
}
