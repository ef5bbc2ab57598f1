package dev.switchboard.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;

import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.portunif.PUFilter;
import org.glassfish.grizzly.portunif.PUProtocol;

/**
 * Puts {@link HeadDeadline}'s filters into a Payara (grizzly-config) network listener.
 *
 * <p>Payara has no setting that adds a filter to an HTTP listener's chain; the one class it instantiates from
 * the configuration with that chain in reach is a port-unification filter ({@code port-unification classname}).
 * So a listener's protocol becomes a port-unification protocol whose one finder ({@link HttpOnlyFinder}) names
 * the listener's real HTTP protocol, and this class is its filter. Payara builds the HTTP protocol's chain
 * (with its TLS filter, if it is secure) as the one sub-protocol, then adds this filter to the listener's chain;
 * at that moment ({@link #onAdded}) this filter replaces itself by the sub-protocol's filters, with the guard's
 * two filters around the HTTP codec. The listener then runs the same chain as without port unification plus
 * the guard: no port-unification step per read. (One thing is lost: Payara turns HTTP/2 off on a listener
 * that uses port unification.)
 *
 * <p>Anything unexpected in that structure throws, which fails the listener's start.
 */
public class HeadGuardInstaller extends PUFilter {
    private final HeadDeadline deadline;

    public HeadGuardInstaller() {
        this(HeadDeadline.fromSystemProperties());
    }

    HeadGuardInstaller(HeadDeadline deadline) {
        this.deadline = deadline;
    }

    @Override
    public void onAdded(FilterChain chain) {
        super.onAdded(chain);
        int at = chain.indexOf(this);
        if (at < 0) {
            return;
        }
        List<Filter> guarded = guardedChain(flatten(this), deadline);
        chain.remove(at);
        chain.addAll(at, guarded);
        HeadDeadline.LOG.log(Level.INFO, "HTTP head guard installed: a request head must arrive within {0} ms,"
                + " at most {1} heads pending per remote address; chain {2}",
                new Object[] {deadline.timeoutMs(), deadline.maxPendingPerAddress(), chain});
    }

    /** The sub-protocol's filters, nested port-unification steps (Payara's wrapping of TLS) flattened. */
    static List<Filter> flatten(PUFilter filter) {
        Set<PUProtocol> protocols = filter.getProtocols();
        if (protocols.size() != 1) {
            throw new IllegalStateException("the HTTP head guard expects exactly one protocol finder on its"
                    + " port-unification protocol, found " + protocols.size());
        }
        List<Filter> filters = new ArrayList<>();
        for (Filter inner : protocols.iterator().next().getFilterChain()) {
            if (inner == filter.getBackChannelFilter()) {
                continue;
            }
            if (inner instanceof PUFilter) {
                filters.addAll(flatten((PUFilter) inner));
            } else {
                filters.add(inner);
            }
        }
        return filters;
    }

    /** {@code filters} with the guard's filters right before and after the (one) HTTP codec. */
    static List<Filter> guardedChain(List<Filter> filters, HeadDeadline deadline) {
        int codec = -1;
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i) instanceof HttpServerFilter) {
                if (codec >= 0) {
                    throw new IllegalStateException("the HTTP head guard found two HTTP codecs in " + filters);
                }
                codec = i;
            }
        }
        if (codec < 0) {
            throw new IllegalStateException("the HTTP head guard found no HTTP codec in " + filters
                    + ": its finder must name an HTTP protocol");
        }
        List<Filter> guarded = new ArrayList<>(filters);
        guarded.add(codec + 1, deadline.disarm());
        guarded.add(codec, deadline.arm());
        return guarded;
    }
}
