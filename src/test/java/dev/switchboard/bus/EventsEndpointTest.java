package dev.switchboard.bus;

import dev.switchboard.websocket.FakeSession;
import jakarta.websocket.CloseReason;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code /events} with the bus switched off by configuration ({@code switchboard.bus.enabled=false}): the
 * connection is accepted and closed with 1013 at once. (The alternate-config server, which has
 * authentication on, runs with the bus on, so that its visibility rules are tested over the wire.)
 */
class EventsEndpointTest {
    EventsEndpointTest() {
        ConfigProviderResolver.setInstance(new NothingConfigured());
    }

    @AfterEach
    void forgetTheConfiguration() {
        ConfigProviderResolver.setInstance(null);
    }

    @Test
    void aDisabledBusAcceptsAndClosesWith1013() throws Exception {
        EventsEndpoint endpoint = new EventsEndpoint();
        endpoint.bus = new EventBus();
        endpoint.bus.enabled = false;
        FakeSession client = new FakeSession(String::valueOf);

        endpoint.open(client.session());

        CloseReason closed = client.awaitClose();
        assertEquals(1013, closed.getCloseCode().getCode());
        assertEquals("WebSocket not available", closed.getReasonPhrase());
    }

    /** MicroProfile Config without a container: every property unset, so every default applies. */
    private static final class NothingConfigured extends ConfigProviderResolver {
        private final Config empty = (Config) Proxy.newProxyInstance(Config.class.getClassLoader(),
                new Class<?>[]{Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getOptionalValue")) {
                        return Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        @Override
        public Config getConfig() {
            return empty;
        }

        @Override
        public Config getConfig(ClassLoader loader) {
            return empty;
        }

        @Override
        public ConfigBuilder getBuilder() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void registerConfig(Config config, ClassLoader classLoader) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void releaseConfig(Config config) {
        }
    }
}
