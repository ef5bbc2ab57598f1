package dev.switchboard.runs;

/**
 * The last {@code limit} events of a run, and its terminal event, kept as their JSON text (compact, and
 * encoded once for every watcher and replay), addressed by {@code seq}. The terminal event never
 * pushes another out, so a replay that is just keeping up is never cut off by the run's end.
 * Not thread-safe: the run's lock guards it.
 */
final class EventLog {
    /** What one kept event costs beyond its text: the String, its array and the slot, roughly. */
    static final int EVENT_OVERHEAD_BYTES = 64;

    private final int limit;
    private String[] ring;
    private int head;
    private int size;
    private long firstSeq;
    private long textBytes;

    EventLog(int limit) {
        this.limit = Math.max(1, limit);
        this.ring = new String[Math.min(this.limit + 1, 16)];
    }

    /** Appends the event with seq {@link #nextSeq()}, dropping the oldest if full. */
    void add(String text) {
        if (isFull()) {
            textBytes -= textBytes(ring[head]);
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
            firstSeq++;
        }
        addLast(text);
    }

    /** Appends the terminal event with seq {@link #nextSeq()}, dropping nothing. */
    void addLast(String text) {
        if (size == ring.length) {
            resize(Math.max(size + 1, Math.min(limit + 1, ring.length * 2)));
        }
        ring[(head + size) % ring.length] = text;
        size++;
        textBytes += textBytes(text);
    }

    /** The event with this seq, or null if it is not kept (dropped, or not written yet). */
    String get(long seq) {
        if (seq < firstSeq || seq >= nextSeq()) {
            return null;
        }
        return ring[(int) ((head + (seq - firstSeq)) % ring.length)];
    }

    /** The seq of the oldest kept event (the next one's if none is kept). */
    long firstSeq() {
        return firstSeq;
    }

    long nextSeq() {
        return firstSeq + size;
    }

    /** True if the next {@link #add} drops an event. */
    boolean isFull() {
        return size >= limit;
    }

    /** Roughly the heap the kept events take. */
    long bytes() {
        return textBytes + (long) size * EVENT_OVERHEAD_BYTES;
    }

    /** A String takes one byte a character, or two if any of its characters is beyond Latin-1. */
    static long textBytes(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return 2L * text.length();
            }
        }
        return text.length();
    }

    /** Frees the unused slots: for a log that no longer grows. */
    void trim() {
        if (ring.length > size) {
            resize(Math.max(1, size));
        }
    }

    private void resize(int length) {
        String[] resized = new String[length];
        for (int i = 0; i < size; i++) {
            resized[i] = ring[(head + i) % ring.length];
        }
        ring = resized;
        head = 0;
    }
}
