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
import java.util.Collections;
import java.util.Locale;

/**
 * Every request that might be a WebSocket upgrade, on every path, passes the {@link Gate} before the
 * container sees it: a refusal is an HTTP answer (401, 403 or 503 with a JSON body) and no WebSocket
 * opens. Declared filters run before the container's own WebSocket filter ({@code isMatchAfter}).
 * <p>
 * Fails closed: a request is taken for a WebSocket upgrade when it carries any of the headers a
 * container upgrades on ({@code Sec-WebSocket-Key}, {@code Sec-WebSocket-Version}, or an {@code Upgrade}
 * header that mentions {@code websocket} in any spelling), not only when its {@code Upgrade} header reads
 * exactly {@code websocket}: containers trim, split lists and unfold before they compare. The path it checks is
 * the one the container routes on (decoded, without path parameters or dot segments), and the
 * endpoint's configurator checks the admission again against the endpoint the container chose
 * ({@link Admission#attachTo}); its refusal is answered here. Other requests (the page at {@code /},
 * {@code /health}, {@code /metrics}) pass untouched.
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
        if (!mayUpgrade(request)) {
            passOn(request, response, chain);
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
            passOn(request, response, chain);
        } finally {
            // Not taken by the endpoint's configurator, or taken but no upgrade: no connection will give it back.
            if (Admission.withdraw() != null || response.getStatus() != HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
                admission.slot().release();
            }
        }
    }

    private static boolean mayUpgrade(HttpServletRequest request) {
        if (request.getHeader("Sec-WebSocket-Key") != null || request.getHeader("Sec-WebSocket-Version") != null) {
            return true;
        }
        for (String upgrade : Collections.list(request.getHeaders("Upgrade"))) {
            if (upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
                return true;
            }
        }
        return false;
    }

    /** The rest of the chain; a refusal by an endpoint's configurator is answered here, before any 101. */
    private void passOn(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException | IOException e) {
            Gate.Refused refusal = HandshakeRefusal.in(e);
            if (refusal == null || response.isCommitted()) {
                throw e;
            }
            response.reset();
            security.refused(handshake(request), refusal);
            refuse(response, refusal);
        }
    }

    /** The path the container routes on: decoded, without path parameters, {@code /} for the context root. */
    private static Handshake handshake(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        String path = request.getServletPath() + (pathInfo == null ? "" : pathInfo);
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
