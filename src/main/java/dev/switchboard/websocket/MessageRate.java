package dev.switchboard.websocket;

/**
 * A connection's incoming message rate: a {@link TokenBucket}, and how many messages it has refused
 * since the client last kept under the rate long enough to refill its whole burst. A client that goes on
 * sending over the rate is closed (1008) rather than answered forever, even if a message now and then
 * gets through.
 */
public final class MessageRate {
    /** What to do with an incoming message. */
    public enum Admission {
        /** Handle it. */
        ADMITTED,
        /** Do not handle it; answer {@code rate_limited}. */
        REFUSED,
        /** Do not handle it; the session is being closed with 1008. */
        CLOSING
    }

    private final TokenBucket bucket;
    private final int closeAfter;
    private int refusedSinceCalm;

    /** {@code perSecond} 0 = no limit. */
    public MessageRate(double perSecond, int burst, int closeAfter) {
        this.bucket = perSecond > 0 ? new TokenBucket(perSecond, burst) : null;
        this.closeAfter = closeAfter;
    }

    MessageRate(TokenBucket bucket, int closeAfter) {
        this.bucket = bucket;
        this.closeAfter = closeAfter;
    }

    public synchronized Admission admit() {
        if (bucket == null) {
            return Admission.ADMITTED;
        }
        if (bucket.isFull()) {
            refusedSinceCalm = 0;
        }
        if (bucket.tryTake()) {
            return Admission.ADMITTED;
        }
        return ++refusedSinceCalm > closeAfter ? Admission.CLOSING : Admission.REFUSED;
    }
}
