package dev.switchboard.security;

import dev.switchboard.concurrent.Workers;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The configured {@link Gate}, the refused-handshake counters and the log line of each refusal (which
 * never holds a credential). Logs a warning at startup when authentication is off.
 */
@ApplicationScoped
public class HandshakeSecurity {
    private static final Logger LOG = Logger.getLogger(HandshakeSecurity.class.getName());
    /** An accepted upgrade whose connection has not opened by then never will. */
    private static final long OPEN_DEADLINE_SECONDS = 30;

    @Inject
    @ConfigProperty(name = "switchboard.auth.api-keys")
    Optional<String> apiKeys;

    @Inject
    @ConfigProperty(name = "switchboard.auth.game-keys")
    Optional<String> gameKeys;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> jwtPublicKey;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> jwtPublicKeyLocation;

    @Inject
    @ConfigProperty(name = "switchboard.allowed-origins")
    Optional<String> allowedOrigins;

    @Inject
    @ConfigProperty(name = "switchboard.connections.max-per-address", defaultValue = "16384")
    int maxPerAddress;

    @Inject
    @ConfigProperty(name = "switchboard.connections.max-total", defaultValue = "32768")
    int maxTotal;

    @Inject
    Workers workers;

    private Gate gate;
    private boolean jwtOn;
    private ConnectionLimits limits;
    /** Where refusals are counted: {@link HandshakeMetrics}, if this server has MicroProfile Metrics. */
    private volatile Consumer<Gate.Reason> refusalCounter = reason -> { };
    private final RefusalLog refusals = new RefusalLog(LOG::info);

    @PostConstruct
    void configure() {
        OriginPolicy origins = new OriginPolicy(allowedOrigins.filter(s -> !s.isBlank())
                .map(s -> Arrays.asList(s.split(","))).orElse(OriginPolicy.DEFAULT));
        jwtOn = jwtPublicKey.filter(s -> !s.isBlank()).isPresent()
                || jwtPublicKeyLocation.filter(s -> !s.isBlank()).isPresent();
        limits = new ConnectionLimits(maxPerAddress, maxTotal);
        gate = new Gate(origins, new Keys(apiKeys.orElse(null)), new Keys(gameKeys.orElse(null)),
                jwtOn ? jwtVerifier() : null, limits);
    }

    /**
     * Payara's MicroProfile JWT implementation, where there is one. Elsewhere (WildFly) authentication stays
     * on, as configured, and every JWT is refused: the operator is told once, at startup.
     */
    private static JwtVerifier jwtVerifier() {
        if (PayaraJwt.available()) {
            return PayaraJwt.fromConfig();
        }
        LOG.warning("JWT authentication is not available on this server: mp.jwt.verify.* is set, but JWTs are "
                + "verified with Payara's MicroProfile JWT implementation, which this server does not have. Every JWT "
                + "is refused (401 unauthorized); API keys and game keys work (docs/portability.md).");
        return JwtVerifier.UNAVAILABLE;
    }

    void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
        workers.scheduler().scheduleWithFixedDelay(this::releaseUnopened, OPEN_DEADLINE_SECONDS / 3,
                OPEN_DEADLINE_SECONDS / 3, TimeUnit.SECONDS);
        if (!gate.authenticationOn()) {
            LOG.warning("Authentication is OFF: any client that can reach this server may use every endpoint. "
                    + "Set switchboard.auth.api-keys (SWITCHBOARD_AUTH_API_KEYS) or mp.jwt.verify.publickey[.location] "
                    + "with mp.jwt.verify.issuer to turn it on (docs/security.md).");
        } else {
            LOG.info("Authentication is on: " + describe());
        }
        LOG.info("WebSocket handshakes: origins allowed besides the server's own: " + originsText()
                + "; connections at most " + maxPerAddress + " per address and " + maxTotal + " in all (0 = no limit)");
    }

    void releaseUnopened() {
        int released = limits.releaseUnopened(System.nanoTime() - TimeUnit.SECONDS.toNanos(OPEN_DEADLINE_SECONDS));
        if (released > 0) {
            LOG.info("Gave back " + released + " connection slot(s) of accepted handshakes whose connection never opened");
        }
    }

    public Gate gate() {
        return gate;
    }

    public ConnectionLimits limits() {
        return limits;
    }

    /** Counts refusals from now on (the metrics live apart, so this bean needs no MicroProfile Metrics). */
    void countRefusalsWith(Consumer<Gate.Reason> counter) {
        refusalCounter = counter;
    }

    /** Counts the refusal and logs one line about it (no credential in it: only the principal's name), at a bounded rate. */
    void refused(Handshake handshake, Gate.Refused refusal) {
        refusalCounter.accept(refusal.reason());
        refusals.log(handshake, refusal);
    }

    private String describe() {
        List<String> parts = new java.util.ArrayList<>();
        int api = new Keys(apiKeys.orElse(null)).size();
        int game = new Keys(gameKeys.orElse(null)).size();
        if (api > 0) {
            parts.add(api + " API key(s)");
        }
        if (game > 0) {
            parts.add(game + " game key(s)");
        }
        if (jwtOn) {
            parts.add("MicroProfile JWT");
        }
        return String.join(", ", parts);
    }

    private String originsText() {
        return allowedOrigins.filter(s -> !s.isBlank()).orElse(String.join(",", OriginPolicy.DEFAULT));
    }
}
