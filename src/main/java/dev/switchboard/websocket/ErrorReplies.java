package dev.switchboard.websocket;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Structured error replies by endpoint and code, counted where each feature builds them (the static
 * factories of its reply types, which no CDI bean stands behind). Codes are the server's own
 * constants; still, an endpoint's first {@value #MAX_CODES} codes get their own count and any later
 * one counts as {@code other}, so the metric's tag set stays bounded whatever happens.
 */
public final class ErrorReplies {
    static final int MAX_CODES = 64;
    static final String OTHER = "other";

    private static final Map<EndpointName, Map<String, LongAdder>> COUNTS = new EnumMap<>(EndpointName.class);
    /** Told of each (endpoint, code) the first time it is counted: the metrics register a gauge for it. */
    private static volatile BiConsumer<EndpointName, String> onNewCode = (endpoint, code) -> { };

    static {
        for (EndpointName endpoint : EndpointName.values()) {
            COUNTS.put(endpoint, new ConcurrentHashMap<>());
        }
    }

    private ErrorReplies() {
    }

    /** One error reply with this code was built for a client of this endpoint. */
    public static void count(EndpointName endpoint, String code) {
        Map<String, LongAdder> counts = COUNTS.get(endpoint);
        String key = code == null ? OTHER : code;
        LongAdder count = counts.get(key);
        if (count == null) {
            if (counts.size() >= MAX_CODES) {
                key = OTHER;
            }
            LongAdder fresh = new LongAdder();
            count = counts.putIfAbsent(key, fresh);
            if (count == null) {
                count = fresh;
                onNewCode.accept(endpoint, key);
            }
        }
        count.increment();
    }

    /** Error replies of this endpoint with this code since start. */
    public static long countOf(EndpointName endpoint, String code) {
        LongAdder count = COUNTS.get(endpoint).get(code);
        return count == null ? 0 : count.sum();
    }

    /**
     * Calls {@code listener} for every (endpoint, code) counted so far and, from now on, for each new
     * one (a code counted while this runs may be reported twice).
     */
    public static void watch(BiConsumer<EndpointName, String> listener) {
        onNewCode = listener;
        COUNTS.forEach((endpoint, counts) -> counts.keySet().forEach(code -> listener.accept(endpoint, code)));
    }
}
