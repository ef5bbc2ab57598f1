package dev.switchboard.neuro.game;

import dev.switchboard.neuro.bounds.Shorten;
import dev.switchboard.neuro.diagnostics.DiagnosticCode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects what reading one frame found odd and says it as one warning: the first few problems and
 * unknown fields, and how many there were. A frame with 100,000 unknown fields is one warning, not
 * 100,000.
 */
public final class FrameWarning {
    /** What reading a frame found: its distinct codes in order and one text for them all. */
    public record Found(List<DiagnosticCode> codes, String text) {
        public static Found of(DiagnosticCode code, String text) {
            return new Found(List.of(code), text);
        }

        /** Both findings as one ({@code first} may be null). */
        public static Found joined(Found first, Found second) {
            if (first == null) {
                return second;
            }
            List<DiagnosticCode> codes = new ArrayList<>(first.codes());
            codes.addAll(second.codes());
            return new Found(codes, first.text() + "; " + second.text());
        }
    }

    static final int SHOWN_PROBLEMS = 10;
    static final int SHOWN_FIELDS = 5;
    /** So that one long problem leaves room for the others in a shown warning. */
    static final int PROBLEM_BYTES = 512;

    private final Set<DiagnosticCode> codes = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();
    private int problemCount;
    private final List<String> unknownFields = new ArrayList<>();
    private int unknownFieldCount;

    void problem(DiagnosticCode code, String text) {
        codes.add(code);
        if (problemCount++ < SHOWN_PROBLEMS) {
            problems.add(Shorten.toBytes(text, PROBLEM_BYTES));
        }
    }

    /** {@code path} as the game wrote it, e.g. {@code data.actions[2].cooldown}. */
    void unknownField(String path) {
        codes.add(DiagnosticCode.UNKNOWN_FIELD);
        if (unknownFieldCount++ < SHOWN_FIELDS) {
            unknownFields.add("'" + Shorten.name(path) + "'");
        }
    }

    /** The one finding, or null if nothing was odd. */
    Found found() {
        return codes.isEmpty() ? null : new Found(List.copyOf(codes), text());
    }

    private String text() {
        List<String> parts = new ArrayList<>(problems);
        if (problemCount > problems.size()) {
            parts.add((problemCount - problems.size()) + " more problems");
        }
        if (unknownFieldCount == 1) {
            parts.add("unknown field " + unknownFields.get(0) + " tolerated");
        } else if (unknownFieldCount > 1) {
            parts.add(unknownFieldCount + " unknown fields tolerated: " + String.join(", ", unknownFields)
                    + (unknownFieldCount > unknownFields.size() ? " and " + (unknownFieldCount - unknownFields.size()) + " more" : ""));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
