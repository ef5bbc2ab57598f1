package dev.switchboard.security;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket upgrade request with any headers, from any loopback source address, to 127.0.0.1; the
 * answer's status, headers and body. A 101 leaves the connection open until {@link Answer#close()}.
 */
final class HandshakeProbe {
    private HandshakeProbe() {
    }

    record Answer(int status, Map<String, String> headers, String body, Socket socket) implements AutoCloseable {
        boolean upgraded() {
            return status == 101;
        }

        /** Ends an upgraded connection with a close frame (1000), then the socket. */
        @Override
        public void close() throws IOException {
            if (socket.isClosed()) {
                return;
            }
            try {
                if (upgraded()) {
                    byte[] mask = new byte[4];
                    ThreadLocalRandom.current().nextBytes(mask);
                    byte[] payload = {0x03, (byte) 0xE8};
                    OutputStream out = socket.getOutputStream();
                    out.write(new byte[]{(byte) 0x88, (byte) 0x82, mask[0], mask[1], mask[2], mask[3],
                            (byte) (payload[0] ^ mask[0]), (byte) (payload[1] ^ mask[1])});
                    out.flush();
                }
            } finally {
                socket.close();
            }
        }
    }

    static Answer upgrade(URI uri, Map<String, String> headers) throws IOException {
        return upgrade(uri, headers, null);
    }

    /** @param source the loopback address to connect from (null: any) */
    static Answer upgrade(URI uri, Map<String, String> headers, InetAddress source) throws IOException {
        StringBuilder request = new StringBuilder("GET " + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key() + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        return send(uri.getPort(), request.toString(), source);
    }

    /** A fresh {@code Sec-WebSocket-Key}. */
    static String key() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** Sends exactly {@code request} (its head, ending with an empty line) to 127.0.0.1:{@code port}. */
    static Answer send(int port, String request, InetAddress source) throws IOException {
        Socket socket = new Socket();
        if (source != null) {
            socket.bind(new InetSocketAddress(source, 0));
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String[] head = readHead(in).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        Map<String, String> answerHeaders = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon > 0) {
                answerHeaders.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
            }
        }
        String body = "";
        if (status != 101) {
            body = new String(body(in, answerHeaders), StandardCharsets.UTF_8);
            socket.close();
        }
        return new Answer(status, answerHeaders, body, socket);
    }

    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
        String length = headers.get("content-length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length));
        }
        if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return in.readAllBytes();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int size;
        while ((size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) > 0) {
            body.write(in.readNBytes(size));
            readLine(in);
        }
        return body.toByteArray();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("Connection closed during the handshake");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII).trim();
    }
}
