package dev.switchboard;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/** Reads an HTTP response head from a raw socket, for tests that write requests byte by byte. */
public final class HttpHead {
    private HttpHead() {
    }

    /** The next response's head, status line to the empty line; fails if the socket closes first. */
    public static String read(Socket socket, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("closed after '" + head + "'");
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
