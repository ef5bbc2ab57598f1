package dev.switchboard.neuro;

import dev.switchboard.websocket.JsonbTextEncoder;

public class GameCommandEncoder extends JsonbTextEncoder<GameCommand> {
}
