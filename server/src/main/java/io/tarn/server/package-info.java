/**
 * The composition root: configuration, plugin wiring, the {@code tarn} command line and the
 * executable.
 */
package io.tarn.server;
