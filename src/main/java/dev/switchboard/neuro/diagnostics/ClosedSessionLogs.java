package dev.switchboard.neuro.diagnostics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session logs of the last {@link #KEPT} game connections that closed, by connection id, so that
 * their sessions can still be exported.
 */
public final class ClosedSessionLogs {
    static final int KEPT = 16;

    private final Map<String, SessionLog> logs = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SessionLog> eldest) {
                    return size() > KEPT;
                }
            });

    public void keep(String connectionId, SessionLog log) {
        logs.put(connectionId, log);
    }

    /** The log of a connection closed lately, or null. */
    public SessionLog get(String connectionId) {
        return logs.get(connectionId);
    }
}
