package dev.switchboard.mcp;

import dev.switchboard.security.Caller;
import io.modelcontextprotocol.common.McpTransportContext;
import jakarta.servlet.http.HttpServletRequest;

import java.util.HashMap;
import java.util.Map;

/**
 * What the front door learned of a request and the tools need: who sent it and from where, and, for a
 * {@code tools/call} of a 2025 session, the key its {@code notifications/cancelled} names it by. The front
 * door puts them in request attributes; the SDK's transports copy them into the transport context the
 * tool handlers read ({@link #extract}).
 */
final class RequestContext {
    static final String CALLER = "dev.switchboard.mcp.caller";
    static final String REMOTE = "dev.switchboard.mcp.remote";
    static final String CALL_KEY = "dev.switchboard.mcp.callKey";

    private RequestContext() {
    }

    /** The SDK transports' context extractor. */
    static McpTransportContext extract(HttpServletRequest request) {
        Map<String, Object> values = new HashMap<>();
        for (String name : new String[] {CALLER, CALL_KEY}) {
            Object value = request.getAttribute(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        values.put(REMOTE, request.getRemoteAddr());
        return McpTransportContext.create(values);
    }

    static Caller caller(McpTransportContext context) {
        return (Caller) context.get(CALLER);
    }

    /** The scope of a stateless (2026-07-28) client: its principal, or its address with authentication off. */
    static String clientScope(McpTransportContext context) {
        Caller caller = caller(context);
        return CallScopes.client(caller != null ? caller.getName() : String.valueOf(context.get(REMOTE)));
    }
}
