package dev.switchboard.neuro.console;

import dev.switchboard.neuro.game.GameView;

import java.util.List;

/**
 * The games of other instances, for the consoles of this one, and where this instance's own games'
 * updates go besides its own consoles. {@link #NONE} on a single server: nothing leaves this JVM.
 */
public interface GameMirror {
    GameMirror NONE = new GameMirror() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void updated(ConsoleMessage.GameUpdate update) {
        }

        @Override
        public void closed(ConsoleMessage.GameClosed closed) {
        }

        @Override
        public List<GameView> otherGames() {
            return List.of();
        }
    };

    /** True when updates must be made even while no console of this instance watches (other instances' may). */
    boolean active();

    /** An update of one of this instance's games; called under the game's lock, so it only enqueues. */
    void updated(ConsoleMessage.GameUpdate update);

    /** One of this instance's games closed; its last message. */
    void closed(ConsoleMessage.GameClosed closed);

    /** The views of the games connected to other instances now. */
    List<GameView> otherGames();
}
