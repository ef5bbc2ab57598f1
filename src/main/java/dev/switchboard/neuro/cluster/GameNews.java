package dev.switchboard.neuro.cluster;

import dev.switchboard.neuro.console.ConsoleMessage;
import dev.switchboard.neuro.game.GameView;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A console message about one game, as its instance shares it with the others: on the games topic,
 * and (the game's latest update) in the games map. {@code version} counts the game's messages, so a
 * receiver keeps only the newest state whichever way it came.
 */
@JsonbPropertyOrder({"member", "version", "message"})
public record GameNews(String member, long version, ConsoleMessage message) {
    /** The key of a game on the grid: connection ids are UUIDs, so unique across the cluster. */
    static String key(String connectionId, String game) {
        return connectionId + "/" + (game == null ? "" : game);
    }

    String key() {
        if (message instanceof ConsoleMessage.GameUpdate update) {
            return key(update.view().connectionId(), update.view().game());
        }
        ConsoleMessage.GameClosed closed = (ConsoleMessage.GameClosed) message;
        return key(closed.connectionId(), closed.game());
    }

    GameView view() {
        return message instanceof ConsoleMessage.GameUpdate update ? update.view() : null;
    }
}
