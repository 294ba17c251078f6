/**
 * The blockstore plugin for a local (or mounted) file system.
 */
package io.tarn.blockstore.local;
