/**
 * Blockstore plugin for Google Cloud Storage (not implemented yet: see the cloud plugins issue).
 */
package io.tarn.blockstore.gcs;
