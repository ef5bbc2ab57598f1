package dev.switchboard.guard;

import java.util.logging.Level;

import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.portunif.PUContext;
import org.glassfish.grizzly.portunif.ProtocolFinder;

/**
 * The protocol finder of a guarded listener's port-unification protocol: it names the HTTP protocol whose
 * chain {@link HeadGuardInstaller} takes over. With the installer in place it is never asked. It is asked
 * only when Payara could not create the installer (a bad setting) and fell back to its plain
 * port-unification filter: then it recognizes nothing, so the listener closes every connection rather than
 * serve them unguarded. (Without the jar, Payara refuses to create this finder, and the listener has no HTTP
 * protocol at all: the web container does not start.)
 */
public class HttpOnlyFinder implements ProtocolFinder {
    private volatile boolean logged;

    @Override
    public Result find(PUContext puContext, FilterChainContext ctx) {
        if (!logged) {
            logged = true;
            HeadDeadline.LOG.log(Level.SEVERE, "HTTP head guard NOT installed on this listener (see the warning"
                    + " about the port unification filter at boot): closing every connection");
        }
        return Result.NOT_FOUND;
    }
}
