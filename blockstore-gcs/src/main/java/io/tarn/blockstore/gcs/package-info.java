/**
 * Blockstore plugin for Google Cloud Storage: {@code gs://bucket/key} locations, served over the
 * JSON API (HTTP only, no gRPC) by the google-cloud-storage client. See {@link io.tarn.blockstore.gcs.GcsBlockStoreProvider}.
 */
package io.tarn.blockstore.gcs;
