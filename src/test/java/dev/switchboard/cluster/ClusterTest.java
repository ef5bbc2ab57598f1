package dev.switchboard.cluster;

import dev.switchboard.concurrent.Workers;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterTest {
    @Test
    void onAServerWithoutPayarasGridClusteringOnFailsWithOneClearMessage() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try {
            Cluster cluster = new Cluster();
            cluster.enabled = true;
            cluster.workers = Workers.using(pool, timers);
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> cluster.join(new Object()));
            assertTrue(refused.getMessage().startsWith("switchboard.cluster.enabled=true needs Payara Micro's data grid,"
                    + " and this server has none"), refused.getMessage());
            assertFalse(cluster.ready(), "not ready without a cluster to be in");
        } finally {
            pool.shutdownNow();
            timers.shutdownNow();
        }
    }

    @Test
    void offItNeedsNoGridAndIsReadyAsOneInstance() {
        Cluster off = Cluster.off();
        off.join(new Object());
        assertFalse(off.enabled());
        assertTrue(off.ready());
        assertEquals(1, off.memberCount());
        assertThrows(IllegalStateException.class, off::grid);
    }
}
