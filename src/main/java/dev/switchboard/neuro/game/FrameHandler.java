package dev.switchboard.neuro.game;

import java.util.Optional;
import java.util.UUID;

/**
 * What each frame of a game does to its session (an {@link GameFrame.Ignored} frame does nothing).
 * {@code startup} is also answered, the one reply of the Neuro API, as the configured character.
 */
public final class FrameHandler {
    private final String character;
    private final Optional<String> displayName;

    /** {@code character}: {@code evil} for Evil Neuro, else Neuro; {@code displayName}, if any, replaces the name. */
    public FrameHandler(String character, Optional<String> displayName) {
        this.character = character;
        this.displayName = displayName;
    }

    /** Call it within {@link GameSession#frame}, so that everything the frame causes to warn about is one diagnostic. */
    public void handle(GameConnection connection, GameSession session, GameFrame frame) {
        if (!(frame instanceof GameFrame.Ignored) && !(frame instanceof GameFrame.Startup)) {
            session.beforeStartup(command(frame));
        }
        if (frame instanceof GameFrame.Startup) {
            session.startup();
            connection.send(GameCommand.startup(new GameCommand.Session(UUID.randomUUID().toString(),
                    characterId(), displayName.orElse(characterId().equals("evil") ? "Evil Neuro" : "Neuro-sama"))));
        } else if (frame instanceof GameFrame.Context context) {
            session.context(context.message(), context.silent());
        } else if (frame instanceof GameFrame.Register register) {
            session.register(register.actions());
        } else if (frame instanceof GameFrame.Unregister unregister) {
            session.unregister(unregister.names());
        } else if (frame instanceof GameFrame.Force force) {
            session.force(force.request());
        } else if (frame instanceof GameFrame.Result result) {
            session.result(result.id(), result.success(), result.message());
        } else if (frame instanceof GameFrame.ShutdownReady) {
            session.note("shutdown", "the game is ready to be closed");
        }
    }

    private static String command(GameFrame frame) {
        if (frame instanceof GameFrame.Context) {
            return "context";
        } else if (frame instanceof GameFrame.Register) {
            return "actions/register";
        } else if (frame instanceof GameFrame.Unregister) {
            return "actions/unregister";
        } else if (frame instanceof GameFrame.Force) {
            return "actions/force";
        } else if (frame instanceof GameFrame.Result) {
            return "action/result";
        }
        return "shutdown/ready";
    }

    private String characterId() {
        return "evil".equalsIgnoreCase(character) ? "evil" : "neuro";
    }
}
