package dev.switchboard.neuro;

import dev.switchboard.cluster.Cluster;
import dev.switchboard.neuro.cluster.ClusterDiagnostics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The report of {@code GET /neuro/diagnostics}: this instance's, or with clustering on every
 * instance's ({@link ClusterDiagnostics}), since each game's diagnostics stay where it played.
 */
@ApplicationScoped
public class NeuroDiagnostics {
    @Inject
    Cluster cluster;

    @Inject
    NeuroHub hub;

    @Inject
    @ConfigProperty(name = "switchboard.neuro.cluster.reply-timeout-ms", defaultValue = "5000")
    long replyTimeoutMillis;

    /** Null when clustering is off. */
    private ClusterDiagnostics across;

    @PostConstruct
    void start() {
        if (cluster.enabled()) {
            across = new ClusterDiagnostics(cluster.grid(), hub::diagnostics, replyTimeoutMillis);
            across.start();
        }
    }

    /** Made at startup, so that with clustering on this instance answers the others' requests from the first. */
    void startup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the bean's construction is the point
    }

    /** Every game's diagnostics ({@code game} null) or one game's, as JSON-B writes them. */
    Object report(String game) {
        return across == null ? hub.diagnostics(game) : across.report(game);
    }
}
