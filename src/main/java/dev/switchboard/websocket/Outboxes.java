package dev.switchboard.websocket;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Gives every WebSocket session its {@link Outbox}, sized by configuration, and knows them all. */
@ApplicationScoped
public class Outboxes {
    private static final String KEY = Outbox.class.getName();

    @Inject
    @ConfigProperty(name = "switchboard.outbox.capacity", defaultValue = "1024")
    int capacity;

    @Inject
    @ConfigProperty(name = "switchboard.outbox.send-timeout-ms", defaultValue = "10000")
    long sendTimeoutMillis;

    @Resource
    ManagedExecutorService executor;

    private final Set<Outbox> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong slowConsumersClosed = new AtomicLong();

    public Outbox open(Session session) {
        Outbox outbox = new Outbox(session, capacity, sendTimeoutMillis, executor,
                slowConsumersClosed::incrementAndGet);
        session.getUserProperties().put(KEY, outbox);
        open.add(outbox);
        return outbox;
    }

    public static Outbox of(Session session) {
        return (Outbox) session.getUserProperties().get(KEY);
    }

    public void close(Session session) {
        Outbox outbox = of(session);
        if (outbox != null) {
            outbox.close();
            open.remove(outbox);
        }
    }

    /**
     * Shutdown, after the features have said their last word (their observers have lower priorities):
     * every session gets what is queued for it (2 s in all at most) and a 1001 close.
     */
    void closeAll(@Observes @Priority(1000) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        // All outboxes drain at once; one client that does not read costs the others nothing.
        long deadline = System.currentTimeMillis() + 2000;
        try {
            for (Outbox outbox : open) {
                outbox.awaitRoom(1, Math.max(1, deadline - System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Outbox outbox : open) {
            outbox.closeGoingAway(1);
        }
        open.clear();
    }

    /** Messages queued across every open session. */
    public long totalDepth() {
        return open.stream().mapToLong(Outbox::depth).sum();
    }

    /** Sessions closed with 1008 because their client did not keep up, since start. */
    public long slowConsumersClosed() {
        return slowConsumersClosed.get();
    }

    public int openCount() {
        return open.size();
    }
}
