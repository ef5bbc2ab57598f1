package dev.switchboard.neuro.game;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The context of games that disconnected, by game name, so that it survives a reconnect; at most 100 games. */
public final class ContextMemory {
    private final Map<String, List<GameSession.ContextEntry>> byGame = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<GameSession.ContextEntry>> eldest) {
                    return size() > 100;
                }
            });

    public void remember(String game, List<GameSession.ContextEntry> context) {
        byGame.put(game, context);
    }

    /** The context the game left with, or none. */
    public List<GameSession.ContextEntry> recall(String game) {
        List<GameSession.ContextEntry> remembered = byGame.get(game);
        return remembered == null ? List.of() : remembered;
    }
}
