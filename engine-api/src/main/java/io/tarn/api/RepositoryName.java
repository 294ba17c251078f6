package io.tarn.api;

import java.util.regex.Pattern;

/**
 * A repository's name, which is also its S3 bucket name: 3 to 63 characters of lower-case letters,
 * digits and {@code -}, starting with a letter or digit.
 */
public record RepositoryName(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{2,62}");

    /** @throws InvalidArgumentException naming the value when it is not a valid repository name */
    public RepositoryName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidArgumentException("repository name", value,
                    "expected 3 to 63 lower-case letters, digits or '-', starting with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
