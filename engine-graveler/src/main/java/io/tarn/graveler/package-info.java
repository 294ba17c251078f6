/**
 * The versioning engine.
 */
package io.tarn.graveler;
