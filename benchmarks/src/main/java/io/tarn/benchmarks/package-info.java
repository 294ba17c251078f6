/**
 * Reproducible performance runs of the engine and the gateway.
 */
package io.tarn.benchmarks;
