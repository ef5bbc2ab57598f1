package dev.switchboard.neuro.decide;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeciderChoiceTest {
    private static final Set<String> DECIDERS = Set.of("random", "operator", "agent");

    @Test
    void eachListedPriorityHasItsDeciderAndTheRestTheDefault() {
        DeciderChoice choice = DeciderChoice.parse("random", " low = random , critical=operator", DECIDERS);
        assertEquals(Map.of("low", "random", "critical", "operator"), choice.byPriority());
        assertEquals("operator", choice.forPriority("critical"));
        assertEquals("random", choice.forPriority("high"));
        assertEquals("random", choice.forPriority(null), "a force without a priority");
        assertEquals("agent", choice.withDefault("agent").forPriority("high"));
        assertEquals("operator", choice.withDefault("agent").forPriority("critical"));
    }

    @Test
    void aPriorityCanBeGivenItsOwnDeciderAndBackToTheDefault() {
        DeciderChoice choice = DeciderChoice.parse("random", "", DECIDERS).withPriority("high", "operator");
        assertEquals("operator", choice.forPriority("high"));
        assertEquals("random", choice.withPriority("high", DeciderChoice.DEFAULT).forPriority("high"));
    }

    @Test
    void unknownPrioritiesAndDecidersAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeciderChoice.parse("random", "urgent=operator", DECIDERS))
                .getMessage().contains("Unknown priority 'urgent'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeciderChoice.parse("random", "low=coin", DECIDERS))
                .getMessage().contains("Unknown decider 'coin' for priority low"));
        assertThrows(IllegalArgumentException.class, () -> DeciderChoice.parse("random", "low", DECIDERS));
    }
}
