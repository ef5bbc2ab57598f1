package dev.switchboard.runs;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * What the cluster's runs ask of this instance's {@link RunManager}: {@code cancel} a run of this
 * instance (null if it did, else the error: {@code unknown_run}, {@code already_finished}); when a
 * connection elsewhere stopped following one ({@code remoteWatchEnded}), begin its grace if nobody watches
 * it; and {@code mirror} an event written here for a run of another instance (a lost member's run's end)
 * to the other features, as the run's own events are.
 */
record RunsHere(BiFunction<RunKey, String, RunMessage.RunError> cancel, Consumer<RunKey> remoteWatchEnded,
                BiConsumer<String, RunEvent> mirror) {
}
