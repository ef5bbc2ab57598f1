package dev.switchboard.neuro;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what reading one frame found odd and says it as one warning: the first few problems and
 * unknown fields, and how many there were. A frame with 100,000 unknown fields is one warning, not
 * 100,000.
 */
final class FrameWarning {
    static final int SHOWN_PROBLEMS = 10;
    static final int SHOWN_FIELDS = 5;
    /** So that one long problem leaves room for the others in a shown warning. */
    static final int PROBLEM_BYTES = 512;

    private final List<String> problems = new ArrayList<>();
    private int problemCount;
    private final List<String> unknownFields = new ArrayList<>();
    private int unknownFieldCount;

    void problem(String text) {
        if (problemCount++ < SHOWN_PROBLEMS) {
            problems.add(Shorten.toBytes(text, PROBLEM_BYTES));
        }
    }

    /** {@code path} as the game wrote it, e.g. {@code data.actions[2].cooldown}. */
    void unknownField(String path) {
        if (unknownFieldCount++ < SHOWN_FIELDS) {
            unknownFields.add("'" + Shorten.name(path) + "'");
        }
    }

    /** The one warning, or null if nothing was odd. */
    String text() {
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
