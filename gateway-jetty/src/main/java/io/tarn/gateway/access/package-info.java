/**
 * Who may do what: users, their access keys, and per-repository permissions, enforced the same way
 * by the S3 gateway and the REST API. The store behind {@link io.tarn.gateway.access.UserDirectory}
 * lives in the server; this package holds the vocabulary and the rules.
 */
package io.tarn.gateway.access;
