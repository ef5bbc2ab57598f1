package dev.switchboard.concurrent;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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

    private ThreadPoolExecutor executor;
    private ScheduledThreadPoolExecutor scheduler;

    @PostConstruct
    void start() {
        // Threads are made on demand up to maxThreads and end after a minute without work.
        executor = new ThreadPoolExecutor(maxThreads, maxThreads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        executor.allowCoreThreadTimeOut(true);
        scheduler = new ScheduledThreadPoolExecutor(timerThreads, threads);
        // A cancelled timer (a run's timeout, a grace period) leaves the queue at once, not when it was due.
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Blocking or long work: slow calls, runs, agents, broadcasts. */
    public ExecutorService executor() {
        return executor;
    }

    /** Timers; they only hand work over to {@link #executor()}. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Tasks running or waiting on the executor. */
    public int activeCount() {
        return executor.getActiveCount() + executor.getQueue().size();
    }

    public int timerCount() {
        return scheduler.getQueue().size();
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
        executor.shutdownNow();
    }
}
