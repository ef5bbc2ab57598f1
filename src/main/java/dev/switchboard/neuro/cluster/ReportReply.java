package dev.switchboard.neuro.cluster;

import dev.switchboard.neuro.diagnostics.DiagnosticsReport;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** One instance's ({@code member}) answer to a {@link ReportRequest}, for {@code to}. */
@JsonbPropertyOrder({"to", "ticket", "member", "report"})
public record ReportReply(String to, String ticket, String member, DiagnosticsReport.Report report) {
}
