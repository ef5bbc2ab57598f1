package dev.switchboard.cluster;

import dev.switchboard.concurrent.Workers;
import dev.switchboard.observability.LatencyHistogram;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.logging.Logger;

/**
 * Whether this instance is one of several ({@code switchboard.cluster.enabled}), and if so its
 * {@link Grid}. Off (the default) nothing here is touched: the features keep everything in this JVM,
 * as on a single server. On, the grid is Payara Micro's and the deployment fails at startup, with one
 * clear message, on a server that has none.
 */
@ApplicationScoped
public class Cluster {
    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());
    static final String NO_GRID = "switchboard.cluster.enabled=true needs Payara Micro's data grid, and this server"
            + " has none: run on Payara Micro without --nohazelcast, or turn clustering off";

    @Inject
    @ConfigProperty(name = "switchboard.cluster.enabled", defaultValue = "false")
    boolean enabled;

    /** Readiness stays DOWN until the cluster has this many members. */
    @Inject
    @ConfigProperty(name = "switchboard.cluster.min-members", defaultValue = "1")
    int minMembers;

    @Inject
    Workers workers;

    private volatile Grid grid;
    private final LatencyHistogram publishLatency = new LatencyHistogram();

    /** Joins first, before any feature starts (Priority 0): a server without a grid fails here. */
    void join(@Observes @Priority(0) @Initialized(ApplicationScoped.class) Object started) {
        if (enabled) {
            grid();
            LOG.info("Clustering on: member " + grid.memberId() + " of " + grid.memberIds().size());
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** The grid; only when {@link #enabled()}. */
    public Grid grid() {
        if (!enabled) {
            throw new IllegalStateException("Clustering is off (switchboard.cluster.enabled=false)");
        }
        Grid joined = grid;
        if (joined == null) {
            synchronized (this) {
                if (grid == null) {
                    grid = HazelcastGrid.lookUp(workers.fromOtherThreads());
                }
                joined = grid;
            }
        }
        return joined;
    }

    /** Uses {@code grid} instead of the server's (tests). */
    public static Cluster of(Grid grid) {
        return of(grid, 1);
    }

    public static Cluster of(Grid grid, int minMembers) {
        Cluster cluster = new Cluster();
        cluster.enabled = true;
        cluster.minMembers = minMembers;
        cluster.grid = grid;
        return cluster;
    }

    /** Off: one instance, nothing shared (tests). */
    public static Cluster off() {
        return new Cluster();
    }

    /** True when clustering is off, or on and this instance is a member of a cluster of at least {@code min-members}. */
    public boolean ready() {
        return !enabled || grid != null && grid.joined() && grid.memberIds().size() >= minMembers;
    }

    public int memberCount() {
        return enabled && grid != null ? grid.memberIds().size() : 1;
    }

    public String memberId() {
        return enabled && grid != null ? grid.memberId() : "";
    }

    /** How long a publish onto the grid took (the bus's appends, the runs' events). */
    public void recordPublish(long nanos) {
        publishLatency.record(nanos);
    }

    LatencyHistogram publishLatency() {
        return publishLatency;
    }
}
