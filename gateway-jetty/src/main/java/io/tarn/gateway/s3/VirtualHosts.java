package io.tarn.gateway.s3;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The domains under which buckets are addressed virtual-host style (DESIGN §8). With the domain
 * {@code s3.example.com}, a request to {@code my-repo.s3.example.com/main/a.txt} is for bucket
 * {@code my-repo}, key {@code main/a.txt}. A request to a domain itself, or to any other host, is
 * path-style. When domains nest ({@code example.com} and {@code s3.example.com}), the longest that
 * matches wins, and {@code s3.example.com} itself stays path-style. Immutable.
 */
public final class VirtualHosts {
    /** No domains: every request is path-style. */
    public static final VirtualHosts NONE = new VirtualHosts(List.of());

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final List<String> domains;

    /**
     * @param domains host names such as {@code s3.example.com}, in any case
     * @throws IllegalArgumentException naming a domain that is not a host name
     */
    public VirtualHosts(List<String> domains) {
        List<String> lower = new ArrayList<>();
        for (String domain : domains) {
            String problem = domainProblem(domain);
            if (problem != null) {
                throw new IllegalArgumentException("Invalid virtual-host domain '" + domain + "': " + problem);
            }
            lower.add(domain.toLowerCase(Locale.ROOT));
        }
        lower.sort(Comparator.comparingInt(String::length).reversed());
        this.domains = List.copyOf(lower);
    }

    /** What is wrong with a domain, or {@code null} when it is a host name. */
    public static String domainProblem(String domain) {
        if (domain.isEmpty()) {
            return "it is empty";
        }
        if (domain.length() > 253) {
            return "it is longer than 253 characters";
        }
        for (String label : domain.toLowerCase(Locale.ROOT).split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return "expected a host name such as s3.example.com, without scheme, port or wildcard";
            }
        }
        return null;
    }

    /** The domains, longest first, lower-case. */
    public List<String> domains() {
        return domains;
    }

    /**
     * The bucket a {@code Host} header names, or empty when the request is path-style.
     *
     * @param host the header's value ({@code my-repo.s3.example.com:8000}), or {@code null}
     */
    public Optional<String> bucket(String host) {
        if (host == null || domains.isEmpty() || host.startsWith("[")) {
            return Optional.empty();
        }
        String name = withoutPort(host.trim()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (domains.contains(name)) {
            return Optional.empty();
        }
        for (String domain : domains) {
            if (name.length() > domain.length() + 1 && name.endsWith(domain) && name.charAt(name.length() - domain.length() - 1) == '.') {
                return Optional.of(name.substring(0, name.length() - domain.length() - 1));
            }
        }
        return Optional.empty();
    }

    private static String withoutPort(String host) {
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    @Override
    public String toString() {
        return "VirtualHosts" + domains;
    }
}
