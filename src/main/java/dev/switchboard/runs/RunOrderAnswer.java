package dev.switchboard.runs;

import jakarta.json.bind.annotation.JsonbProperty;

/** The answer to a {@code cancel} {@link RunOrder}, for member {@code to}: no code when the run was cancelled. */
public record RunOrderAnswer(@JsonbProperty("request_id") String requestId, String to, String code, String message) {
}
