package dev.switchboard.runs;

import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * What the cluster's runs ask of this instance's {@link RunManager}: {@code cancel} a run of this
 * instance (null if it did, else the error: {@code unknown_run}, {@code already_finished}), and, when a
 * connection elsewhere stopped following one ({@code remoteWatchEnded}), begin its grace if nobody watches it.
 */
record RunsHere(BiFunction<RunKey, String, RunMessage.RunError> cancel, Consumer<RunKey> remoteWatchEnded) {
}
