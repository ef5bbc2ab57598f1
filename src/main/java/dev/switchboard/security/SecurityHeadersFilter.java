package dev.switchboard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Browser hardening headers on every HTTP response of the application (the console page, its scripts and
 * styles, the diagnostics report); WebSocket upgrade requests are left to the handshake. The policy
 * allows only the page's own files: no inline script or style, no framing, WebSockets to the page's
 * own host and port only (CSP's {@code 'self'} covers {@code ws:} and {@code wss:} there).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true) // MCP's event streams (/mcp) are asynchronous
public class SecurityHeadersFilter extends HttpFilter {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getHeader("Upgrade") == null) {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("X-Frame-Options", "DENY");
        }
        chain.doFilter(request, response);
    }
}
