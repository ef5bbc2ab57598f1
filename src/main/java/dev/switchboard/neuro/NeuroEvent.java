package dev.switchboard.neuro;

/** Activity on the Neuro game API, fired as a CDI event for other features (the bus) to observe. */
public record NeuroEvent(String connectionId, String game, String kind, String detail) {
}
