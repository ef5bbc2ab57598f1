package dev.switchboard.mcp;

import dev.switchboard.security.Gate;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.ErrorReplies;
import dev.switchboard.calls.ErrorCode;
import dev.switchboard.rpc.RpcErrors;
import dev.switchboard.websocket.JsonSupport;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The answers the front door gives itself: refusals (Origin, credential, size, unknown session) and the
 * pages of tools of the 2025 revisions. Refusals of the HTTP request are the shape of the WebSocket gate's,
 * {@code {"error": …, "code": …}}; one that names a request of a session is a JSON-RPC error, as the SDK's.
 */
final class McpResponses {
    private McpResponses() {
    }

    /**
     * 401 (with {@code WWW-Authenticate}), 403 or another status. {@code credentialGiven}: the request had a
     * credential, which was refused ({@code error="invalid_token"}, RFC 6750).
     */
    static void refuse(HttpServletResponse response, Gate.Refused refusal, boolean credentialGiven) throws IOException {
        if (refusal.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\""
                    + (credentialGiven ? ", error=\"invalid_token\"" : ""));
        }
        error(response, refusal.status(), refusal.code(), refusal.message());
    }

    static void sessionNotFound(HttpServletResponse response) throws IOException {
        error(response, HttpServletResponse.SC_NOT_FOUND, "session_not_found",
                "No such session (it ended, or was never opened for this principal): initialize a new one");
    }

    static void tooLarge(HttpServletResponse response, int maxBytes) throws IOException {
        error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "too_large",
                "The request body is over " + maxBytes + " bytes (switchboard.calls.max-message-bytes)");
    }

    /**
     * 400 with the JSON-RPC error for a body that is no JSON-RPC message: -32700 when it is not JSON at all,
     * -32600 when it is JSON of another shape (a batch too: the 2025 revisions have none). {@code id} null.
     */
    static void unreadable(HttpServletResponse response, String body) throws IOException {
        boolean json;
        try {
            JsonSupport.readTree(body);
            json = true;
        } catch (JsonException notJson) {
            json = false;
        }
        ErrorCode code = json ? ErrorCode.INVALID_REQUEST : ErrorCode.INVALID_JSON;
        ErrorReplies.count(EndpointName.MCP, code.wireName());
        JsonObject error = Json.createObjectBuilder()
                .add("jsonrpc", "2.0")
                .addNull("id")
                .add("error", Json.createObjectBuilder()
                        .add("code", RpcErrors.code(code))
                        .add("message", json ? "Invalid request: not a JSON-RPC request, notification or response"
                                : "Parse error: the body is not JSON"))
                .build();
        json(response, HttpServletResponse.SC_BAD_REQUEST, error.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        ErrorReplies.count(EndpointName.MCP, code);
        JsonObject body = Json.createObjectBuilder().add("error", message).add("code", code).build();
        json(response, status, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void json(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
