package dev.switchboard.runs;

import java.util.Map;

/** What a running task may report. Each call throws InterruptedException once the run has ended. */
public interface RunContext {
    /** The principal whose run this is ({@code null} with authentication off). */
    String principal();

    /** A {@code step} event: {@code {"step":i,"of":n,"message":…}} plus {@code data}. */
    void step(int step, int of, String message, Map<String, Object> data) throws InterruptedException;

    /** An {@code output} event: partial output such as a text delta. */
    void output(Map<String, Object> payload) throws InterruptedException;
}
