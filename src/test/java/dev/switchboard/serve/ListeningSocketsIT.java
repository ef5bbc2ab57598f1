package dev.switchboard.serve;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Nothing of the server but the HTTP and HTTPS ports asked for listens beyond loopback: Payara Micro's
 * data grid (Hazelcast, port 6900 and up) included. The server is the test JVM's descendant (Arquillian
 * starts it) that listens on the HTTP port; its sockets are read from /proc, so this runs on Linux only.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ListeningSocketsIT {
    @ArquillianResource
    URL base;

    @Test
    void beyondItsHttpAndHttpsPortsTheServerListensOnLoopbackOnly() throws Exception {
        assumeTrue(ListeningSockets.readable(), "needs Linux's /proc/net/tcp");
        List<ProcessHandle> descendants = ProcessHandle.current().descendants().toList();
        ProcessHandle server = ListeningSockets.listeningOn(base.getPort(), descendants)
                .orElseThrow(() -> new AssertionError("no process started by this test JVM listens on " + base.getPort()));
        Set<Integer> asked = Stream.of(base.getPort(), Integer.getInteger("switchboard.it.tls-port"),
                        Integer.getInteger("switchboard.it.wildfly-https-port"))
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());

        List<ListeningSockets.Listener> listeners = ListeningSockets.of(server);
        assertTrue(listeners.stream().anyMatch(listener -> listener.port() == base.getPort()), listeners.toString());
        List<ListeningSockets.Listener> beyondLoopback = listeners.stream()
                .filter(listener -> !asked.contains(listener.port()))
                .filter(listener -> !listener.address().isLoopbackAddress())
                .toList();
        assertTrue(beyondLoopback.isEmpty(), "listening beyond loopback: " + beyondLoopback + " (all: " + listeners + ")");
    }
}
