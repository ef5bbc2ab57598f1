package dev.switchboard.neuro.cluster;

import dev.switchboard.cluster.Grid;
import dev.switchboard.neuro.diagnostics.DiagnosticsReport;
import dev.switchboard.websocket.JsonSupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The diagnostics report of the whole cluster: the request goes to every instance on the requests
 * topic, each answers with its own report, and the asker waits (bounded) for the members there were
 * when it asked. Diagnostics stay where their game played; only reports cross the grid, on request.
 */
public final class ClusterDiagnostics {
    private static final Logger LOG = Logger.getLogger(ClusterDiagnostics.class.getName());
    static final String REQUESTS = "neuro.diagnostics.requests";
    static final String REPLIES = "neuro.diagnostics.replies";

    /** The reports of one request as they come in; complete when every member asked has answered. */
    private static final class Gathering {
        final List<String> asked;
        final Map<String, DiagnosticsReport.Report> reports = new ConcurrentHashMap<>();
        final CompletableFuture<Void> all = new CompletableFuture<>();

        Gathering(List<String> asked) {
            this.asked = asked;
        }

        void add(String member, DiagnosticsReport.Report report) {
            if (asked.contains(member)) {
                reports.put(member, report);
                if (reports.keySet().containsAll(asked)) {
                    all.complete(null);
                }
            }
        }
    }

    private final Grid grid;
    private final Function<String, DiagnosticsReport.Report> local;
    private final long timeoutMillis;
    private final Map<String, Gathering> gatherings = new ConcurrentHashMap<>();

    /** {@code local}: this instance's report of a game (null: every game). */
    public ClusterDiagnostics(Grid grid, Function<String, DiagnosticsReport.Report> local, long timeoutMillis) {
        this.grid = grid;
        this.local = local;
        this.timeoutMillis = timeoutMillis;
    }

    public void start() {
        grid.subscribe(REQUESTS, this::serve);
        grid.subscribe(REPLIES, this::answered);
    }

    /** Every instance's report; waits at most the timeout for the others (never under a lock). */
    public ClusterReport report(String game) {
        String ticket = UUID.randomUUID().toString();
        List<String> members = grid.memberIds();
        Gathering gathering = new Gathering(members);
        gatherings.put(ticket, gathering);
        try {
            gathering.add(grid.memberId(), local.apply(game));
            if (members.size() > 1) {
                grid.publish(REQUESTS, JsonSupport.JSONB.toJson(new ReportRequest(grid.memberId(), ticket, game)));
                gathering.all.get(timeoutMillis, TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException | ExecutionException notAll) {
            // reported below as unanswered
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // what came so far, the rest as unanswered
        } finally {
            gatherings.remove(ticket);
        }
        Map<String, DiagnosticsReport.Report> inOrder = new LinkedHashMap<>();
        List<String> unanswered = new ArrayList<>();
        for (String member : members) {
            DiagnosticsReport.Report report = gathering.reports.get(member);
            if (report == null) {
                unanswered.add(member);
            } else {
                inOrder.put(member, report);
            }
        }
        return ClusterReport.of(inOrder, unanswered);
    }

    private void serve(String json) {
        try {
            ReportRequest request = JsonSupport.JSONB.fromJson(json, ReportRequest.class);
            if (!request.from().equals(grid.memberId())) {
                grid.publish(REPLIES, JsonSupport.JSONB.toJson(new ReportReply(request.from(), request.ticket(),
                        grid.memberId(), local.apply(request.game()))));
            }
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "Ignored an unreadable Neuro diagnostics request from the grid", unreadable);
        }
    }

    private void answered(String json) {
        try {
            ReportReply reply = JsonSupport.JSONB.fromJson(json, ReportReply.class);
            Gathering gathering = reply.to().equals(grid.memberId()) ? gatherings.get(reply.ticket()) : null;
            if (gathering != null) {
                gathering.add(reply.member(), reply.report());
            }
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "Ignored an unreadable Neuro diagnostics report from the grid", unreadable);
        }
    }
}
