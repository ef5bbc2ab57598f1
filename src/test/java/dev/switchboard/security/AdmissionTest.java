package dev.switchboard.security;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The endpoints' configurator refuses what the gate did not admit for that very endpoint. */
class AdmissionTest {
    private final ConnectionLimits limits = new ConnectionLimits(0, 0);

    private Admission admissionOf(Caller caller) {
        return new Admission(caller, (ConnectionLimits.Slot) limits.reserve("127.0.0.1"));
    }

    @Test
    void aHandshakeThatReachesAnEndpointWithoutAnAdmissionIsRefused() {
        Map<String, Object> properties = new HashMap<>();
        HandshakeRefusal refusal = assertThrows(HandshakeRefusal.class, () -> Admission.attachTo(properties, "/ws"));
        assertEquals(403, refusal.refusal().status());
        assertEquals("not_admitted", refusal.refusal().code());
        assertEquals(Map.of(), properties);
    }

    @Test
    void theEndpointTheContainerChoseDecidesTheRole() {
        Caller bob = new Caller("jwt:bob", Set.of("user"));
        Admission.offer(admissionOf(bob));
        HandshakeRefusal refusal = assertThrows(HandshakeRefusal.class,
                () -> Admission.attachTo(new HashMap<>(), Gate.CONSOLE));
        assertEquals("forbidden", refusal.refusal().code());
        assertSame(bob, refusal.refusal().caller());
        assertNull(Admission.withdraw(), "the offer is taken either way");
    }

    @Test
    void aGameKeyIsRefusedAnywhereButTheGameEndpoints() {
        Caller game = new Caller("game-key:1", Set.of(Caller.GAME));
        for (String endpoint : new String[]{"/ws", "/runs", "/events", Gate.CONSOLE}) {
            Admission.offer(admissionOf(game));
            assertThrows(HandshakeRefusal.class, () -> Admission.attachTo(new HashMap<>(), endpoint), endpoint);
        }
        for (String endpoint : Gate.GAME_PATHS) {
            Admission.offer(admissionOf(game));
            Map<String, Object> properties = new HashMap<>();
            Admission.attachTo(properties, endpoint);
            assertEquals(1, properties.size(), endpoint);
        }
    }

    @Test
    void anAdmittedHandshakeIsHandedToItsConnection() {
        Admission admission = admissionOf(null);
        Admission.offer(admission);
        Map<String, Object> properties = new HashMap<>();
        Admission.attachTo(properties, Gate.CONSOLE);
        assertEquals(Map.of(Admission.class.getName(), admission), properties);
    }
}
