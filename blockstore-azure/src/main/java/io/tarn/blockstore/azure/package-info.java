/**
 * Blockstore plugin for Azure Blob Storage: {@code az://account/container/key} and
 * {@code https://account.blob.core.windows.net/container/key} locations, stored as block blobs.
 * See {@link io.tarn.blockstore.azure.AzureBlockStoreProvider} and {@code docs/blockstore-spi.md}.
 */
package io.tarn.blockstore.azure;
