package dev.switchboard.websocket;

import java.util.Locale;

/** The endpoints, as metrics name them (tag {@code endpoint}): the WebSocket ones, and MCP over HTTP. */
public enum EndpointName {
    /** {@code /ws}: calls. */
    WS,
    /** {@code /rpc}: function calls in JSON-RPC 2.0. */
    RPC,
    /** {@code /runs}. */
    RUNS,
    /** {@code /events}: the bus. */
    EVENTS,
    /** {@code /neuro}: games. */
    NEURO,
    /** {@code /neuro/console}: the operator console. */
    CONSOLE,
    /** {@code /mcp}: the functions (and runs) as MCP tools, over HTTP; it has no WebSocket sessions. */
    MCP;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** Whether it is a WebSocket endpoint, with sessions and messages of its own (MCP is HTTP). */
    public boolean isWebSocket() {
        return this != MCP;
    }

    /** The value of the {@code endpoint} tag. */
    public String tag() {
        return tag;
    }
}
