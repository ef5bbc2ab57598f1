package dev.switchboard.security;

import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies JWTs with Payara's own MicroProfile JWT implementation, the identity store that its
 * {@code MP-JWT} authentication uses, so every standard {@code mp.jwt.verify.*} setting (public key
 * or its location, PEM or JWKS, issuer, audiences, token age, clock skew) means what it means there.
 * That authentication itself is not switched on ({@code @LoginConfig}): it would run on every request
 * and read only the {@code Authorization} header, so neither API keys in that header nor
 * {@code access_token} in the URL could work. Its two classes are Payara's, found by name; only the
 * standard Jakarta Security types are used in between. It leaves out {@code nbf}: {@link NotBefore} checks it.
 */
final class PayaraJwt implements JwtVerifier {
    static final String STORE = "fish.payara.microprofile.jwtauth.eesecurity.SignedJWTIdentityStore";
    static final String CREDENTIAL = "fish.payara.microprofile.jwtauth.eesecurity.SignedJWTCredential";

    private final IdentityStore store;
    private final Constructor<?> credential;
    private final NotBefore notBefore;

    private PayaraJwt(IdentityStore store, Constructor<?> credential, NotBefore notBefore) {
        this.store = store;
        this.credential = credential;
        this.notBefore = notBefore;
    }

    /** Whether this server is Payara, with the MicroProfile JWT classes this verifier uses. */
    static boolean available() {
        try {
            Class.forName(STORE, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The verifier for the current MicroProfile Config (which must name an issuer and a public key). */
    static PayaraJwt fromConfig() {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Constructor<?> credential = Class.forName(CREDENTIAL, true, loader).getConstructor(String.class);
            IdentityStore store = (IdentityStore) Class.forName(STORE, true, loader).getConstructor().newInstance();
            return new PayaraJwt(store, credential, NotBefore.fromConfig());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("JWT verification cannot start (check mp.jwt.verify.issuer and "
                    + "mp.jwt.verify.publickey or mp.jwt.verify.publickey.location): " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Payara's MicroProfile JWT implementation is not available: " + e, e);
        }
    }

    @Override
    public Optional<Caller> verify(String token) {
        CredentialValidationResult result;
        try {
            result = store.validate((Credential) credential.newInstance(token));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Payara's JWT credential could not be made", e);
        }
        if (result.getStatus() != CredentialValidationResult.Status.VALID || result.getCallerPrincipal() == null
                || !notBefore.allows(result.getCallerPrincipal(), Instant.now())) {
            return Optional.empty();
        }
        Set<String> groups = result.getCallerGroups() == null ? Set.of() : result.getCallerGroups();
        return Optional.of(new Caller("jwt:" + result.getCallerPrincipal().getName(), groups));
    }
}
