package dev.switchboard.lifecycle;

/**
 * Fired once, synchronously, when the server begins to shut down; observers end their work in
 * priority order (features at 100, then the outboxes close every session at 1000).
 */
public record ShuttingDown() {
}
