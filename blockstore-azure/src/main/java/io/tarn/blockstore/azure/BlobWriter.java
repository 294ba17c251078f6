package io.tarn.blockstore.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.DigestingInputStream;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes one object as a block blob, streaming: an object that fits in one block goes up in one
 * Put Blob; a larger one is staged block by block (one block in memory at a time) and made visible
 * at once by committing the block list. Either way the write is all-or-nothing: staged blocks are
 * invisible until the commit, and a stream that fails or has the wrong length is never committed.
 */
final class BlobWriter {
    /** The size of a staged block, and the largest object written in a single request. */
    static final int BLOCK_SIZE = 8 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BlobWriter() {
    }

    /**
     * Writes {@code data} to the blob if {@code conditions} hold (at the final request).
     *
     * @throws BlockStoreException naming the blob when the stream fails or has the wrong length, or Azure refuses
     */
    static ObjectStat write(BlobAddress address, BlockBlobClient blob, InputStream data, long length, PutOptions options, BlobRequestConditions conditions) {
        DigestingInputStream digesting = new DigestingInputStream(data, length, options.checksums());
        PushbackInputStream in = new PushbackInputStream(digesting, 1);
        try {
            byte[] block = in.readNBytes(BLOCK_SIZE);
            if (block.length < BLOCK_SIZE || !hasMore(in)) {
                DigestingInputStream.Digest digest = digesting.finish();
                BlockBlobSimpleUploadOptions upload = new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(block))
                        .setHeaders(headers(options, digest))
                        .setMetadata(BlobMetadata.of(digest.etag(), digest.checksums()))
                        .setContentMd5(HexFormat.of().parseHex(digest.etag()))
                        .setRequestConditions(conditions);
                BlockBlobItem item = blob.uploadWithResponse(upload, null, Context.NONE).getValue();
                return BlobMetadata.stat(address.location(), digest.size(), item.getLastModified(), BlobMetadata.of(digest.etag(), digest.checksums()), null, "");
            }
            byte[] writer = new byte[BlockId.WRITER_BYTES];
            RANDOM.nextBytes(writer);
            List<String> ids = new ArrayList<>();
            while (block.length > 0) {
                String id = BlockId.put(writer, ids.size()).encode();
                blob.stageBlock(id, BinaryData.fromBytes(block));
                ids.add(id);
                block = in.readNBytes(BLOCK_SIZE);
            }
            DigestingInputStream.Digest digest = digesting.finish();
            BlockBlobCommitBlockListOptions commit = new BlockBlobCommitBlockListOptions(ids)
                    .setHeaders(headers(options, digest))
                    .setMetadata(BlobMetadata.of(digest.etag(), digest.checksums()))
                    .setRequestConditions(conditions);
            BlockBlobItem item = blob.commitBlockListWithResponse(commit, null, Context.NONE).getValue();
            return BlobMetadata.stat(address.location(), digest.size(), item.getLastModified(), BlobMetadata.of(digest.etag(), digest.checksums()), null, "");
        } catch (IOException e) {
            throw new BlockStoreException("Cannot write '" + address.location() + "' (" + address.describe() + "): reading the data failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw AzureErrors.translateWrite("write", address, e);
        }
    }

    private static boolean hasMore(PushbackInputStream in) throws IOException {
        int next = in.read();
        if (next < 0) {
            return false;
        }
        in.unread(next);
        return true;
    }

    private static BlobHttpHeaders headers(PutOptions options, DigestingInputStream.Digest digest) {
        return new BlobHttpHeaders().setContentType(options.contentType()).setContentMd5(HexFormat.of().parseHex(digest.etag()));
    }
}
