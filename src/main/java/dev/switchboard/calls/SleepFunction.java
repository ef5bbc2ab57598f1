package dev.switchboard.calls;

import jakarta.json.JsonObject;

import jakarta.enterprise.context.ApplicationScoped;

/** Waits, then answers how long it waited: the simplest slow call, for concurrency and cancel. */
@ApplicationScoped
public class SleepFunction implements CallFunction {
    static final long MAX_MILLIS = 60_000;

    @Override
    public String name() {
        return "sleep";
    }

    @Override
    public String description() {
        return "waits ms milliseconds (at most 60000), then answers ms";
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
        return Signature.of(Param.integer("ms", "milliseconds to wait", 0, MAX_MILLIS));
    }

    @Override
    public Object call(Arguments args, CallContext context) throws InterruptedException {
        long ms = args.integer(0);
        Thread.sleep(ms);
        return ms;
    }
}
