package dev.switchboard.runs;

import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/** Without a registry to inject, the runs metrics start without registering anything (and the runs work on). */
class RunMetricsWithoutRegistryTest {

    @Test
    @SuppressWarnings("unchecked")
    void startsWithoutARegistry() {
        RunMetrics metrics = new RunMetrics();
        metrics.runs = new RunManager();
        metrics.registries = (Instance<MetricRegistry>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Instance.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isResolvable", "isAmbiguous" -> false;
                    case "isUnsatisfied" -> true;
                    default -> throw new IllegalStateException("unsatisfied: " + method.getName());
                });
        assertDoesNotThrow(() -> metrics.register(new Object()));
    }
}
