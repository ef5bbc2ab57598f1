package dev.switchboard.neuro;

import dev.switchboard.security.Gate;
import dev.switchboard.security.Handshake;
import dev.switchboard.security.HandshakeSecurity;
import dev.switchboard.websocket.JsonSupport;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /neuro/diagnostics[?game=…]}: the diagnostics of every game seen since start, or of one, as
 * JSON (docs/neuro.md, "Neuro diagnostics"; with clustering on, every instance's, "Across instances"). With authentication on it asks what {@code /neuro/console} asks
 * (the Origin rule and role {@code operator}), through the same {@link Gate}; it takes no connection slot.
 */
@WebServlet("/neuro/diagnostics")
public class DiagnosticsServlet extends HttpServlet {
    @Inject
    NeuroDiagnostics diagnostics;

    @Inject
    HandshakeSecurity security;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Gate gate = security.gate();
        if (gate.authenticationOn()) {
            Gate.Decision decision = gate.admit(new Handshake(Gate.CONSOLE, request.getHeader("Origin"), request.getScheme(),
                    request.getHeader("Host"), request.getRemoteAddr(), request.getHeader("Authorization"),
                    request.getParameter("access_token")));
            if (decision instanceof Gate.Refused refused) {
                write(response, refused.status(), Json.createObjectBuilder().add("code", refused.code())
                        .add("message", refused.message()).build().toString());
                return;
            }
            ((Gate.Admitted) decision).admission().slot().release();
        }
        String game = request.getParameter("game");
        write(response, 200, JsonSupport.JSONB.toJson(diagnostics.report(game)));
    }

    private static void write(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
