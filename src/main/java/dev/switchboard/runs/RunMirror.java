package dev.switchboard.runs;

/**
 * Where a run's events go besides its watchers: nowhere on a single server ({@link #NONE}), the
 * grid when clustering is on ({@link GridRunMirror}), so that other instances can read the run.
 */
interface RunMirror {
    RunMirror NONE = new RunMirror() {
        @Override
        public void add(RunEvent event, String text) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void free() {
        }
    };

    /** Takes the event in {@code seq} order, under the run's lock: it only queues. */
    void add(RunEvent event, String text);

    /** Sends what was queued, outside the run's lock. */
    void flush();

    /** The run is freed here: its shared copy is freed too, after everything queued before. */
    void free();
}
