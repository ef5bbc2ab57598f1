package dev.switchboard.runs;

/** A run event as other features observe it: with the principal whose run it is (null with authentication off). */
public record PublishedRunEvent(String owner, RunEvent event) {
}
