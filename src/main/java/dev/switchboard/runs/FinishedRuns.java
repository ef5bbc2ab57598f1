package dev.switchboard.runs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Finished runs kept for {@code resume} and {@code list_runs}: each for the retention time at most,
 * and all of them within a count and a byte budget, the oldest freed first. A freed run's retention
 * timer is cancelled, which takes it out of the timer queue at once.
 */
final class FinishedRuns {
    private record Kept(long bytes, Future<?> expiry) {
    }

    private final int maxRuns;
    private final long maxBytes;
    private final long retentionMillis;
    private final ScheduledExecutorService timers;
    private final Consumer<Run> free;
    /** In the order the runs finished. */
    private final Map<Run, Kept> kept = new LinkedHashMap<>();
    private long bytes;

    /** {@code free} forgets a run everywhere else; it is called outside this object's lock. */
    FinishedRuns(int maxRuns, long maxBytes, long retentionMillis, ScheduledExecutorService timers,
                 Consumer<Run> free) {
        this.maxRuns = maxRuns;
        this.maxBytes = maxBytes;
        this.retentionMillis = retentionMillis;
        this.timers = timers;
        this.free = free;
    }

    /** Keeps a run that has just finished, freeing the oldest ones beyond the budget (it too, if it alone is over). */
    void add(Run run) {
        long size = run.keptBytes();
        List<Run> freed = new ArrayList<>();
        synchronized (this) {
            try {
                kept.put(run, new Kept(size, timers.schedule(() -> expire(run), retentionMillis, TimeUnit.MILLISECONDS)));
                bytes += size;
            } catch (RejectedExecutionException shuttingDown) {
                freed.add(run);
            }
            Iterator<Map.Entry<Run, Kept>> oldestFirst = kept.entrySet().iterator();
            while (oldestFirst.hasNext() && (kept.size() > maxRuns || bytes > maxBytes)) {
                Map.Entry<Run, Kept> oldest = oldestFirst.next();
                oldestFirst.remove();
                bytes -= oldest.getValue().bytes();
                oldest.getValue().expiry().cancel(false);
                freed.add(oldest.getKey());
            }
        }
        freed.forEach(free);
    }

    private void expire(Run run) {
        Kept expired;
        synchronized (this) {
            expired = kept.remove(run);
            if (expired != null) {
                bytes -= expired.bytes();
            }
        }
        if (expired != null) {
            free.accept(run);
        }
    }

    synchronized int count() {
        return kept.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}
