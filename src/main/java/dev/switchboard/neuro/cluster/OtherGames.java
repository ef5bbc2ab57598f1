package dev.switchboard.neuro.cluster;

import dev.switchboard.neuro.console.ConsoleMessage;
import dev.switchboard.neuro.game.GameView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The games connected to other instances, as their news last said: one writer (the news, in order),
 * any number of readers (snapshots, command routing).
 */
final class OtherGames {
    private record Known(String member, long version, GameView view) {
    }

    private final Map<String, Known> games = new ConcurrentHashMap<>();

    /** Keeps the view if it is newer than the one known; true if it was. */
    boolean update(String member, long version, GameView view) {
        String key = GameNews.key(view.connectionId(), view.game());
        Known known = games.get(key);
        if (known != null && known.version() >= version) {
            return false;
        }
        games.put(key, new Known(member, version, view));
        return true;
    }

    /** True if the game was known. */
    boolean close(String key) {
        return games.remove(key) != null;
    }

    /** Forgets every game of a member that is gone, and says which were closed by that. */
    List<ConsoleMessage.GameClosed> dropMember(String member) {
        List<ConsoleMessage.GameClosed> closed = new ArrayList<>();
        games.entrySet().removeIf(entry -> {
            if (!entry.getValue().member().equals(member)) {
                return false;
            }
            GameView view = entry.getValue().view();
            closed.add(new ConsoleMessage.GameClosed(view.connectionId(), view.game()));
            return true;
        });
        return closed;
    }

    /** The member a game connection is on, if it is another instance's. */
    Optional<String> memberOf(String connectionId) {
        if (connectionId == null) {
            return Optional.empty();
        }
        return games.values().stream().filter(known -> known.view().connectionId().equals(connectionId))
                .map(Known::member).findFirst();
    }

    List<GameView> views() {
        return games.values().stream().map(Known::view).toList();
    }
}
