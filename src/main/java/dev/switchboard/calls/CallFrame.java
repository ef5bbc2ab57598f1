package dev.switchboard.calls;

import java.util.List;

/** What one text frame on {@code /ws} asks for. */
public sealed interface CallFrame {
    record Single(CallRequest request) implements CallFrame {
    }

    /** A batch; each element is a {@link Single} or an {@link Invalid}. */
    record Batch(List<CallFrame> elements) implements CallFrame {
    }

    record Cancel(Object id) implements CallFrame {
    }

    /** A frame (or batch element) that is already known to be wrong; {@code id} when one could be read. */
    record Invalid(Object id, ErrorCode code, String message) implements CallFrame {
    }
}
