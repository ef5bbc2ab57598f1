package dev.switchboard.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class RunsDecoderTest {
    private final RunsDecoder decoder = new RunsDecoder();

    @Test
    void readsEveryCommandWhateverTheFieldOrder() throws Exception {
        RunCommand.StartRun start = assertInstanceOf(RunCommand.StartRun.class,
                decoder.decode("{\"input\":{\"steps\":2},\"run_id\":\"r1\",\"type\":\"start_run\",\"task\":\"demo\"}"));
        assertEquals("r1", start.runId());
        assertEquals(2, start.input().getInt("steps"));
        assertEquals(new RunCommand.CancelRun("r1", "why", null),
                decoder.decode("{\"type\":\"cancel_run\",\"run_id\":\"r1\",\"reason\":\"why\"}"));
        assertEquals(new RunCommand.Resume("r1", 7L, null), decoder.decode("{\"type\":\"resume\",\"run_id\":\"r1\",\"after_seq\":7}"));
        assertEquals(new RunCommand.Resume("r1", -1L, null), decoder.decode("{\"type\":\"resume\",\"run_id\":\"r1\"}"));
        assertEquals(new RunCommand.CancelRun("r1", null, "jwt:alice"),
                decoder.decode("{\"type\":\"cancel_run\",\"run_id\":\"r1\",\"owner\":\"jwt:alice\"}"));
        assertEquals(new RunCommand.Resume("r1", -1L, "jwt:alice"),
                decoder.decode("{\"type\":\"resume\",\"run_id\":\"r1\",\"owner\":\"jwt:alice\"}"));
        assertInstanceOf(RunCommand.ListRuns.class, decoder.decode("{\"type\":\"list_runs\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type":                                          | invalid_json    |
            {"type":"list_runs"} x                            | invalid_json    |
            {"type":"list_runs","type":"resume"}              | invalid_json    |
            7                                                 | invalid_request |
            {"run_id":"a"}                                    | invalid_request | a
            {"type":"fly","run_id":"a"}                       | invalid_request | a
            {"type":"start_run"}                              | invalid_request |
            {"type":"start_run","run_id":""}                  | invalid_request | ''
            {"type":"start_run","run_id":"a b"}               | invalid_request | a b
            {"type":"start_run","run_id":"a","input":[1]}     | invalid_request | a
            {"type":"start_run","run_id":"a","task":{}}       | invalid_request | a
            {"type":"cancel_run","run_id":5}                  | invalid_request |
            {"type":"resume","run_id":"a","after_seq":-2}     | invalid_request | a
            {"type":"resume","run_id":"a","after_seq":{}}     | invalid_request | a
            {"type":"resume","run_id":"a","owner":7}          | invalid_request | a
            {"type":"cancel_run","run_id":"a","owner":["x"]}  | invalid_request | a
            """)
    void turnsBadFramesIntoTheContractsCodes(String frame, String code, String runId) throws Exception {
        RunCommand.Invalid invalid = assertInstanceOf(RunCommand.Invalid.class, decoder.decode(frame));
        assertEquals(code, invalid.code());
        assertEquals(runId, invalid.runId());
    }
}
