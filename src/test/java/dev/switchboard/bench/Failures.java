package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wrong or missing replies, error replies and unexpected closes of one measurement. Any failure makes the
 * generator exit non-zero; the first few messages go into the results.
 */
final class Failures {
    private static final int KEPT = 10;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong unexpectedCloses = new AtomicLong();
    private final List<String> examples = new ArrayList<>();

    void add(String what) {
        count.incrementAndGet();
        synchronized (examples) {
            if (examples.size() < KEPT) {
                examples.add(what);
            }
        }
    }

    void unexpectedClose(String what) {
        unexpectedCloses.incrementAndGet();
        add(what);
    }

    long count() {
        return count.get();
    }

    long unexpectedCloses() {
        return unexpectedCloses.get();
    }

    List<String> examples() {
        synchronized (examples) {
            return List.copyOf(examples);
        }
    }

    void addAll(Failures other) {
        count.addAndGet(other.count());
        unexpectedCloses.addAndGet(other.unexpectedCloses());
        synchronized (examples) {
            for (String e : other.examples()) {
                if (examples.size() < KEPT) {
                    examples.add(e);
                }
            }
        }
    }
}
