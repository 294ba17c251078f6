/**
 * The version-control REST API under {@code /api/v1}: lakeFS's paths, parameters, JSON bodies,
 * statuses and error bodies, so that the lakeFS SDKs work against Tarn unchanged. {@link
 * io.tarn.gateway.rest.RestApi} is the handler; one class per area (repositories, branches, commits,
 * refs, tags, object reads and writes, server) registers its routes; {@code ApiError} maps engine
 * exceptions to statuses in one place. HTTP only: no versioning logic lives here.
 */
package io.tarn.gateway.rest;
