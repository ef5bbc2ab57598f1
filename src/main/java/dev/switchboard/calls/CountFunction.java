package dev.switchboard.calls;

import jakarta.json.JsonObject;

import jakarta.enterprise.context.ApplicationScoped;

/** Streams 1..n as partial results, then answers n. */
@ApplicationScoped
public class CountFunction implements CallFunction {
    static final long MAX_N = 10_000;
    static final long MAX_DELAY_MILLIS = 10_000;

    @Override
    public String name() {
        return "count";
    }

    @Override
    public String description() {
        return "streams partial results 1..n (n at most 10000), delay_ms apart, then answers n; needs an id";
    }

    @Override
    public JsonObject resultSchema() {
        return INTEGER;
    }

    /** It waits, but it reads and changes nothing. */
    @Override
    public boolean pure() {
        return true;
    }

    @Override
    public Signature signature() {
        return Signature.of(
                Param.integer("n", "how far to count", 0, MAX_N),
                Param.integer("delay_ms", "pause before each partial result", 0, MAX_DELAY_MILLIS).asOptional());
    }

    @Override
    public boolean streaming() {
        return true;
    }

    @Override
    public Object call(Arguments args, CallContext context) throws InterruptedException {
        long n = args.integer(0);
        long delay = args.integerOr(1, 0);
        for (long i = 1; i <= n; i++) {
            if (delay > 0) {
                Thread.sleep(delay);
            } else if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            context.emit(i);
        }
        return n;
    }
}
