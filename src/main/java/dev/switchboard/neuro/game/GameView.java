package dev.switchboard.neuro.game;

import dev.switchboard.neuro.diagnostics.DiagnosticCode;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * Everything the operator console shows of one game on one connection; no {@code pending_force} when
 * none. {@code game} is null for the connection's own view (frames whose game could not be read).
 */
@JsonbPropertyOrder({"connectionId", "game", "started", "actions", "pendingForce", "inFlight", "context", "warnings"})
public record GameView(@JsonbProperty("connection_id") String connectionId, String game, boolean started,
                       List<ActionView> actions,
                       @JsonbProperty("pending_force") ForceView pendingForce,
                       @JsonbProperty("in_flight") List<InFlightView> inFlight,
                       List<ContextView> context, List<WarningView> warnings) {

    @JsonbPropertyOrder({"name", "description", "schema"})
    public record ActionView(String name, String description, @JsonbNillable JsonObject schema) {
    }

    /** {@code since}: when the game asked (forces waiting for the operator are shown oldest first within a priority). */
    @JsonbPropertyOrder({"id", "query", "state", "priority", "ephemeralContext", "actionNames", "retries", "status", "since"})
    public record ForceView(String id, String query, String state, String priority,
                            @JsonbProperty("ephemeral_context") boolean ephemeralContext,
                            @JsonbProperty("action_names") List<String> actionNames, int retries, String status,
                            String since) {
    }

    @JsonbPropertyOrder({"id", "name", "data", "forced", "sentAt"})
    public record InFlightView(String id, String name, String data, boolean forced,
                               @JsonbProperty("sent_at") String sentAt) {
    }

    public record ContextView(String at, String message, boolean silent) {
    }

    /** A diagnostic; {@code at}, {@code message} and {@code frame} are as before diagnostics had codes. */
    @JsonbPropertyOrder({"at", "code", "severity", "codes", "message", "frame"})
    public record WarningView(String at, String code, String severity, List<String> codes, String message, String frame) {
    }

    public static GameView of(GameSession session) {
        GameSession.PendingForce force = session.pendingForce();
        return new GameView(session.connectionId(), session.shownGame(), session.started(),
                session.actions().stream().map(a -> new ActionView(a.name(), a.description(),
                        a.schema() != null && a.schema().getValueType() == JsonValue.ValueType.OBJECT
                                ? a.schema().asJsonObject() : null)).toList(),
                force == null ? null : new ForceView(force.id(), force.request().query(), force.request().state(),
                        force.request().priority(), force.request().ephemeralContext(), force.actionNames(),
                        force.retries(), force.status().name().toLowerCase(java.util.Locale.ROOT), force.since().toString()),
                session.inFlight().stream().map(f -> new InFlightView(f.id(), f.name(), f.data(), f.forceId() != null,
                        f.sentAt().toString())).toList(),
                session.contextLog().stream().map(c -> new ContextView(c.at().toString(), c.message(), c.silent())).toList(),
                session.warnings().stream().map(w -> new WarningView(w.at().toString(), w.code().code(), w.severity().label(),
                        w.codes().stream().map(DiagnosticCode::code).toList(), w.message(), w.frame())).toList());
    }
}
