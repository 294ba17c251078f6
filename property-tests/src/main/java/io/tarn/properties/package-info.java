/**
 * Model-based property tests of Tarn's merge semantics (not implemented yet: see the property tests issue).
 */
package io.tarn.properties;
