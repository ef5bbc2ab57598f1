package dev.switchboard.security;

import jakarta.websocket.Session;

import java.util.Map;

/**
 * What an accepted handshake hands to its connection: who it is (null with authentication off) and
 * its connection slot. The filter offers it on the request's thread; the endpoint's configurator takes
 * it on that same thread (the container calls {@code modifyHandshake} inside the filter chain) into the
 * connection's own user properties, and the connection gives the slot back when it closes.
 * <p>
 * The configurator is where the container has decided to upgrade, and to which endpoint: a handshake
 * that gets there without an admission, or with a caller the endpoint does not allow (whatever spelling
 * of the path or of the headers the filter saw), is refused there ({@link HandshakeRefusal}).
 */
public record Admission(Caller caller, ConnectionLimits.Slot slot) {
    private static final String KEY = Admission.class.getName();
    private static final ThreadLocal<Admission> OFFERED = new ThreadLocal<>();

    static void offer(Admission admission) {
        OFFERED.set(admission);
    }

    /** The offer nobody took (the handshake did not get as far as the configurator), cleared. */
    static Admission withdraw() {
        Admission left = OFFERED.get();
        OFFERED.remove();
        return left;
    }

    /**
     * Called by the endpoints' configurator while answering the handshake for the endpoint at
     * {@code endpointPath} (its declared path, the one the container routed to).
     *
     * @throws HandshakeRefusal when the handshake was not admitted, or not for this endpoint
     */
    public static void attachTo(Map<String, Object> connectionProperties, String endpointPath) {
        Admission admission = withdraw();
        if (admission == null) {
            throw new HandshakeRefusal(new Gate.Refused(403, Gate.Reason.AUTH, "not_admitted",
                    "This handshake was not checked by the server's gate", null));
        }
        Caller caller = admission.caller();
        String missing = caller == null ? null : Gate.missingPermission(caller, endpointPath);
        if (missing != null) {
            throw new HandshakeRefusal(new Gate.Refused(403, Gate.Reason.AUTH, "forbidden", missing, caller));
        }
        admission.slot().handedOver(System.nanoTime());
        connectionProperties.put(KEY, admission);
    }

    /** Called when the connection opens (every endpoint opens its outbox): from now on its close gives the slot back. */
    public static void opened(Session session) {
        Admission admission = (Admission) session.getUserProperties().get(KEY);
        if (admission != null) {
            admission.slot().opened();
        }
    }

    /** The connection's caller; null when authentication is off. */
    public static Caller caller(Session session) {
        Admission admission = (Admission) session.getUserProperties().get(KEY);
        return admission == null ? null : admission.caller();
    }

    /** For the connection's log lines: {@code remote=… principal=…} ("-" for what is not known). */
    public static String describe(Session session) {
        Admission admission = (Admission) session.getUserProperties().get(KEY);
        String remote = admission == null ? "-" : admission.slot().address();
        String principal = admission == null || admission.caller() == null ? "-" : admission.caller().getName();
        return "remote=" + remote + " principal=" + principal;
    }

    /** Gives the connection's slot back (when it closes); calling it again does nothing. */
    public static void release(Session session) {
        Admission admission = (Admission) session.getUserProperties().get(KEY);
        if (admission != null) {
            admission.slot().release();
        }
    }
}
