/**
 * The {@code tarn} command-line client: {@code repo}, {@code branch}, {@code commit}, {@code log},
 * {@code diff}, {@code merge}, {@code tag}, {@code revert}, {@code cherry-pick}, {@code reset} and
 * {@code fs} on {@code lakefs://repository/ref/path} URIs, over a running server's REST API under
 * {@code /api/v1}. Endpoint and keys come from {@code ~/.tarn.yaml} and the environment
 * ({@link io.tarn.server.cli.ClientConfig}); exit codes are listed in {@link io.tarn.server.cli.ExitCode}.
 */
package io.tarn.server.cli;
