package dev.switchboard.cluster;

import java.util.Map;

/** A map of JSON texts on the grid, with a backup on another member. */
public interface SharedMap {
    String get(String key);

    void put(String key, String json);

    /** Puts an entry that the grid removes after {@code ttlMillis}. */
    void put(String key, String json, long ttlMillis);

    /** Puts unless the key is taken; returns what was there (null if it was free). */
    String putIfAbsent(String key, String json);

    /** Replaces the entry only if it is {@code expected} now (compared as text); true if it did. */
    boolean replace(String key, String expected, String json);

    void remove(String key);

    /** A copy of every entry now. */
    Map<String, String> entries();
}
