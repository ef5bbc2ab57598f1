package dev.switchboard.security;

import jakarta.json.JsonNumber;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;

/**
 * A JWT's {@code nbf} (not before), which Payara's MicroProfile JWT verifier does not check: a token is
 * refused until its {@code nbf}, less {@code mp.jwt.verify.clock.skew} (seconds, default 60, as for
 * {@code exp}). A token without {@code nbf} is valid from the start.
 */
final class NotBefore {
    static final String CLOCK_SKEW = "mp.jwt.verify.clock.skew";
    static final long DEFAULT_SKEW_SECONDS = 60;

    private final Duration skew;

    NotBefore(Duration skew) {
        this.skew = skew;
    }

    static NotBefore fromConfig() {
        return new NotBefore(Duration.ofSeconds(ConfigProvider.getConfig()
                .getOptionalValue(CLOCK_SKEW, Long.class).orElse(DEFAULT_SKEW_SECONDS)));
    }

    /**
     * Whether the verified token {@code caller} may be used at {@code now}; a caller that is not a
     * {@link JsonWebToken}, or an {@code nbf} that is not a number, cannot be checked and is refused.
     */
    boolean allows(Principal caller, Instant now) {
        if (!(caller instanceof JsonWebToken token)) {
            return false;
        }
        Object nbf = token.getClaim(Claims.nbf.name());
        if (nbf == null) {
            return true;
        }
        long seconds;
        if (nbf instanceof JsonNumber number) {
            seconds = number.longValue();
        } else if (nbf instanceof Number number) {
            seconds = number.longValue();
        } else {
            return false;
        }
        return !now.plus(skew).isBefore(Instant.ofEpochSecond(seconds));
    }
}
