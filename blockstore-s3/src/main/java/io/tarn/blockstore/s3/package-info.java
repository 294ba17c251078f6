/**
 * Blockstore plugin for Amazon S3 and S3-compatible stores ({@code s3://bucket/key} locations), on
 * the AWS SDK for Java v2 with the JDK's HTTP client. {@link io.tarn.blockstore.s3.S3BlockStoreProvider}
 * is the entry point; {@link io.tarn.blockstore.s3.S3BlockStoreConfig} lists the settings.
 */
package io.tarn.blockstore.s3;
