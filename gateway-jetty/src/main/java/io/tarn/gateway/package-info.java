/**
 * Tarn's HTTP surface as Jetty 12 core handlers: health now; the S3 gateway ({@code io.tarn.gateway.s3})
 * and the REST API ({@code io.tarn.gateway.rest}) as their issues land. HTTP only: no versioning
 * logic lives here.
 */
package io.tarn.gateway;
