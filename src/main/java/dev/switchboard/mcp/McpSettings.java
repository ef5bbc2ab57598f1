package dev.switchboard.mcp;

import java.time.Duration;

/**
 * What the SDK's two servers are built with, read once at startup (the page size and the calls' cap are
 * {@link ToolPages}' and {@link ToolCalls}').
 *
 * @param maxRequestBytes the largest request body ({@code switchboard.calls.max-message-bytes}, as on {@code /ws})
 * @param sessionSweep    how often idle 2025 sessions are let go ({@code switchboard.mcp.session-sweep-ms})
 * @param version         Switchboard's version, which both eras report as the server's
 */
record McpSettings(int maxRequestBytes, Duration sessionSweep, String version) {
    static final String SERVER_NAME = "switchboard";
    static final String INSTRUCTIONS = "Switchboard's functions (exact decimal arithmetic, sleep, count) and its "
            + "agent runs (start_run, read_run, cancel_run) as tools.";
}
