package dev.switchboard.observability;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.reflect.Field;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server without MicroProfile Metrics (WildFly): CDI reads every bean class's fields, and leaves out the
 * classes it cannot read. Only the metric beans may be left out, and the startup check must say so.
 */
class WithoutMicroProfileMetricsTest {

    @Test
    void onlyTheMetricBeansNeedTheMetricsApiAndTheStartupCheckSaysItIsMissing() throws Exception {
        try (URLClassLoader server = new URLClassLoader(classPathWithout("microprofile-metrics-api"),
                ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(Observability.METRICS_API, false, server),
                    "precondition: the metrics API is not visible");

            for (String bean : List.of("dev.switchboard.security.HandshakeSecurity",
                    "dev.switchboard.security.HandshakeFilter", "dev.switchboard.observability.Observability")) {
                readAsCdiDoes(server.loadClass(bean));
            }
            for (String metricBean : List.of("dev.switchboard.runs.RunMetrics", "dev.switchboard.security.HandshakeMetrics")) {
                Class<?> type = server.loadClass(metricBean);
                assertThrows(Throwable.class, () -> readAsCdiDoes(type), metricBean + " is left out, as documented");
            }

            List<String> missing = Observability.missing(server);
            assertEquals(1, missing.size(), missing.toString());
            assertTrue(missing.get(0).startsWith("MicroProfile Metrics is not available on this server"), missing.get(0));
        }
    }

    @Test
    void nothingIsReportedMissingWhereTheApisAreThere() {
        assertEquals(List.of(), Observability.missing(Observability.class.getClassLoader()));
    }

    @Test
    void bothApisAreReportedMissingWhereNeitherIsThere() throws Exception {
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            List<String> missing = Observability.missing(bare);
            assertEquals(2, missing.size(), missing.toString());
            assertTrue(missing.get(1).startsWith("MicroProfile Health is not available on this server: "
                    + "/health/ready and /health/live are not served"), missing.get(1));
        }
    }

    private static void readAsCdiDoes(Class<?> type) {
        for (Field field : type.getDeclaredFields()) {
            field.getGenericType();
        }
        type.getDeclaredMethods();
        type.getDeclaredConstructors();
    }

    private static URL[] classPathWithout(String jarName) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(path -> !new File(path).getName().startsWith(jarName)).map(path -> {
                    try {
                        return new File(path).toURI().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
    }
}
