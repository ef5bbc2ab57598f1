package dev.switchboard.runs;

import dev.switchboard.security.Caller;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What starts runs without a WebSocket connection (MCP's tools): one detached {@link RunsConnection} per
 * principal, which nobody's events go to, so that the runs a principal starts this way count against
 * {@code max-per-connection} together, and the rules of whose runs are whose apply as on {@code /runs}.
 * One entry per principal that ever started or read a run this way: two small sets each.
 */
final class DetachedStarters {
    /** The key of authentication off's one shared namespace (a map key cannot be null). */
    private static final String NOBODY = "";

    private final Map<String, RunsConnection> byPrincipal = new ConcurrentHashMap<>();

    RunsConnection of(Caller caller) {
        return byPrincipal.computeIfAbsent(caller == null ? NOBODY : caller.getName(),
                principal -> RunsConnection.detached(caller));
    }
}
