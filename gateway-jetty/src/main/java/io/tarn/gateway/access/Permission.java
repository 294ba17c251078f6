package io.tarn.gateway.access;

import java.util.Locale;

/**
 * What a user may do in one repository, each level including the ones before it.
 *
 * <ul>
 *   <li>{@link #READ}: read objects, list, diff, log, read refs.
 *   <li>{@link #WRITE}: also write and delete objects, commit, branch, merge, tag, revert, reset.
 *   <li>{@link #ADMIN}: also create and delete the repository itself.
 * </ul>
 */
public enum Permission {
    READ,
    WRITE,
    ADMIN;

    /** Whether this level allows what {@code needed} allows. */
    public boolean includes(Permission needed) {
        return compareTo(needed) >= 0;
    }

    /** The level's name as written in the API: {@code read}, {@code write}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The level named {@code read}, {@code write} or {@code admin} (any case).
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static Permission parse(String name) {
        if (name != null) {
            for (Permission p : values()) {
                if (p.name().equalsIgnoreCase(name)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("Invalid permission '" + name + "': expected read, write or admin");
    }
}
