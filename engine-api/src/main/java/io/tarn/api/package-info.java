/**
 * The engine's vocabulary: value types, the version-control facade and the exception taxonomy. Depends on nothing but the JDK.
 */
package io.tarn.api;
