/**
 * Tarn's fallback to an upstream S3 for a gradual migration: requests for buckets that are not
 * Tarn repositories go, after Tarn has authenticated them with its own keys, to another
 * S3-compatible service, re-signed with that service's credentials ({@link
 * io.tarn.gateway.s3.upstream.UpstreamS3}). Bodies stream both ways.
 */
package io.tarn.gateway.s3.upstream;
