package dev.switchboard.calls;

import dev.switchboard.concurrent.Workers;
import dev.switchboard.websocket.FakeSession;
import dev.switchboard.websocket.Outbox;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A CallService wired by hand (no container) with every built-in function, and one fake connection. */
public final class TestCalls implements AutoCloseable {
    final ExecutorService executor = Executors.newCachedThreadPool();
    final CallService service = new CallService();
    final FakeSession session = new FakeSession(new CallsEncoder());
    final CallsDecoder decoder = new CallsDecoder();
    private CallConnection connection;

    /** A CallService with every built-in function, for other features' tests. */
    public static CallService service() {
        return new TestCalls().service;
    }

    TestCalls() {
        MathFunctions math = new MathFunctions();
        service.registry = new FunctionRegistry(List.of(math.add(), math.subtract(), math.multiply(),
                math.divide(), math.pow(), math.sqrt(), math.sum(), math.mean(),
                new SleepFunction(), new CountFunction()));
        service.workers = Workers.using(executor, null);
        service.maxInFlight = 64;
        service.maxInFlightTotal = 128;
        service.maxBatch = 100;
        service.maxDigits = 100;
        service.paceTimeoutMillis = 1000;
    }

    /** A CallService with every built-in function and these limits, for other features' tests. */
    public static CallService service(int maxInFlight, int maxInFlightTotal, int maxBatch) {
        CallService service = service();
        service.maxInFlight = maxInFlight;
        service.maxInFlightTotal = maxInFlightTotal;
        service.maxBatch = maxBatch;
        return service;
    }

    TestCalls maxInFlight(int max) {
        service.maxInFlight = max;
        return this;
    }

    CallConnection connection() {
        if (connection == null) {
            connection = service.connect(new Outbox(session.session(), 1024, 1000, Runnable::run));
        }
        return connection;
    }

    void send(String frame) {
        try {
            connection().accept(decoder.decode(frame));
        } catch (jakarta.websocket.DecodeException overLimit) {
            throw new AssertionError("frame over the limit", overLimit);
        }
    }

    String next() throws InterruptedException {
        return session.next();
    }

    /** Sends one frame and returns the first reply. */
    String call(String frame) throws InterruptedException {
        send(frame);
        return next();
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        executor.shutdownNow();
    }
}
