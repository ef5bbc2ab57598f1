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
}
