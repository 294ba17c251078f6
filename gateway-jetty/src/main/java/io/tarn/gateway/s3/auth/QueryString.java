package io.tarn.gateway.s3.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * A raw query string split into its parameters, in the order sent. Empty segments ({@code a&&b})
 * are skipped; a parameter without {@code =} has an empty value but remembers that it had none,
 * because SigV2 signs {@code ?acl} and {@code ?acl=} differently.
 */
final class QueryString {
    /** One parameter: its name and value as sent (still encoded), and decoded once. */
    record Parameter(String rawName, String rawValue, boolean hasValue, String name, String value) {
        static Parameter of(String rawName, String rawValue, boolean hasValue) {
            return new Parameter(rawName, rawValue, hasValue, UriEncoding.decode(rawName), UriEncoding.decode(rawValue));
        }

        /** The decoded name, reading {@code +} as a space as HTML forms encode it. */
        String formName() {
            return UriEncoding.decode(rawName.replace('+', ' '));
        }

        /** The decoded value, reading {@code +} as a space as HTML forms encode it. */
        String formValue() {
            return UriEncoding.decode(rawValue.replace('+', ' '));
        }
    }

    private final List<Parameter> parameters;

    private QueryString(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    static QueryString parse(String rawQuery) {
        List<Parameter> parameters = new ArrayList<>();
        for (String segment : rawQuery.split("&", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            int eq = segment.indexOf('=');
            parameters.add(eq < 0
                    ? Parameter.of(segment, "", false)
                    : Parameter.of(segment.substring(0, eq), segment.substring(eq + 1), true));
        }
        return new QueryString(parameters);
    }

    /** Whether a name or value holds a raw {@code +}, which clients use for a plus or a space. */
    boolean hasPlus() {
        for (Parameter parameter : parameters) {
            if (parameter.rawName().indexOf('+') >= 0 || parameter.rawValue().indexOf('+') >= 0) {
                return true;
            }
        }
        return false;
    }

    List<Parameter> parameters() {
        return parameters;
    }

    boolean contains(String name) {
        return first(name) != null;
    }

    /** The decoded value of the first parameter with this (decoded, case-sensitive) name, or null. */
    String first(String name) {
        for (Parameter parameter : parameters) {
            if (parameter.name().equals(name)) {
                return parameter.value();
            }
        }
        return null;
    }
}
