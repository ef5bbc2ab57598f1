package dev.switchboard.neuro.game;

import dev.switchboard.websocket.JsonbTextEncoder;

public class GameCommandEncoder extends JsonbTextEncoder<GameCommand> {
}
