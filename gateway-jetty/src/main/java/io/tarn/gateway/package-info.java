/**
 * The S3 gateway and the REST API as Jetty 12 core handlers (not implemented yet: see the gateway and REST API issues).
 */
package io.tarn.gateway;
