package dev.switchboard.neuro;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The console page for a plain GET of the context root, where games also connect ({@link NeuroRootEndpoint}).
 * Mapped to exactly the root ({@code ""}) rather than left to the welcome file: WildFly's Undertow
 * resolves {@code /} to the welcome file {@code /index.html} before its WebSocket filter matches the
 * path, so a game's handshake at the root got the page (200) instead of a 101. With this mapping the
 * path stays {@code /} and the handshake reaches the endpoint on every server.
 */
@WebServlet(urlPatterns = "")
public class RootPage extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.getRequestDispatcher("/index.html").forward(request, response);
    }
}
