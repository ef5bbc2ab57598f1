package dev.switchboard.observability;

import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A server with the Metrics API but no registry to inject: a WARNING naming the bean, not a failed deployment. */
class ApplicationRegistryTest {

    @Test
    void anUnresolvableRegistryIsAWarningNamingTheBean() {
        List<LogRecord> logged = new ArrayList<>();
        Logger log = Logger.getLogger(ApplicationRegistry.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            assertEquals(Optional.empty(), ApplicationRegistry.of(registries(null), ApplicationRegistryTest.class));
        } finally {
            log.removeHandler(handler);
        }
        assertEquals(1, logged.size());
        assertEquals("WARNING", logged.get(0).getLevel().getName());
        assertEquals("ApplicationRegistryTest: no MicroProfile Metrics registry can be injected on this server (none); "
                + "its switchboard_* metrics are not registered (docs/portability.md)", logged.get(0).getMessage());
    }

    @Test
    void aResolvableRegistryIsUsed() {
        MetricRegistry registry = (MetricRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MetricRegistry.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        assertSame(registry, ApplicationRegistry.of(registries(registry), ApplicationRegistryTest.class).orElseThrow());
    }

    /** An {@code Instance} holding this registry, or none (unsatisfied) for {@code null}. */
    @SuppressWarnings("unchecked")
    static Instance<MetricRegistry> registries(MetricRegistry registry) {
        return (Instance<MetricRegistry>) Proxy.newProxyInstance(ApplicationRegistryTest.class.getClassLoader(),
                new Class<?>[] {Instance.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isResolvable" -> registry != null;
                    case "isUnsatisfied" -> registry == null;
                    case "isAmbiguous" -> false;
                    case "get" -> {
                        if (registry == null) {
                            throw new IllegalStateException("unsatisfied");
                        }
                        yield registry;
                    }
                    case "iterator" -> registry == null ? Collections.emptyIterator() : List.of(registry).iterator();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
