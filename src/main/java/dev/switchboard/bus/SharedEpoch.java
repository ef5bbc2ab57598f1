package dev.switchboard.bus;

import dev.switchboard.cluster.SharedMap;
import dev.switchboard.websocket.JsonSupport;
import jakarta.json.Json;
import jakarta.json.JsonString;

import java.util.UUID;

/**
 * The bus history's epoch on the grid: one value for the whole cluster, made by the first instance
 * that asks. A whole-cluster restart loses the map with the log, so the next start makes a new one.
 */
final class SharedEpoch {
    static final String KEY = "epoch";

    private final SharedMap map;

    SharedEpoch(SharedMap map) {
        this.map = map;
    }

    static String random() {
        return UUID.randomUUID().toString();
    }

    /** The cluster's epoch, made now if there is none. */
    String current() {
        String fresh = text(random());
        String kept = map.putIfAbsent(KEY, fresh);
        return value(kept == null ? fresh : kept);
    }

    /**
     * The history of epoch {@code lost} is gone: replaces it with a new epoch, unless another instance
     * that saw the same already did (then that one's is the cluster's).
     */
    String replace(String lost) {
        String fresh = text(random());
        while (true) {
            String kept = map.putIfAbsent(KEY, fresh);
            if (kept == null) {
                return value(fresh);
            }
            if (!value(kept).equals(lost)) {
                return value(kept);
            }
            if (map.replace(KEY, kept, fresh)) {
                return value(fresh);
            }
        }
    }

    private static String text(String epoch) {
        return Json.createValue(epoch).toString();
    }

    private static String value(String json) {
        return ((JsonString) JsonSupport.readTree(json)).getString();
    }
}
