package dev.switchboard.agent;

import java.util.Objects;

/**
 * Which conversation a message belongs to: the chat's session as its client names it, within the
 * principal that sends it ({@code null} with authentication off, and for the server's own
 * conversations). Two principals naming the same session have two conversations.
 */
public record Conversation(String principal, String session) {
    public Conversation {
        Objects.requireNonNull(session, "session");
    }
}
