package dev.switchboard.agent;

/** Answers chat messages. One conversation per {@link Conversation} (principal and session). */
public interface Agent {
    /** The source of its answers on the bus, e.g. {@code agent:pickle}. */
    String source();

    /** Answers one message; may block (runs on an executor thread). */
    String reply(Conversation conversation, String message) throws AgentException, InterruptedException;

    /** A failed answer; {@code retryable} when trying again may help (timeouts, 5xx, 429). */
    class AgentException extends Exception {
        private final boolean retryable;

        public AgentException(String message, boolean retryable) {
            super(message, null, false, false);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
