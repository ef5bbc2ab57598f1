package dev.switchboard.calls;

import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.ErrorReplies;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** What {@code /ws} sends back. A null id is left out of the JSON. */
public sealed interface CallReply {
    /** The reply to the call with this id that ended so. */
    static CallReply of(Object id, CallOutcome outcome) {
        return outcome instanceof CallOutcome.Value value
                ? new Result(id, value.result())
                : Failure.of(id, ((CallOutcome.Failed) outcome).code(), ((CallOutcome.Failed) outcome).message());
    }

    @JsonbPropertyOrder({"id", "result"})
    record Result(Object id, Object result) implements CallReply {
    }

    @JsonbPropertyOrder({"id", "partial"})
    record Partial(Object id, Object partial) implements CallReply {
    }

    @JsonbPropertyOrder({"id", "error", "code"})
    record Failure(Object id, String error, String code) implements CallReply {
        /** The one place error replies of {@code /ws} are built, so they are counted here. */
        public static Failure of(Object id, ErrorCode code, String message) {
            ErrorReplies.count(EndpointName.WS, code.wireName());
            return new Failure(id, message, code.wireName());
        }

        public static Failure of(Object id, CallException e) {
            return of(id, e.code(), e.getMessage());
        }
    }

    /** The replies to a batch, written as one JSON array in request order. */
    record Batch(List<CallReply> replies) implements CallReply {
    }
}
