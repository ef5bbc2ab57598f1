package dev.switchboard.concurrent;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The application's own thread pools, built from the container's {@link ManagedThreadFactory}: every
 * thread is a managed thread whose container context is captured once, when the thread is made.
 * Submitting to a {@code ManagedExecutorService} or scheduling on a managed timer captures context on
 * every task instead, and on Payara that scans jars through {@code ServiceLoader} each time.
 */
@ApplicationScoped
public class Workers {
    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "switchboard.workers.max-threads", defaultValue = "512")
    int maxThreads;

    @Inject
    @ConfigProperty(name = "switchboard.workers.timer-threads", defaultValue = "2")
    int timerThreads;

    private ExecutorService executor;
    private ScheduledExecutorService scheduler;
    private ExecutorService relay;
    private Executor fromOtherThreads;

    /** Pools given from outside (tests, or use without a container); they are shut down by their owner. */
    public static Workers using(ExecutorService executor, ScheduledExecutorService scheduler) {
        Workers workers = new Workers();
        workers.executor = executor;
        workers.scheduler = scheduler;
        workers.fromOtherThreads = executor;
        return workers;
    }

    @PostConstruct
    void start() {
        // An idle thread takes the next task; a new thread is made only when none is idle (making one
        // captures container context), up to maxThreads; threads beyond a few end after a minute idle.
        // More than maxThreads tasks at once are refused: calls and runs are capped well below it.
        int kept = Math.min(maxThreads, 2 * Runtime.getRuntime().availableProcessors());
        executor = new ThreadPoolExecutor(kept, maxThreads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(timerThreads, threads);
        // A cancelled timer (a run's timeout, a grace period) leaves the queue at once, not when it was due.
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler = timers;
        ThreadPoolExecutor relayThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        relayThread.prestartCoreThread();
        relay = relayThread;
        fromOtherThreads = command -> relay.execute(() -> {
            try {
                executor.execute(command);
            } catch (RejectedExecutionException busy) {
                command.run();
            }
        });
    }

    /** Blocking or long work: slow calls, runs, agents, broadcasts. */
    public ExecutorService executor() {
        return executor;
    }

    /** Worker threads busy now, and at most. */
    public int busyThreads() {
        return executor instanceof ThreadPoolExecutor pool ? pool.getActiveCount() : 0;
    }

    public int maxThreads() {
        return executor instanceof ThreadPoolExecutor pool ? pool.getMaximumPoolSize() : Integer.MAX_VALUE;
    }

    /** False once every worker thread is busy (new work would be refused) or the pool is shut down. */
    public boolean acceptsWork() {
        return !executor.isShutdown() && busyThreads() < maxThreads();
    }

    /**
     * {@link #executor()} for threads that are not the application's (the data grid's callbacks): a managed
     * thread takes the context of the thread that makes it, so the pool must not make one there (Payara's
     * then dies at once, "Module … is disabled", and its task is lost). One relay thread, made at startup,
     * hands such work to the pool; when the pool refuses, the relay runs it.
     */
    public Executor fromOtherThreads() {
        return fromOtherThreads;
    }

    /** Timers; they only hand work over to {@link #executor()}. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
        if (relay != null) {
            relay.shutdownNow();
        }
        executor.shutdownNow();
    }
}
