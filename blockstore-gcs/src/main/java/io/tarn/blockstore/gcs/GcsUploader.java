package io.tarn.blockstore.gcs;

import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobGetOption;
import com.google.cloud.storage.Storage.BlobTargetOption;
import com.google.cloud.storage.Storage.BlobWriteOption;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.ChecksumAlgorithm;
import io.tarn.blockstore.spi.DigestingInputStream;
import io.tarn.blockstore.spi.DigestingInputStream.Digest;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Streams a caller's bytes into one GCS object with a resumable upload, hashing them on the way.
 * At most one chunk per upload is buffered (sized down for short objects of known length). GCS
 * creates the object only when the last chunk is sent, so a stream that fails, or turns out shorter
 * or longer than announced, leaves no object and no change: the unfinished upload is abandoned.
 */
final class GcsUploader {
    private final Storage storage;
    private final int maxChunkSize;

    GcsUploader(Storage storage, int maxChunkSize) {
        this.storage = storage;
        this.maxChunkSize = maxChunkSize;
    }

    /**
     * Writes the object and returns its stat. Additional checksums are recorded in the object's
     * metadata right after the upload, conditioned on the generation just written.
     */
    ObjectStat upload(Location location, String contentType, InputStream data, long length, Set<ChecksumAlgorithm> checksums, BlobWriteOption... options) {
        BlobId id = GcsObjects.blobId(location);
        Digest digest = stream(location, BlobInfo.newBuilder(id).setContentType(contentType).build(), data, length, checksums, options);
        Blob written = storedWith(location, digest);
        Instant lastModified = Instant.now();
        if (written != null) {
            lastModified = GcsObjects.lastModified(written);
            if (!digest.checksums().isEmpty()) {
                lastModified = recordChecksums(location, written, digest);
            }
        }
        return new ObjectStat(location, digest.size(), digest.etag(), lastModified, digest.checksums());
    }

    /** Uploads the stream; the object exists (at its new generation) once this returns. */
    Digest stream(Location location, BlobInfo target, InputStream data, long length, Set<ChecksumAlgorithm> checksums, BlobWriteOption... options) {
        DigestingInputStream in = new DigestingInputStream(data, length, checksums);
        WriteChannel channel;
        try {
            channel = storage.writer(target, options);
            channel.setChunkSize(chunkSize(length));
        } catch (RuntimeException e) {
            throw GcsErrors.translate("write", location, e);
        }
        // The digesting stream's own buffers, hashed while the channel copies them: no copy for the hasher.
        DigestingInputStream.Block block;
        while ((block = nextBlock(location, in)) != null) {
            try {
                ByteBuffer chunk = ByteBuffer.wrap(block.bytes(), 0, block.length());
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            } catch (IOException | RuntimeException e) {
                throw GcsErrors.translate("write", location, e);
            }
        }
        Digest digest;
        try {
            digest = in.finish();
        } catch (IOException e) {
            throw new BlockStoreException("Cannot write '" + location + "' to gcs: " + e.getMessage() + "; nothing was stored", e);
        }
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            throw GcsErrors.translate("write", location, e);
        }
        return digest;
    }

    private static DigestingInputStream.Block nextBlock(Location location, DigestingInputStream in) {
        try {
            return in.readBlock();
        } catch (IOException e) {
            // Not closing the channel abandons the upload: GCS never finalizes it into an object.
            throw new BlockStoreException("Cannot write '" + location + "' to gcs: " + e.getMessage() + "; nothing was stored", e);
        }
    }

    /** The object now at the location, if it holds the bytes just written (a racing writer may have replaced it). */
    private Blob storedWith(Location location, Digest digest) {
        try {
            Blob blob = storage.get(GcsObjects.blobId(location), BlobGetOption.fields(GcsObjects.STAT_FIELDS));
            if (blob == null || blob.getMd5() == null) {
                return null;
            }
            String md5 = HexFormat.of().formatHex(Base64.getDecoder().decode(blob.getMd5()));
            return md5.equals(digest.etag()) ? blob : null;
        } catch (RuntimeException e) {
            throw GcsErrors.failed("stat the object just written at", location, e);
        }
    }

    private Instant recordChecksums(Location location, Blob written, Digest digest) {
        BlobInfo patch = BlobInfo.newBuilder(BlobId.of(written.getBucket(), written.getName(), written.getGeneration()))
                .setMetadata(GcsObjects.metadata(null, digest.checksums()))
                .build();
        try {
            return GcsObjects.lastModified(storage.update(patch, BlobTargetOption.generationMatch()));
        } catch (RuntimeException e) {
            if (GcsErrors.httpCode(e) == GcsErrors.PRECONDITION_FAILED || GcsErrors.httpCode(e) == GcsErrors.NOT_FOUND) {
                // Replaced or deleted since: the checksums belonged to bytes that are gone.
                return GcsObjects.lastModified(written);
            }
            throw GcsErrors.failed("record the checksums of", location, e);
        }
    }

    /** One chunk for the whole of a short object of known length, else the configured chunk. */
    private int chunkSize(long length) {
        if (length < 0 || length >= maxChunkSize) {
            return maxChunkSize;
        }
        long granules = length / GcsBlockStoreConfig.CHUNK_GRANULARITY + 1;
        return (int) Math.min(maxChunkSize, granules * GcsBlockStoreConfig.CHUNK_GRANULARITY);
    }
}
