/**
 * The blockstore plugin for a local (or mounted) file system: {@link io.tarn.blockstore.local.LocalBlockStoreProvider}
 * (type {@code local}, scheme {@code local://}), configured by {@link io.tarn.blockstore.local.LocalBlockStoreConfig},
 * opening {@link io.tarn.blockstore.local.LocalBlockStore}. Everything else in the package is internal.
 */
package io.tarn.blockstore.local;
