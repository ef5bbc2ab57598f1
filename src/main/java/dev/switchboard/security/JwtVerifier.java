package dev.switchboard.security;

import java.util.Optional;

/** Checks a JWT presented at the handshake. */
interface JwtVerifier {
    /** Refuses every token: JWTs are configured, but this server has no implementation to verify them with. */
    JwtVerifier UNAVAILABLE = token -> Optional.empty();

    /** The token's caller, with its {@code groups} as roles; empty when the token is not valid (bad, expired, wrong issuer…). */
    Optional<Caller> verify(String token);
}
