package dev.switchboard.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which web pages may open a WebSocket here (cross-site WebSocket hijacking). A browser always sends
 * the page's {@code Origin}; programs and game SDKs usually send none, and are let through. Entries
 * are origins ({@code https://app.example.com}, {@code http://localhost:8080}), origins with any port
 * ({@code http://localhost:*}); an IPv6 host is in brackets ({@code http://[::1]:*}) and is compared as an
 * address, whichever way it is written), {@code null} (sandboxed pages, files) or {@code *} (any origin). The
 * server's own origin (the request's scheme and {@code Host}) is always allowed.
 */
public final class OriginPolicy {
    public static final List<String> DEFAULT = List.of(
            "http://localhost:*", "https://localhost:*", "http://127.0.0.1:*", "https://127.0.0.1:*",
            "http://[::1]:*", "https://[::1]:*");

    private final List<String> allowed;

    public OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String entry : this.allowed) {
            if (!entry.equals("*") && !entry.equals("null") && parse(entry.replace(":*", "")).isEmpty()) {
                throw new IllegalArgumentException("switchboard.allowed-origins: '" + entry
                        + "' is not an origin (scheme://host[:port|:*]), 'null' or '*'");
            }
        }
    }

    public List<String> allowed() {
        return allowed;
    }

    /**
     * @param origin the request's {@code Origin} header (null when absent)
     * @param scheme the request's scheme ({@code http} or {@code https})
     * @param host   the request's {@code Host} header
     */
    public boolean allows(String origin, String scheme, String host) {
        if (origin == null) {
            return true;
        }
        if (allowed.contains("*") || origin.equals("null") && allowed.contains("null")) {
            return true;
        }
        Optional<Site> site = parse(origin);
        if (site.isEmpty()) {
            return false;
        }
        if (host != null && parse(scheme + "://" + host).filter(own -> own.equals(site.get())).isPresent()) {
            return true;
        }
        return allowed.stream().anyMatch(entry -> matches(entry, site.get()));
    }

    private static boolean matches(String entry, Site site) {
        if (entry.endsWith(":*")) {
            return parse(entry.substring(0, entry.length() - 2))
                    .filter(e -> e.scheme.equals(site.scheme) && e.host.equals(site.host)).isPresent();
        }
        return parse(entry).filter(site::equals).isPresent();
    }

    /** Scheme, host and port (the scheme's default when absent) of an origin; nothing else may be in it. */
    private record Site(String scheme, String host, int port) {
    }

    private static Optional<Site> parse(String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            return Optional.of(new Site(scheme, host(uri.getHost()), port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * A host name in lower case; an IPv6 literal ({@code [::1]}, which {@link URI} has already checked to be
     * one, so no name is looked up) in one canonical spelling. An IPv4-mapped literal stays as written:
     * it is not taken for the IPv4 host.
     */
    private static String host(String host) throws URISyntaxException {
        String lower = host.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("[")) {
            return lower;
        }
        try {
            return InetAddress.getByName(lower) instanceof Inet6Address v6 ? "[" + v6.getHostAddress() + "]" : lower;
        } catch (UnknownHostException e) {
            throw new URISyntaxException(host, "not an IPv6 address");
        }
    }
}
