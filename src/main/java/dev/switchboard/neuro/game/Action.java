package dev.switchboard.neuro.game;

import jakarta.json.JsonValue;

/** A registered action; {@code schema} is null when it takes no parameters. */
public record Action(String name, String description, JsonValue schema) {
}
