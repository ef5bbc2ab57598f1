package dev.switchboard.cluster;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands grid callbacks to the application's workers (from the grid's threads: {@code Workers.fromOtherThreads}),
 * and runs them on the calling thread when they are refused (shutting down): a continuation that is
 * dropped would leave a reader waiting for ever, and late is better than lost.
 */
record InlineWhenRefused(Executor workers) implements Executor {
    @Override
    public void execute(Runnable command) {
        try {
            workers.execute(command);
        } catch (RejectedExecutionException refused) {
            command.run();
        }
    }
}
