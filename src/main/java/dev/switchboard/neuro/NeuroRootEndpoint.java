package dev.switchboard.neuro;

import dev.switchboard.neuro.game.GameCommandEncoder;
import dev.switchboard.websocket.SharedEndpoint;
import jakarta.enterprise.context.Dependent;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The same API at the server root, so {@code NEURO_SDK_WS_URL=ws://localhost:8000} works unchanged
 * (a plain GET of {@code /} still gets the console page).
 */
@Dependent
@ServerEndpoint(value = "/", encoders = GameCommandEncoder.class,
        configurator = SharedEndpoint.class)
public class NeuroRootEndpoint extends NeuroEndpoint {
}
