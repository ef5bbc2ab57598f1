package dev.switchboard.bus;

import dev.switchboard.cluster.Cluster;
import dev.switchboard.cluster.Grid;
import dev.switchboard.cluster.SharedLog;
import dev.switchboard.websocket.JsonSupport;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Several instances: an event's offset is its sequence in one log on the grid, and every instance,
 * this one included, delivers the events as it reads them back ({@link BusLogReader}), so all clients
 * of all instances see one order with the same offsets. A publish returns once the grid keeps the
 * event with its backup.
 */
final class GridNumbering implements Numbering {
    static final String NAME = "switchboard-bus";

    private final Cluster cluster;
    private final SharedLog log;
    private final LocalDelivery delivery;
    private final BusLogReader reader;

    private GridNumbering(Cluster cluster, SharedLog log, LocalDelivery delivery, BusLogReader reader) {
        this.cluster = cluster;
        this.log = log;
        this.delivery = delivery;
        this.reader = reader;
    }

    /**
     * Joins the cluster's bus: this instance's history starts at the oldest event the log keeps (and
     * fills as the reader catches up), in the cluster's epoch.
     */
    static GridNumbering join(Cluster cluster, LocalDelivery delivery, Executor executor, ScheduledExecutorService timers,
                              int capacity) {
        Grid grid = cluster.grid();
        SharedLog log = grid.log(NAME, capacity);
        SharedEpoch epochs = new SharedEpoch(grid.map(NAME));
        long head = log.head();
        delivery.startAt(head, epochs.current());
        BusLogReader reader = new BusLogReader(log, epochs, delivery, executor, timers);
        reader.start(head);
        return new GridNumbering(cluster, log, delivery, reader);
    }

    @Override
    public BusEvent number(BusEvent event) {
        String json = JsonSupport.JSONB.toJson(event);
        long started = System.nanoTime();
        long offset = log.append(json);
        cluster.recordPublish(System.nanoTime() - started);
        return event.numbered(offset, delivery.epoch());
    }

    @Override
    public long newest() {
        try {
            return log.tail();
        } catch (RuntimeException gridUnavailable) {
            return delivery.mark() - 1;
        }
    }

    @Override
    public long skipped() {
        return reader.skipped();
    }
}
