package dev.switchboard.runs;

import dev.switchboard.websocket.Outbox;

import java.util.Map;

import static dev.switchboard.runs.RunMessage.payload;

/**
 * Reports a task's events, paced by its slowest client: it waits while a watcher's outbox is half
 * full, and while the next event would push out one a replay has yet to send.
 */
final class RunReporter implements RunContext {
    private final Run run;

    RunReporter(Run run) {
        this.run = run;
    }

    @Override
    public String principal() {
        return run.key().owner();
    }

    @Override
    public void step(int step, int of, String message, Map<String, Object> data) throws InterruptedException {
        Map<String, Object> payload = payload("step", step, "of", of, "message", message);
        payload.putAll(data);
        emit(RunEvent.STEP, payload);
    }

    @Override
    public void output(Map<String, Object> payload) throws InterruptedException {
        emit(RunEvent.OUTPUT, payload);
    }

    private void emit(String eventType, Map<String, Object> payload) throws InterruptedException {
        for (Outbox outbox : run.watcherOutboxes()) {
            Pacing.awaitRoom(outbox);
        }
        run.awaitReplays(Pacing.WAIT_MILLIS);
        if (!run.emit(eventType, payload)) {
            throw new InterruptedException("run ended");
        }
    }
}
