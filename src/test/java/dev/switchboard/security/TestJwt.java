package dev.switchboard.security;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * RS256 JWTs made in the test with the JDK alone, signed by a key pair whose public half the
 * alternate-config server trusts ({@code mp.jwt.verify.publickey}), or by a stranger's.
 */
public final class TestJwt {
    public static final String ISSUER = "https://issuer.switchboard.test";
    private static final KeyPair TRUSTED = generate();
    private static final KeyPair STRANGER = generate();

    private TestJwt() {
    }

    /** The trusted public key as {@code mp.jwt.verify.publickey} takes it (base64 of its X.509 form). */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(TRUSTED.getPublic().getEncoded());
    }

    public static String token(String subject, List<String> groups, Instant expires) {
        return sign(TRUSTED.getPrivate(), ISSUER, subject, groups, expires, null);
    }

    /** A trusted token, valid for an hour, that is not to be used before {@code notBefore} ({@code nbf}). */
    public static String notBefore(String subject, List<String> groups, Instant notBefore) {
        return sign(TRUSTED.getPrivate(), ISSUER, subject, groups, notBefore.plusSeconds(3600), notBefore);
    }

    public static String signedByStranger(String subject, List<String> groups) {
        return sign(STRANGER.getPrivate(), ISSUER, subject, groups, Instant.now().plusSeconds(600), null);
    }

    public static String fromOtherIssuer(String subject, List<String> groups) {
        return sign(TRUSTED.getPrivate(), "https://other.example", subject, groups, Instant.now().plusSeconds(600), null);
    }

    private static String sign(PrivateKey key, String issuer, String subject, List<String> groups, Instant expires,
                               Instant notBefore) {
        JsonArrayBuilder groupArray = Json.createArrayBuilder();
        groups.forEach(groupArray::add);
        long now = Instant.now().getEpochSecond();
        String header = Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build().toString();
        JsonObjectBuilder claimSet = Json.createObjectBuilder().add("iss", issuer).add("sub", subject).add("upn", subject)
                .add("jti", UUID.randomUUID().toString()).add("iat", Math.min(now, expires.getEpochSecond() - 60))
                .add("exp", expires.getEpochSecond()).add("groups", groupArray);
        if (notBefore != null) {
            claimSet.add("nbf", notBefore.getEpochSecond());
        }
        String claims = claimSet.build().toString();
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
