package dev.switchboard.security;

import java.security.Principal;
import java.util.Set;

/**
 * Who opened a connection: {@code jwt:<name>} (the token's caller name), {@code api-key:<n>} or
 * {@code game-key:<n>} (the key's position in its list, never the key), with the roles it has.
 */
public record Caller(String name, Set<String> roles) implements Principal {
    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String GAME = "game";

    public Caller {
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Whether this caller may act on what {@code owner} started: itself, or any with role admin. */
    public boolean mayControl(Caller owner) {
        return owner == null || name.equals(owner.name) || hasRole(ADMIN);
    }
}
