/**
 * Blockstore plugin for Amazon S3 and S3-compatible stores (not implemented yet: see the cloud plugins issue).
 */
package io.tarn.blockstore.s3;
