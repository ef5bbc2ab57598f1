package dev.switchboard.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every numeric and enumerated setting is checked before the application starts. */
class SettingsTest {
    private static List<String> problems(Map<String, String> configured) {
        return Settings.problems(name -> Optional.ofNullable(configured.get(name)));
    }

    @Test
    void nothingConfiguredIsFine() {
        assertEquals(List.of(), problems(Map.of()));
    }

    @Test
    void theDefaultsOfTheReadmeAndTheTestServersPass() {
        assertEquals(List.of(), problems(Map.of("switchboard.outbox.capacity", "1024",
                "switchboard.websocket.messages-per-second", "0", "switchboard.bus.chat-per-second", "100000",
                "switchboard.websocket.idle-sweep-ms", "100", "switchboard.connections.max-total", "0",
                "switchboard.agent.provider", "OpenAI", "switchboard.bus.enabled", "false")));
    }

    @Test
    void anOutboxOfOneIsRefusedNamingThePropertyTheValueAndWhatIsAllowed() {
        assertEquals(List.of("switchboard.outbox.capacity=1: from 2 to 2147483647 (a bus event needs room for half of it) is allowed"),
                problems(Map.of("switchboard.outbox.capacity", "1")));
    }

    @Test
    void everyBadValueIsNamedInOneMessage() {
        List<String> problems = problems(Map.of("switchboard.runs.max-live", "lots", "switchboard.bus.chat-per-second", "-1",
                "switchboard.neuro.decider", "coin", "switchboard.bus.enabled", "yes", "switchboard.calls.max-batch", "0"));
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.contains("switchboard.runs.max-live=lots: a whole number from 1 to 2147483647 is allowed"), problems.toString());
        assertTrue(problems.contains("switchboard.neuro.decider=coin: one of random, operator, agent is allowed"), problems.toString());
        assertTrue(problems.contains("switchboard.bus.enabled=yes: one of true, false is allowed"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("switchboard.bus.chat-per-second=-1: a number of at least")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("switchboard.calls.max-batch=0: from 1")), problems.toString());
    }

    @Test
    void everyRuleNamesADistinctSwitchboardSetting() {
        List<String> names = Settings.RULES.stream().map(SettingRule::name).toList();
        assertEquals(names.size(), names.stream().distinct().count());
        assertTrue(names.stream().allMatch(n -> n.startsWith("switchboard.")));
    }
}
