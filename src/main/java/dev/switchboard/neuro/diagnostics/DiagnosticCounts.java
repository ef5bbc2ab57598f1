package dev.switchboard.neuro.diagnostics;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** Diagnostics since start by code, for the metrics: every code of a diagnostic is counted. */
public final class DiagnosticCounts {
    private final Map<DiagnosticCode, LongAdder> counts = new EnumMap<>(DiagnosticCode.class);
    private final Set<DiagnosticCode> seen = ConcurrentHashMap.newKeySet();
    /** Told of each code the first time it is diagnosed (the metrics register its series then). */
    private volatile Consumer<DiagnosticCode> firstOfCode = code -> { };

    public DiagnosticCounts() {
        for (DiagnosticCode code : DiagnosticCode.values()) {
            counts.put(code, new LongAdder());
        }
    }

    public void add(Diagnostic diagnostic) {
        for (DiagnosticCode code : diagnostic.codes()) {
            counts.get(code).increment();
            if (seen.add(code)) {
                firstOfCode.accept(code);
            }
        }
    }

    /** {@code listener} is told of every code diagnosed so far, and then of each new one, once. */
    public void onFirstOfCode(Consumer<DiagnosticCode> listener) {
        firstOfCode = listener;
        seen.forEach(listener);
    }

    /** Diagnostics with this code since start. */
    public long count(DiagnosticCode code) {
        return counts.get(code).sum();
    }
}
