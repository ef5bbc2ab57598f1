package dev.switchboard.neuro.game;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** How often each {@link GameSession.Tally} happened since start, over every game (for the metrics). */
public final class Tallies {
    private final Map<GameSession.Tally, LongAdder> counts = new EnumMap<>(GameSession.Tally.class);

    public Tallies() {
        for (GameSession.Tally tally : GameSession.Tally.values()) {
            counts.put(tally, new LongAdder());
        }
    }

    public void add(GameSession.Tally what) {
        counts.get(what).increment();
    }

    public long count(GameSession.Tally what) {
        return counts.get(what).sum();
    }
}
