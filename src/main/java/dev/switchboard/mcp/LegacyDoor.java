package dev.switchboard.mcp;

import dev.switchboard.security.Caller;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The requests of the 2025 revisions, on their way to the SDK ({@link LegacyEra}), which lacks a few
 * things Switchboard needs; this adds them, reading each POST body with the SDK's own JSON-RPC reader:
 * <ul>
 * <li>sessions bound to their principal ({@link LegacySessions}); any other session id is a 404;</li>
 * <li>{@code notifications/cancelled}, which the SDK ignores, cancels the call it names;</li>
 * <li>{@code tools/list} in pages (the SDK always lists every tool), answered here;</li>
 * <li>{@code initialize} asking for a revision Switchboard does not serve is answered with the latest one
 *     it does (the lifecycle's negotiation), where the SDK would accept 2025-03-26 too.</li>
 * </ul>
 * Everything else goes to the SDK as it came; a body the reader refuses is answered here with the
 * JSON-RPC error for it (the SDK would answer it with a 500).
 */
final class LegacyDoor {
    private static final Logger LOG = Logger.getLogger(LegacyDoor.class.getName());
    static final String SESSION_HEADER = "Mcp-Session-Id";
    /** The revisions served this way, latest first. */
    static final List<String> VERSIONS = List.of("2025-11-25", "2025-06-18");

    private final HttpServlet sdk;
    private final LegacySessions sessions;
    private final CallScopes scopes;
    private final ToolPages pages;
    private final McpJsonMapper mapper;
    private final int maxBytes;
    private final Executor offRequestThread;

    LegacyDoor(HttpServlet sdk, LegacySessions sessions, CallScopes scopes, ToolPages pages, McpJsonMapper mapper,
               int maxBytes, Executor offRequestThread) {
        this.offRequestThread = offRequestThread;
        this.sdk = sdk;
        this.sessions = sessions;
        this.scopes = scopes;
        this.pages = pages;
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    void serve(HttpServletRequest request, HttpServletResponse response, Caller caller) throws IOException, ServletException {
        String principal = caller == null ? null : caller.getName();
        String sessionId = request.getHeader(SESSION_HEADER);
        if (sessionId != null && sessions.access(sessionId, principal) != LegacySessions.Access.OWNER) {
            McpResponses.sessionNotFound(response);
            return;
        }
        switch (request.getMethod()) {
            case "POST" -> post(request, response, principal, sessionId);
            case "DELETE" -> endSession(request, sessionId);
            default -> sdk.service(request, response);
        }
    }

    /**
     * DELETE, handed to the SDK on a worker rather than on this request's thread. The SDK ends the session
     * by completing its open GET stream, and Payara wraps that completion in CDI request events on whichever
     * thread does it: inside this request's dispatch they would take over this request's CDI contexts (Weld
     * then warns of leaked contexts and guards), on a worker they find none to disturb.
     */
    private void endSession(HttpServletRequest request, String sessionId) {
        AsyncContext async = request.startAsync();
        Runnable end = () -> {
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            try {
                sdk.service(async.getRequest(), response);
                if (sessionId != null && response.getStatus() == HttpServletResponse.SC_OK) {
                    sessions.ended(sessionId);
                    scopes.end(CallScopes.session(sessionId));
                }
            } catch (IOException | ServletException | RuntimeException e) {
                LOG.log(Level.WARNING, "An MCP session could not be ended", e);
                response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            } finally {
                async.complete();
            }
        };
        try {
            offRequestThread.execute(end);
        } catch (RejectedExecutionException noWorker) {
            end.run();
        }
    }

    private void post(HttpServletRequest request, HttpServletResponse response, String principal, String sessionId)
            throws IOException, ServletException {
        byte[] body = BufferedRequest.read(request, maxBytes);
        if (body == null) {
            McpResponses.tooLarge(response, maxBytes);
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, new String(body, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException unreadable) {
            McpResponses.unreadable(response, new String(body, StandardCharsets.UTF_8)); // the SDK would fail with a 500
            return;
        }
        if (message instanceof McpSchema.JSONRPCRequest call && call.method().equals("initialize")) {
            sdk.service(new BufferedRequest(request, initialize(call, body)), new SessionOpened(response, principal));
            return;
        }
        if (message instanceof McpSchema.JSONRPCRequest call && sessionId != null) {
            if (call.method().equals("tools/list")) {
                listTools(call, response);
                return;
            }
            if (call.method().equals("tools/call")) {
                request.setAttribute(RequestContext.CALL_KEY, callKey(call.id()));
            }
        } else if (message instanceof McpSchema.JSONRPCNotification notification && sessionId != null
                && notification.method().equals("notifications/cancelled")) {
            if (notification.params() instanceof Map<?, ?> params && params.get("requestId") != null) {
                scopes.cancel(CallScopes.session(sessionId), callKey(params.get("requestId")));
            }
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        sdk.service(new BufferedRequest(request, body), response);
    }

    /**
     * The body of an {@code initialize} as the SDK is to read it: one asking for a revision not served
     * here asks for the latest that is, which the SDK then answers, and the client decides whether it can
     * go on with it.
     */
    byte[] initialize(McpSchema.JSONRPCRequest request, byte[] body) throws IOException {
        if (!(request.params() instanceof Map<?, ?> params) || VERSIONS.contains(params.get("protocolVersion"))) {
            return body;
        }
        Map<Object, Object> served = new java.util.LinkedHashMap<>(params);
        served.put("protocolVersion", VERSIONS.get(0));
        return mapper.writeValueAsBytes(new McpSchema.JSONRPCRequest(request.jsonrpc(), request.method(), request.id(), served));
    }

    /** One page of tools, answered here: a plain JSON response, which every 2025 client accepts. */
    private void listTools(McpSchema.JSONRPCRequest request, HttpServletResponse response) throws IOException {
        Object cursor = request.params() instanceof Map<?, ?> params ? params.get("cursor") : null;
        McpSchema.JSONRPCResponse answer;
        try {
            if (cursor != null && !(cursor instanceof String)) {
                throw new ToolPages.InvalidCursor(String.valueOf(cursor));
            }
            ToolPages.Page page = pages.page((String) cursor);
            answer = McpSchema.JSONRPCResponse.result(request.id(), new McpSchema.ListToolsResult(
                    page.tools().stream().map(SdkTypes::legacyTool).toList(), page.nextCursor(), null));
        } catch (ToolPages.InvalidCursor e) {
            answer = McpSchema.JSONRPCResponse.error(request.id(),
                    new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INVALID_PARAMS, e.getMessage(), null));
        }
        McpResponses.json(response, HttpServletResponse.SC_OK, mapper.writeValueAsBytes(answer));
    }

    /**
     * The key a call is cancelled by: its JSON-RPC id, the same however a number is written
     * ({@code 7} and {@code 7.0}), and never equal between a string and a number.
     */
    static Object callKey(Object id) {
        if (id instanceof Number number) {
            return "n:" + new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return "s:" + id;
    }

    /** Notes the session the SDK opens, from the header it sets on its answer to {@code initialize}. */
    private final class SessionOpened extends HttpServletResponseWrapper {
        private final String principal;

        SessionOpened(HttpServletResponse response, String principal) {
            super(response);
            this.principal = principal;
        }

        @Override
        public void setHeader(String name, String value) {
            opened(name, value);
            super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            opened(name, value);
            super.addHeader(name, value);
        }

        private void opened(String name, String value) {
            if (SESSION_HEADER.equalsIgnoreCase(name) && value != null) {
                sessions.opened(value, principal);
            }
        }
    }
}
