package dev.switchboard.calls;

import java.util.Locale;

/** The machine codes of {@code /ws} errors, written lowercase on the wire. */
public enum ErrorCode {
    INVALID_JSON, INVALID_REQUEST, UNKNOWN_FUNCTION, INVALID_ARGS, MATH_ERROR,
    CANCELLED, BUSY, TOO_LARGE, UNKNOWN_ID, RATE_LIMITED, INTERNAL_ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
