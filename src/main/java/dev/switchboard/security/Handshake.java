package dev.switchboard.security;

/**
 * What the gate looks at in a WebSocket upgrade request.
 *
 * @param path          the path within the application ({@code /ws}, {@code /neuro/console}, {@code /}…)
 * @param origin        the {@code Origin} header, or null
 * @param scheme        {@code http} or {@code https}
 * @param host          the {@code Host} header
 * @param remoteAddress the client's address
 * @param authorization the {@code Authorization} header, or null
 * @param accessToken   the {@code access_token} query parameter, or null
 */
public record Handshake(String path, String origin, String scheme, String host, String remoteAddress,
                        String authorization, String accessToken) {
}
