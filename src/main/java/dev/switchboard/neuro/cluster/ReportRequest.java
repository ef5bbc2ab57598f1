package dev.switchboard.neuro.cluster;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** Asks every instance for its diagnostics report (of {@code game} only, if not null), for {@code from}. */
@JsonbPropertyOrder({"from", "ticket", "game"})
public record ReportRequest(String from, String ticket, @JsonbNillable String game) {
}
