package dev.switchboard.mcp;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The sessions of the 2025 revisions that the front door has seen the SDK open, each with the principal
 * that opened it. Only those are served: a request naming any other session id, or naming a session of
 * another principal, is answered 404 as for an ended session, and its client starts a new one (MCP's
 * guidance: a session id is no credential). A session is forgotten when it is deleted, or after
 * {@code idleNanos} without a request, which is no later than the SDK lets an idle session go.
 */
final class LegacySessions {
    enum Access { UNKNOWN, OWNER, OTHER }

    private record Session(String owner, long lastUsed) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    LegacySessions(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** The SDK opened this session for {@code owner} (null with authentication off). */
    void opened(String id, String owner) {
        sessions.put(id, new Session(owner, nanoClock.getAsLong()));
    }

    /** Whether {@code principal} may use the session; a use by its owner keeps it. */
    Access access(String id, String principal) {
        Session[] found = {null};
        sessions.computeIfPresent(id, (key, session) -> {
            found[0] = session;
            return Objects.equals(session.owner(), principal) ? new Session(session.owner(), nanoClock.getAsLong()) : session;
        });
        if (found[0] == null) {
            return Access.UNKNOWN;
        }
        return Objects.equals(found[0].owner(), principal) ? Access.OWNER : Access.OTHER;
    }

    void ended(String id) {
        sessions.remove(id);
    }

    /** Forgets the sessions not used for {@code idleNanos} or longer. */
    void sweep(long idleNanos) {
        long now = nanoClock.getAsLong();
        sessions.entrySet().removeIf(entry -> now - entry.getValue().lastUsed() >= idleNanos);
    }

    int size() {
        return sessions.size();
    }
}
