package dev.switchboard.security;

import dev.switchboard.websocket.TokenBucket;

import java.util.function.LongSupplier;
import java.util.function.Consumer;

/**
 * One log line per refused handshake, at a bounded rate: a client that is refused in a loop cannot
 * flood the log. Past the burst, refusals are only counted (the metrics count every one), and the next
 * line that is written says how many were left out.
 */
final class RefusalLog {
    static final int BURST = 20;
    static final double PER_SECOND = 2;

    private final TokenBucket lines;
    private final Consumer<String> out;
    private long leftOut;

    RefusalLog(Consumer<String> out) {
        this(out, System::nanoTime);
    }

    RefusalLog(Consumer<String> out, LongSupplier nanoClock) {
        this.lines = new TokenBucket(PER_SECOND, BURST, nanoClock);
        this.out = out;
    }

    void log(Handshake handshake, Gate.Refused refusal) {
        long before;
        synchronized (this) {
            if (!lines.tryTake()) {
                leftOut++;
                return;
            }
            before = leftOut;
            leftOut = 0;
        }
        out.accept(line(handshake, refusal) + (before == 0 ? "" : " (" + before + " earlier refusal(s) not logged)"));
    }

    static String line(Handshake handshake, Gate.Refused refusal) {
        return "WebSocket handshake refused: reason=" + refusal.reason().label() + " status=" + refusal.status()
                + " code=" + refusal.code() + " endpoint=" + printable(handshake.path())
                + " remote=" + handshake.remoteAddress()
                + " origin=" + (handshake.origin() == null ? "-" : printable(handshake.origin()))
                + " principal=" + (refusal.caller() == null ? "-" : printable(refusal.caller().getName()))
                + " message=\"" + refusal.message() + "\"";
    }

    /** Request data in a log line: no line breaks or other control characters, at most 200 characters. */
    static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }
}
