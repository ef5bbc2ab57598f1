package dev.switchboard.cluster;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** A sequenced log on the grid: the first item is 0, one more per item, the same on every member. */
public interface SharedLog {
    /** Appends, and returns the item's sequence once the grid (and its backup) keeps it. */
    long append(String json);

    /** The oldest sequence kept ({@code tail() + 1} when none is). */
    long head();

    /** The newest sequence (-1 before the first item). */
    long tail();

    /**
     * Items from {@code from} on (at most {@code max}), as soon as there is at least one. Items older than
     * {@link #head()} are gone: the batch then starts later than asked ({@link Batch#first()}).
     */
    CompletionStage<Batch> read(long from, int max);

    /** Frees the log on every member. */
    void destroy();

    /** Consecutive items starting at sequence {@code first}. */
    record Batch(long first, List<String> items) {
        public long next() {
            return first + items.size();
        }
    }
}
