package dev.switchboard.bus;

import dev.switchboard.websocket.SharedEndpoint;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * An {@code /events} client's subscription starts when the server accepts its handshake, not when its
 * {@code @OnOpen} runs: the container answers 101 first and opens the session afterwards, and a
 * client that has its 101 may already expect every later event. The bus's next offset is noted here
 * (the user properties are the connection's own) and the open replays from it.
 */
public class SubscribeAtHandshake extends SharedEndpoint {
    static final String MARK = "switchboard.events.subscribed-from";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        config.getUserProperties().put(MARK, CDI.current().select(EventBus.class).get().mark());
    }
}
