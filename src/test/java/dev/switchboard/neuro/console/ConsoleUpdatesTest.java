package dev.switchboard.neuro.console;

import dev.switchboard.neuro.game.GameSession;
import dev.switchboard.neuro.game.GameView;
import dev.switchboard.neuro.game.RecordingPort;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Console updates of a game are coalesced: at most one per interval, each with the view as it is then. */
class ConsoleUpdatesTest {
    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(100);

    private record Task(long delayNanos, Runnable work) {
    }

    private final List<Task> scheduled = new ArrayList<>();
    private final List<ConsoleMessage.GameUpdate> published = new ArrayList<>();
    private long now = 1_000_000_000L;
    private final ConsoleUpdates updates = new ConsoleUpdates((delay, task) -> scheduled.add(new Task(delay, task)),
            () -> now, INTERVAL, published::add);
    private final RecordingPort port = new RecordingPort() {
        @Override
        public void changed(GameSession session, String kind, String detail) {
            updates.changed(session, kind, detail);
        }
    };
    private final GameSession session = port.session("Burst");

    private void runScheduled() {
        List<Task> due = List.copyOf(scheduled);
        scheduled.clear();
        due.forEach(t -> t.work().run());
    }

    @Test
    void aBurstOfChangesIsOneUpdatePerIntervalWithTheLatestView() {
        session.context("first", true);
        assertEquals(1, scheduled.size());
        assertEquals(0, scheduled.get(0).delayNanos(), "the first change after a quiet spell goes out at once");
        runScheduled();
        assertEquals(1, published.size());
        assertEquals(List.of(new ConsoleMessage.Change("context", "first")), published.get(0).changes());

        for (int i = 0; i < 1000; i++) {
            session.context("burst " + i, true);
        }
        assertEquals(1, scheduled.size(), "one update is waiting for the whole burst");
        assertEquals(INTERVAL, scheduled.get(0).delayNanos(), "not before the interval since the last update");
        runScheduled();
        assertEquals(2, published.size());
        ConsoleMessage.GameUpdate update = published.get(1);
        assertEquals(ConsoleUpdates.SHOWN_CHANGES, update.changes().size());
        assertEquals(1000 - ConsoleUpdates.SHOWN_CHANGES, update.leftOut());
        assertEquals("burst 999", update.changes().get(update.changes().size() - 1).detail(), "the latest changes are listed");
        List<GameView.ContextView> context = update.view().context();
        assertEquals("burst 999", context.get(context.size() - 1).message(), "the view is the game as it is now");

        now += 2 * INTERVAL;
        session.context("later", true);
        assertEquals(0, scheduled.get(0).delayNanos(), "after a quiet interval, at once again");
    }

    @Test
    void aClosedGameGetsNoUpdateAndLeavesNothingBehind() {
        session.context("first", true);
        session.close();
        updates.forget(session);
        runScheduled();
        assertTrue(published.isEmpty(), published.toString());
        assertEquals(0, updates.games());
    }

    @Test
    void aGameThatWentQuietLeavesOnlyItsTimingBehindUntilItCloses() {
        session.context("first", true);
        runScheduled();
        assertEquals(1, updates.games());
        session.close();
        updates.forget(session);
        assertEquals(0, updates.games());
    }
}
