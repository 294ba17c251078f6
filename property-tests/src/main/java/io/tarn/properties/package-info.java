/**
 * Model-based property tests of Tarn's versioning semantics on the real engine: the reference model
 * ({@code io.tarn.properties.model}), a seeded harness with shrinking ({@link io.tarn.properties.PropertyRunner}),
 * the stateful run ({@link io.tarn.properties.StatefulRun}) and the engine under test. The laws
 * themselves are the test classes; docs/merge-semantics.md says how to add one.
 */
package io.tarn.properties;
