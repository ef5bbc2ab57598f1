package dev.switchboard.security;

import java.util.List;

/**
 * Upgrade requests spelled in the ways an HTTP parser may read differently from a plain string
 * comparison: each is a request head with {@code PATH}, {@code HOST}, {@code KEY} and {@code EXTRA}
 * (more header lines, each ending with CRLF) to fill in.
 */
record HandshakeSpellings(String name, String head) {
    static final List<HandshakeSpellings> ALL = List.of(
            spelled("tabs around the value", "Upgrade: \tWebSocket\t\r\nConnection: Upgrade\r\n"),
            spelled("upper case value", "Upgrade: WEBSOCKET\r\nConnection: Upgrade\r\n"),
            spelled("a list of protocols", "Upgrade: websocket, h2c\r\nConnection: Upgrade\r\n"),
            spelled("two Upgrade headers", "Upgrade: h2c\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"),
            spelled("folded onto a continuation line", "Upgrade:\r\n\tWebSocket\r\nConnection: Upgrade\r\n"),
            spelled("no Connection header", "Upgrade: websocket\r\n"),
            spelled("Connection as a list", "Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"),
            spelled("upper case header names", "UPGRADE: websocket\r\nCONNECTION: UPGRADE\r\n"),
            spelled("no Upgrade header", "Connection: Upgrade\r\n"));

    private static HandshakeSpellings spelled(String name, String upgradeLines) {
        return new HandshakeSpellings(name, "GET PATH HTTP/1.1\r\nHost: HOST\r\n" + upgradeLines
                + "Sec-WebSocket-Key: KEY\r\nSec-WebSocket-Version: 13\r\nEXTRA\r\n");
    }

    /** The request for {@code path} (with its query) on 127.0.0.1:{@code port}, with {@code extraLines}. */
    String request(String path, int port, String extraLines) {
        return head.replace("PATH", path).replace("HOST", "127.0.0.1:" + port)
                .replace("KEY", HandshakeProbe.key()).replace("EXTRA", extraLines);
    }
}
