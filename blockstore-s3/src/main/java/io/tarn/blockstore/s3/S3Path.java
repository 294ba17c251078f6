package io.tarn.blockstore.s3;

import io.tarn.blockstore.spi.Location;

/**
 * A location as S3 sees it: {@code s3://bucket/key} is bucket {@code bucket} and key {@code key},
 * taken literally (no decoding, no normalisation).
 */
record S3Path(String bucket, String key) {
    static final String SCHEME = "s3";

    /**
     * The bucket and key of an object's location.
     *
     * @throws IllegalArgumentException when the location is not {@code s3://} or names no key
     */
    static S3Path ofObject(Location location) {
        S3Path path = of(location);
        if (path.key.isEmpty()) {
            throw new IllegalArgumentException("Invalid location '" + location + "': an S3 object needs a key after the bucket");
        }
        return path;
    }

    /** The bucket and key prefix of a listing's location (the key may be empty). */
    static S3Path of(Location location) {
        if (!SCHEME.equals(location.scheme())) {
            throw new IllegalArgumentException("Invalid location '" + location + "': the s3 blockstore serves only s3:// locations");
        }
        if (location.authority().isEmpty()) {
            throw new IllegalArgumentException("Invalid location '" + location + "': expected s3://bucket/key");
        }
        return new S3Path(location.authority(), location.path());
    }

    Location location() {
        return new Location(SCHEME, bucket, key);
    }
}
