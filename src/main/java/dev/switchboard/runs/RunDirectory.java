package dev.switchboard.runs;

import dev.switchboard.cluster.Grid;
import dev.switchboard.cluster.SharedLog;
import dev.switchboard.cluster.SharedMap;
import dev.switchboard.websocket.JsonSupport;

import java.util.List;

/**
 * The cluster's runs: one {@link RunEntry} per run in a grid map, keyed by owner and run id as
 * {@link RunKey} scopes ids, and each run's events in a grid log of its own. A finished run's entry is
 * put with a time to live a little beyond the retention, so that the grid frees it even when nobody
 * is left to.
 */
final class RunDirectory {
    static final String MAP = "switchboard-runs";
    /** Every run's log is in this family: one capacity for all. */
    static final String LOG_FAMILY = "switchboard-run:";
    /** How long beyond the retention a finished entry outlives a freeing that never comes. */
    static final long TTL_MARGIN_MILLIS = 60_000;

    private final Grid grid;
    private final SharedMap map;
    private final int logCapacity;
    private final long retentionMillis;

    RunDirectory(Grid grid, int logCapacity, long retentionMillis) {
        this.grid = grid;
        this.map = grid.map(MAP);
        this.logCapacity = logCapacity;
        this.retentionMillis = retentionMillis;
    }

    /** A run id cannot contain '/', so the owner is everything before the last one. */
    static String keyOf(RunKey key) {
        return (key.owner() == null ? "" : key.owner()) + "/" + key.runId();
    }

    SharedLog log(RunKey key) {
        return grid.log(LOG_FAMILY + keyOf(key), logCapacity);
    }

    long retentionMillis() {
        return retentionMillis;
    }

    /** Puts the entry of a run starting; false if the key is taken (by a live or retained run anywhere). */
    boolean claim(RunEntry entry) {
        return map.putIfAbsent(keyOf(entry.key()), JsonSupport.JSONB.toJson(entry)) == null;
    }

    RunEntry get(RunKey key) {
        return parse(map.get(keyOf(key)));
    }

    void finished(RunEntry entry) {
        map.put(keyOf(entry.key()), JsonSupport.JSONB.toJson(entry), retentionMillis + TTL_MARGIN_MILLIS);
    }

    void remove(RunKey key) {
        map.remove(keyOf(key));
    }

    /** Frees the run's entry and its log. */
    void free(RunKey key) {
        remove(key);
        log(key).destroy();
    }

    List<RunEntry> entries() {
        return map.entries().values().stream().map(RunDirectory::parse).toList();
    }

    private static RunEntry parse(String json) {
        return json == null ? null : JsonSupport.JSONB.fromJson(json, RunEntry.class);
    }
}
