package dev.switchboard.runs;

/**
 * A run's id within its owner's namespace: each principal has its own run ids, so two principals may
 * both start run {@code r1}. {@code owner} is the principal's name, null with authentication off (one
 * shared namespace).
 */
record RunKey(String owner, String runId) {
}
