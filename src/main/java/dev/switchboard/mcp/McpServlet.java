package dev.switchboard.mcp;

import dev.switchboard.security.Gate;
import dev.switchboard.security.HandshakeSecurity;
import jakarta.inject.Inject;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * MCP's front door at {@value #PATH} (Streamable HTTP), for both eras of the protocol on one endpoint, as
 * a dual-era server does. Every request passes the Origin and credential check first ({@link Gate#checkBearer}:
 * the WebSockets' allow-list and credentials, Bearer only). Then a POST with an {@code Mcp-Method} header,
 * which only 2026-07-28 clients send, goes to the stateless 2026-07-28 server ({@link ModernEra}); every
 * other request (an {@code initialize}, a session's POST, GET, DELETE) to the 2025 one ({@link LegacyEra})
 * through {@link LegacyDoor}. The SDK's two transports are servlets this one builds and initializes.
 */
@WebServlet(urlPatterns = McpServlet.PATH, asyncSupported = true, loadOnStartup = 1)
public class McpServlet extends HttpServlet {
    static final String PATH = "/mcp";
    /** A header only the 2026-07-28 revision has; its clients send it on every POST. */
    static final String METHOD_HEADER = "Mcp-Method";

    @Inject
    McpService mcp;

    @Inject
    HandshakeSecurity security;

    private transient LegacyEra legacy;
    private transient ModernEra modern;
    private transient LegacyDoor door;

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        var mapper = SdkTypes.jsonMapper();
        var validator = mcp.validator();
        legacy = new LegacyEra(mcp.tools(), mapper, validator, mcp.settings());
        modern = new ModernEra(mcp.tools(), mcp.pages(), mcp.scopes(), mapper, validator, mcp.settings());
        legacy.servlet().init(config);
        modern.servlet().init(config);
        door = new LegacyDoor(legacy.servlet(), mcp.sessions(), mcp.scopes(), mcp.pages(), mapper,
                mcp.settings().maxRequestBytes(), mcp.workers());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        Gate.Checked checked = security.gate().checkBearer(PATH, request.getHeader("Origin"), request.getScheme(),
                request.getHeader("Host"), authorization);
        if (!checked.allowed()) {
            McpResponses.refuse(response, checked.refusal(), authorization != null);
            return;
        }
        if (checked.caller() != null) {
            request.setAttribute(RequestContext.CALLER, checked.caller());
        }
        if ("POST".equals(request.getMethod()) && request.getHeader(METHOD_HEADER) != null) {
            modern.servlet().service(request, response);
        } else {
            door.serve(request, response, checked.caller());
        }
    }

    @Override
    public void destroy() {
        if (modern != null) {
            modern.servlet().destroy();
        }
        if (legacy != null) {
            legacy.close();
            legacy.servlet().destroy();
        }
        super.destroy();
    }
}
