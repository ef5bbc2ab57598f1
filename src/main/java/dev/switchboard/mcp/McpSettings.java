package dev.switchboard.mcp;

import java.time.Duration;

/**
 * MCP's settings, read once at startup.
 *
 * @param pageSize        tools per {@code tools/list} page ({@code switchboard.mcp.page-size})
 * @param maxCalls        MCP tool calls in progress at once on the server ({@code switchboard.mcp.max-calls})
 * @param maxRequestBytes the largest request body ({@code switchboard.calls.max-message-bytes}, as on {@code /ws})
 * @param sessionSweep    how often idle 2025 sessions are let go ({@code switchboard.mcp.session-sweep-ms})
 * @param version         Switchboard's version, which both eras report as the server's
 */
record McpSettings(int pageSize, int maxCalls, int maxRequestBytes, Duration sessionSweep, String version) {
    static final String SERVER_NAME = "switchboard";
    static final String INSTRUCTIONS = "Switchboard's functions (exact decimal arithmetic, sleep, count) and its "
            + "agent runs (start_run, read_run, cancel_run) as tools.";
}
