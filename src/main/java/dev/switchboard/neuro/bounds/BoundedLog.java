package dev.switchboard.neuro.bounds;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Entries in order, at most {@code maxEntries} of them and {@code maxBytes} in all: adding one drops
 * the oldest until both hold. Not thread-safe (its owner's lock guards it). Entries must each be
 * smaller than {@code maxBytes} (their owner shortens them first).
 */
public final class BoundedLog<T> {
    private final int maxEntries;
    private final long maxBytes;
    private final ToIntFunction<T> sizeOf;
    private final ArrayDeque<T> entries = new ArrayDeque<>();
    private long bytes;

    public BoundedLog(int maxEntries, long maxBytes, ToIntFunction<T> sizeOf) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.sizeOf = sizeOf;
    }

    /** Adds an entry at the end; returns how many of the oldest were dropped to make room. */
    public int add(T entry) {
        entries.addLast(entry);
        bytes += sizeOf.applyAsInt(entry);
        int dropped = 0;
        while (entries.size() > 1 && (entries.size() > maxEntries || bytes > maxBytes)) {
            removeFirst();
            dropped++;
        }
        return dropped;
    }

    public T removeFirst() {
        T first = entries.removeFirst();
        bytes -= sizeOf.applyAsInt(first);
        return first;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    long bytes() {
        return bytes;
    }

    public List<T> list() {
        return List.copyOf(entries);
    }
}
