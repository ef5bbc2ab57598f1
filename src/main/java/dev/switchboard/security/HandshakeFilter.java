package dev.switchboard.security;

import dev.switchboard.lifecycle.Lifecycle;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Every WebSocket upgrade request, on every path, passes the {@link Gate} before Tyrus sees it: a
 * refusal is an HTTP answer (401, 403 or 503 with a JSON body) and no WebSocket opens. Other requests
 * (the page at {@code /}, {@code /health}, {@code /metrics}) pass untouched. Declared filters run before
 * Tyrus' own, which the container adds after them ({@code isMatchAfter}).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HandshakeFilter extends HttpFilter {
    @Inject
    HandshakeSecurity security;

    @Inject
    Lifecycle lifecycle;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            chain.doFilter(request, response);
            return;
        }
        Handshake handshake = handshake(request);
        Gate.Decision decision = lifecycle.isShuttingDown()
                ? new Gate.Refused(HttpServletResponse.SC_SERVICE_UNAVAILABLE, Gate.Reason.SHUTDOWN, "shutting_down",
                        "The server is shutting down", null)
                : security.gate().admit(handshake);
        if (decision instanceof Gate.Refused refusal) {
            security.refused(handshake, refusal);
            refuse(response, refusal);
            return;
        }
        Admission admission = ((Gate.Admitted) decision).admission();
        Admission.offer(admission);
        try {
            chain.doFilter(request, response);
        } finally {
            // Not taken by the endpoint's configurator, or taken but no upgrade: no connection will give it back.
            if (Admission.withdraw() != null || response.getStatus() != HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
                admission.slot().release();
            }
        }
    }

    private static Handshake handshake(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return new Handshake(path.isEmpty() ? "/" : path, request.getHeader("Origin"), request.getScheme(),
                request.getHeader("Host"), request.getRemoteAddr(), request.getHeader("Authorization"),
                request.getParameter("access_token"));
    }

    private static void refuse(HttpServletResponse response, Gate.Refused refusal) throws IOException {
        response.setStatus(refusal.status());
        if (refusal.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
        } else if (refusal.status() == HttpServletResponse.SC_SERVICE_UNAVAILABLE) {
            response.setHeader("Retry-After", "1");
        }
        byte[] body = Json.createObjectBuilder().add("error", refusal.message()).add("code", refusal.code())
                .build().toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
