package dev.switchboard.serve;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** /proc/net/tcp's addresses. */
class ListeningSocketsTest {
    @Test
    void readsIpv4AndIpv6Addresses() throws Exception {
        assertEquals("127.0.0.1", ListeningSockets.address("0100007F").getHostAddress());
        assertEquals("0.0.0.0", ListeningSockets.address("00000000").getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", ListeningSockets.address("00000000000000000000000001000000").getHostAddress());
        assertEquals("0:0:0:0:0:0:0:0", ListeningSockets.address("00000000000000000000000000000000").getHostAddress());
        // ::ffff:127.0.0.1, an IPv4 socket on an IPv6 listener: the IPv4 loopback
        assertEquals("127.0.0.1", ListeningSockets.address("0000000000000000FFFF00000100007F").getHostAddress());
    }
}
