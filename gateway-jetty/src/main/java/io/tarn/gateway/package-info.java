/**
 * Tarn's HTTP surface as Jetty 12 core handlers: health, the S3 gateway ({@code io.tarn.gateway.s3})
 * and the lakeFS-compatible REST API ({@code io.tarn.gateway.rest}). HTTP only: no versioning logic
 * lives here.
 */
package io.tarn.gateway;
