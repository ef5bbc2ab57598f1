package dev.switchboard.runs;

import jakarta.json.JsonObject;

/**
 * A kind of run, by name. Adding one is one CDI bean implementing this interface; the
 * {@link RunManager} finds every bean.
 */
public interface RunTask {
    String name();

    /** Checks the input before the run exists; throws {@link InvalidRunInput} with a message for the client. */
    RunJob prepare(JsonObject input) throws InvalidRunInput;

    /** The work of one run, on an executor thread; cancellation interrupts it. */
    interface RunJob {
        /** Returns the result for {@code run_completed}; throws {@link RunFailure} for {@code run_failed}. */
        Object run(RunContext context) throws RunFailure, InterruptedException;
    }

    class InvalidRunInput extends Exception {
        public InvalidRunInput(String message) {
            super(message, null, false, false);
        }
    }

    /** Ends a run with {@code run_failed} and this code. */
    class RunFailure extends Exception {
        private final String code;

        public RunFailure(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
