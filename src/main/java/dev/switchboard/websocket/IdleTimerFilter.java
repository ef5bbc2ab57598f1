package dev.switchboard.websocket;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * A scheduled executor that drops Tyrus' per-session idle timers and passes everything else to the
 * container's executor. See {@link TyrusIdleTimers} for why.
 */
final class IdleTimerFilter implements ScheduledExecutorService {
    static final String IDLE_TIMEOUT_COMMAND = "org.glassfish.tyrus.core.TyrusSession$IdleTimeoutCommand";

    private final ScheduledExecutorService container;
    /** Idle timers dropped since start: if Tyrus changes and stops scheduling them, this stops rising. */
    private final LongAdder dropped = new LongAdder();

    IdleTimerFilter(ScheduledExecutorService container) {
        this.container = container;
    }

    long dropped() {
        return dropped.sum();
    }

    ScheduledExecutorService container() {
        return container;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (command.getClass().getName().equals(IDLE_TIMEOUT_COMMAND)) {
            dropped.increment();
            return NeverRuns.INSTANCE;
        }
        return container.schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return container.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return container.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return container.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public void shutdown() {
        container.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return container.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return container.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return container.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return container.awaitTermination(timeout, unit);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return container.submit(task);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return container.submit(task, result);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return container.submit(task);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return container.invokeAll(tasks);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return container.invokeAll(tasks, timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        return container.invokeAny(tasks);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return container.invokeAny(tasks, timeout, unit);
    }

    @Override
    public void execute(Runnable command) {
        container.execute(command);
    }

    /** The timer Tyrus gets back: already cancelled, so cancelling it again costs nothing. */
    private static final class NeverRuns implements ScheduledFuture<Object> {
        static final NeverRuns INSTANCE = new NeverRuns();

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return true;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            throw new CancellationException();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new CancellationException();
        }
    }
}
