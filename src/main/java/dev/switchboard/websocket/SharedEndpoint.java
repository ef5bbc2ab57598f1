package dev.switchboard.websocket;

import dev.switchboard.security.Admission;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves every connection of an endpoint with one instance, injected once. The endpoints keep their
 * per-connection state in the session, never in fields, so one instance is enough; without this,
 * Tyrus' CDI integration builds a new injection target (annotated type, reflection, injection points)
 * for every connection it opens, measured at over 1 KB of heap per open connection and a visible share
 * of the CPU of a handshake. Endpoints using it are {@code @Dependent} beans.
 * <p>
 * It also gives each connection what the handshake filter admitted it with (its caller and connection
 * slot, {@link Admission}), in the connection's own user properties.
 */
public class SharedEndpoint extends ServerEndpointConfig.Configurator {
    private static final Map<Class<?>, Object> INSTANCES = new ConcurrentHashMap<>();

    @Override
    public <T> T getEndpointInstance(Class<T> endpoint) {
        return endpoint.cast(INSTANCES.computeIfAbsent(endpoint, SharedEndpoint::create));
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Admission.attachTo(config.getUserProperties(), config.getPath());
    }

    /** The bean of exactly this class (an endpoint subclassing another is a bean of both types). */
    private static Object create(Class<?> type) {
        BeanManager beans = CDI.current().getBeanManager();
        Bean<?> bean = beans.getBeans(type).stream().filter(b -> b.getBeanClass() == type).findFirst()
                .orElseThrow(() -> new IllegalStateException(type.getName() + " is not a bean"));
        return beans.getReference(bean, type, beans.createCreationalContext(bean));
    }
}
