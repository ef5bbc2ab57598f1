package dev.switchboard.runs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLogTest {
    @Test
    void keepsTheLastEventsBySeqAcrossGrowthAndWrapAround() {
        EventLog log = new EventLog(40);
        for (int seq = 0; seq < 100; seq++) {
            log.add("e" + seq);
        }
        assertEquals(60, log.firstSeq());
        assertEquals(100, log.nextSeq());
        assertNull(log.get(59), "dropped");
        assertNull(log.get(100), "not written yet");
        for (int seq = 60; seq < 100; seq++) {
            assertEquals("e" + seq, log.get(seq));
        }
        assertTrue(log.isFull());
    }

    @Test
    void theTerminalEventPushesNoEventOut() {
        EventLog log = new EventLog(3);
        for (int seq = 0; seq < 5; seq++) {
            log.add("e" + seq);
        }
        log.addLast("end");
        assertEquals(2, log.firstSeq(), "e2, e3, e4 and the end are kept");
        assertEquals("e2", log.get(2));
        assertEquals("end", log.get(5));
    }

    @Test
    void bytesCountTheKeptTextAndAnOverheadPerEvent() {
        EventLog log = new EventLog(2);
        log.add("x".repeat(100));
        log.add("y".repeat(10));
        log.add("z".repeat(1));
        assertEquals(11 + 2 * EventLog.EVENT_OVERHEAD_BYTES, log.bytes(), "the dropped event no longer counts");
        log.trim();
        assertEquals("y".repeat(10), log.get(1));
        assertEquals("z", log.get(2));
    }

    @Test
    void textBeyondLatin1CountsTwoBytesACharacter() {
        EventLog log = new EventLog(10);
        log.add("{\"name\":\"caf\u00e9\"}");
        log.add("{\"name\":\"\u732b\"}");
        assertEquals(15 + 2 * 12 + 2 * EventLog.EVENT_OVERHEAD_BYTES, log.bytes(),
                "Java keeps a String with any character beyond Latin-1 as two bytes a character");
    }
}
