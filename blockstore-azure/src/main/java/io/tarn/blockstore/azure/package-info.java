/**
 * Blockstore plugin for Azure Blob Storage (not implemented yet: see the cloud plugins issue).
 */
package io.tarn.blockstore.azure;
