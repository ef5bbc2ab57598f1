package dev.switchboard.runs;

import dev.switchboard.websocket.JsonbTextEncoder;

public class RunsEncoder extends JsonbTextEncoder<RunMessage> {
}
