package dev.switchboard.neuro;

import jakarta.websocket.server.ServerEndpoint;

/**
 * The same API at the server root, so {@code NEURO_SDK_WS_URL=ws://localhost:8000} works unchanged
 * (a plain GET of {@code /} still gets the console page).
 */
@ServerEndpoint(value = "/", decoders = GameFrameDecoder.class, encoders = GameCommandEncoder.class)
public class NeuroRootEndpoint extends NeuroEndpoint {
}
