package dev.switchboard.runs;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What this instance's runs share with other instances: nothing on a single server ({@link #NOTHING}),
 * the grid when clustering is on ({@link GridRuns}). {@link RunManager} asks it only about runs it does
 * not keep itself, and for the mirror of each run it starts.
 */
interface RunSharing {
    RunSharing NOTHING = new RunSharing() {
        @Override
        public RunMirror claim(RunKey key, String task) {
            return RunMirror.NONE;
        }

        @Override
        public boolean resume(RunsConnection connection, RunKey key, long afterSeq) {
            return false;
        }

        @Override
        public boolean cancel(RunKey key, String reason, Consumer<RunMessage.RunError> answer) {
            return false;
        }

        @Override
        public RunPage eventsAfter(RunKey key, long afterSeq, int max) {
            return null;
        }

        @Override
        public List<RunMessage.RunSummary> elsewhere(Predicate<String> ownerShown) {
            return List.of();
        }

        @Override
        public boolean watchedElsewhere(RunKey key) {
            return false;
        }

        @Override
        public void disconnected(RunsConnection connection) {
        }
    };

    /** Claims the key for a run starting here: the run's mirror, or null if a run anywhere has that key. */
    RunMirror claim(RunKey key, String task);

    /** Resumes a run another instance keeps (or says why not, to the connection); false if none does. */
    boolean resume(RunsConnection connection, RunKey key, long afterSeq);

    /**
     * Cancels a run another instance keeps; false if none does. Else {@code answer} is told once, maybe
     * later and on another thread: null if the run was cancelled (or its instance did not answer in
     * time and it has not ended), or the error.
     */
    boolean cancel(RunKey key, String reason, Consumer<RunMessage.RunError> answer);

    /** The kept events of a run another instance keeps, as {@link RunManager#eventsAfter}; null if none does. */
    RunPage eventsAfter(RunKey key, long afterSeq, int max);

    /** The runs other instances keep whose owner {@code ownerShown} accepts. */
    List<RunMessage.RunSummary> elsewhere(Predicate<String> ownerShown);

    /** Whether connections of other instances follow this run of this instance. */
    boolean watchedElsewhere(RunKey key);

    /** The connection closed: what it followed of other instances' runs stops. */
    void disconnected(RunsConnection connection);
}
