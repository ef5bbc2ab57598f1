package dev.switchboard.mcp;

import dev.switchboard.calls.PartialSink;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A call's partial results as MCP progress notifications, counted from 1. The SDK writes each to the
 * request's event stream on the call's own thread, so a slow reader paces the call. A notification that
 * cannot be sent is dropped: the client has gone, and what ends the call then is the era's own rule
 * (a deleted session, a {@code notifications/cancelled}, a closed 2026-07-28 stream).
 */
final class ProgressSink implements PartialSink {
    private static final Logger LOG = Logger.getLogger(ProgressSink.class.getName());

    private final McpTool.Progress progress;
    private final Queue<Object> queued = new ConcurrentLinkedQueue<>();
    /** Only the call's thread sends (each {@link #flush} follows its own {@link #enqueue}). */
    private long sent;

    ProgressSink(McpTool.Progress progress) {
        this.progress = progress;
    }

    @Override
    public boolean awaitRoom() {
        return true;
    }

    @Override
    public void enqueue(Object partial) {
        queued.add(partial);
    }

    @Override
    public void flush() {
        for (Object partial = queued.poll(); partial != null; partial = queued.poll()) {
            try {
                progress.send(++sent, partial);
            } catch (RuntimeException clientGone) {
                LOG.log(Level.FINE, "A progress notification could not be sent", clientGone);
            }
        }
    }
}
