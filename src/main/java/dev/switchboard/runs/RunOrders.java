package dev.switchboard.runs;

import dev.switchboard.cluster.Grid;
import dev.switchboard.websocket.JsonSupport;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Orders between instances about runs, on two grid topics every member subscribes to: each member
 * executes the orders addressed to it ({@link RunsHere}) and takes the answers addressed to it. A cancel
 * waits for its answer at most {@code timeoutMillis}; then its future completes with {@link #NO_ANSWER}.
 */
final class RunOrders {
    static final String ORDERS = "switchboard-run-orders";
    static final String ANSWERS = "switchboard-run-answers";
    /** What a cancel completes with when the owner did not answer in time. */
    static final RunOrderAnswer NO_ANSWER = new RunOrderAnswer(null, null, null, null);

    private final Grid grid;
    private final RunsHere here;
    private final RemoteWatchers watchers;
    private final ScheduledExecutorService timers;
    private final long timeoutMillis;
    private final Map<String, CompletableFuture<RunOrderAnswer>> pending = new ConcurrentHashMap<>();

    RunOrders(Grid grid, RunsHere here, RemoteWatchers watchers, ScheduledExecutorService timers, long timeoutMillis) {
        this.grid = grid;
        this.here = here;
        this.watchers = watchers;
        this.timers = timers;
        this.timeoutMillis = timeoutMillis;
        grid.subscribe(ORDERS, this::received);
        grid.subscribe(ANSWERS, this::answered);
    }

    /** Asks {@code member} to cancel the run; completes with its answer, or {@link #NO_ANSWER}. */
    CompletableFuture<RunOrderAnswer> cancel(String member, RunKey key, String reason) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<RunOrderAnswer> answer = new CompletableFuture<>();
        pending.put(requestId, answer);
        answer.whenComplete((a, e) -> pending.remove(requestId));
        try {
            timers.schedule(() -> answer.complete(NO_ANSWER), timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            answer.complete(NO_ANSWER);
            return answer;
        }
        send(RunOrder.CANCEL, requestId, member, key, reason);
        return answer;
    }

    void watch(String member, RunKey key) {
        send(RunOrder.WATCH, null, member, key, null);
    }

    void unwatch(String member, RunKey key) {
        send(RunOrder.UNWATCH, null, member, key, null);
    }

    private void send(String kind, String requestId, String member, RunKey key, String reason) {
        grid.publish(ORDERS, JsonSupport.JSONB.toJson(new RunOrder(kind, requestId, grid.memberId(), member,
                key.owner(), key.runId(), reason)));
    }

    private void received(String json) {
        RunOrder order = JsonSupport.JSONB.fromJson(json, RunOrder.class);
        if (!grid.memberId().equals(order.to())) {
            return;
        }
        switch (order.kind()) {
            case RunOrder.CANCEL -> {
                RunMessage.RunError refused = here.cancel().apply(order.key(), order.reason());
                grid.publish(ANSWERS, JsonSupport.JSONB.toJson(new RunOrderAnswer(order.requestId(), order.from(),
                        refused == null ? null : refused.code(), refused == null ? null : refused.message())));
            }
            case RunOrder.WATCH -> watchers.add(order.key(), order.from());
            case RunOrder.UNWATCH -> {
                watchers.remove(order.key(), order.from());
                here.remoteWatchEnded().accept(order.key());
            }
            default -> {
            }
        }
    }

    private void answered(String json) {
        RunOrderAnswer answer = JsonSupport.JSONB.fromJson(json, RunOrderAnswer.class);
        if (grid.memberId().equals(answer.to())) {
            CompletableFuture<RunOrderAnswer> waiting = pending.get(answer.requestId());
            if (waiting != null) {
                waiting.complete(answer);
            }
        }
    }
}
