package dev.switchboard;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client that sends frames exactly as a hostile client would: one unfragmented frame of
 * any size, binary frames, or nothing read at all. The JDK client splits large messages into
 * fragments, which hides whether a server checks its limits on single frames.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** A received frame. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    /** Opens {@code ws://127.0.0.1:port/path} with a plain HTTP/1.1 upgrade; fails unless the answer is 101. */
    public static RawWebSocket open(URI uri, Duration readTimeout) throws IOException {
        return open(uri, readTimeout, 0);
    }

    /**
     * As {@link #open(URI, Duration)}, with a receive buffer of about {@code receiveBufferBytes} (0 = the
     * system's): a small one fills, and so stops the server's writes, soon after the client stops reading.
     */
    public static RawWebSocket open(URI uri, Duration readTimeout, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes); // before connecting: it sets the window offered
        }
        socket.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 5_000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        RawWebSocket ws = new RawWebSocket(socket);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        String head = ws.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("Upgrade refused: " + head.lines().findFirst().orElse(head));
        }
        return ws;
    }

    private String readHead() throws IOException {
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
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Sends the whole text as one frame (FIN set, no fragments). */
    public void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one masked frame with the given opcode, as clients must. */
    public synchronized void send(int opcode, byte[] payload) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(14);
        header.put((byte) (0x80 | opcode));
        if (payload.length < 126) {
            header.put((byte) (0x80 | payload.length));
        } else if (payload.length < 65_536) {
            header.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            header.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        header.put(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(header.array(), 0, header.position());
        out.write(masked);
        out.flush();
    }

    /**
     * Announces one 64 MB text frame, sends only its first 2 MiB (more than any endpoint's limit, and than
     * Tyrus' 1088 KiB read buffer) and returns the server's close frame: a server that waited for (and held)
     * the whole frame before refusing it would never answer, and the read times out.
     */
    public static Frame closeBeforeAHugeFrameEnds(URI uri, Duration wait) throws IOException, InterruptedException {
        try (RawWebSocket raw = open(uri, wait)) {
            Thread writer = new Thread(() -> {
                try {
                    Payload payload = raw.beginFrame(TEXT, 64L << 20);
                    byte[] chunk = "x".repeat(64 << 10).getBytes(StandardCharsets.US_ASCII);
                    for (int sent = 0; sent < 2 << 20; sent += chunk.length) {
                        payload.write(chunk);
                    }
                } catch (IOException closed) {
                    // the server may stop reading, or close, before it has taken all of it
                }
            });
            writer.setDaemon(true);
            writer.start();
            try {
                return raw.awaitClose();
            } finally {
                raw.close();
                writer.join(wait.toMillis());
            }
        }
    }

    /** Writes the payload of a frame begun with {@link #beginFrame}, masked, in pieces. */
    public final class Payload {
        private final byte[] mask;
        private long written;

        private Payload(byte[] mask) {
            this.mask = mask;
        }

        public void write(byte[] piece) throws IOException {
            byte[] masked = new byte[piece.length];
            for (int i = 0; i < piece.length; i++) {
                masked[i] = (byte) (piece[i] ^ mask[(int) ((written + i) & 3)]);
            }
            written += piece.length;
            out.write(masked);
            out.flush();
        }
    }

    /** Sends the header of one unfragmented frame of {@code length} bytes; its payload follows through the writer. */
    public Payload beginFrame(int opcode, long length) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(14);
        header.put((byte) (0x80 | opcode));
        header.put((byte) (0x80 | 127)).putLong(length);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        header.put(mask);
        out.write(header.array(), 0, header.position());
        return new Payload(mask);
    }

    /** The next frame from the server (server frames are not masked). */
    public Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("Frame too long: " + length);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    /** The next text frame, skipping pings and pongs. */
    public String readText() throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.opcode() == TEXT) {
                return frame.text();
            }
            if (frame.opcode() == CLOSE) {
                throw new IOException("Closed by the server: " + frame.closeCode() + " " + frame.closeReason());
            }
        }
    }

    /** Reads until the server's close frame and returns it (text frames before it are skipped). */
    public Frame awaitClose() throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.opcode() == CLOSE) {
                return frame;
            }
        }
    }

    public InputStream input() {
        return in;
    }

    /** Drops the connection at once with a TCP reset, as a client that vanishes does: no close frame, no FIN. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
