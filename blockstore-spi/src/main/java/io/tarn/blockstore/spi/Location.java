package io.tarn.blockstore.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an object lives: {@code scheme://authority/path}, for example {@code s3://bucket/repo/data/x},
 * {@code local:///repo/data/x} or {@code az://account/container/prefix}.
 *
 * <p>A location is parsed once from its string form and never URI-decoded: object keys may hold
 * {@code %}, {@code +}, spaces, unicode and {@code //}, and they mean exactly those characters. The
 * path is everything after the first {@code /} following the authority, without that slash; it may be
 * empty (the root of the authority). NUL characters are refused everywhere.
 *
 * <p>Locations are values: equal strings make equal locations. Instances are immutable and
 * thread-safe.
 */
public record Location(String scheme, String authority, String path) {
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

    public Location {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(path, "path");
        if (!SCHEME.matcher(scheme).matches()) {
            throw new IllegalArgumentException("Invalid location scheme '" + scheme + "': expected lower-case letters, digits, '+', '-' or '.'");
        }
        if (authority.indexOf('/') >= 0) {
            throw new IllegalArgumentException("Invalid location authority '" + authority + "': it cannot contain '/'");
        }
        if (authority.indexOf('\0') >= 0 || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Invalid location '" + scheme + "://" + printable(authority) + "/" + printable(path) + "': NUL characters are not allowed");
        }
    }

    /**
     * Parses {@code scheme://authority/path}.
     *
     * @throws IllegalArgumentException naming the value when it has no {@code ://} or an invalid scheme
     */
    public static Location of(String location) {
        Objects.requireNonNull(location, "location");
        int sep = location.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("Invalid location '" + printable(location) + "': expected scheme://authority/path");
        }
        String scheme = location.substring(0, sep);
        String rest = location.substring(sep + 3);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return new Location(scheme, rest, "");
        }
        return new Location(scheme, rest.substring(0, slash), rest.substring(slash + 1));
    }

    /**
     * The location of {@code key} below this one: the key is appended to the path with one {@code /}
     * between them (none when the path is empty or already ends with {@code /}). The key is taken
     * literally: a leading {@code /} or {@code ..} segments stay part of the key.
     */
    public Location resolve(String key) {
        Objects.requireNonNull(key, "key");
        if (path.isEmpty() || path.endsWith("/")) {
            return new Location(scheme, authority, path + key);
        }
        return new Location(scheme, authority, path + "/" + key);
    }

    /**
     * The part of this location's path after {@code base}'s path, when this location lies below
     * {@code base} (same scheme and authority, and the path starts with base's path followed by
     * {@code /}, or base's path is empty or ends with {@code /}).
     *
     * @throws IllegalArgumentException when this location is not below {@code base}
     */
    public String keyBelow(Location base) {
        if (!scheme.equals(base.scheme) || !authority.equals(base.authority)) {
            throw new IllegalArgumentException("Invalid location '" + this + "': it is not below '" + base + "'");
        }
        String prefix = base.path.isEmpty() || base.path.endsWith("/") ? base.path : base.path + "/";
        if (!path.startsWith(prefix)) {
            throw new IllegalArgumentException("Invalid location '" + this + "': it is not below '" + base + "'");
        }
        return path.substring(prefix.length());
    }

    /** True when this location's string form starts with {@code prefix}'s (a plain string prefix). */
    public boolean startsWith(Location prefix) {
        return scheme.equals(prefix.scheme) && authority.equals(prefix.authority) && path.startsWith(prefix.path);
    }

    @Override
    public String toString() {
        return path.isEmpty() ? scheme + "://" + authority : scheme + "://" + authority + "/" + path;
    }

    private static String printable(String s) {
        return s.replace("\0", "\\0");
    }
}
