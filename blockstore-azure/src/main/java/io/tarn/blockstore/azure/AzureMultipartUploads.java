package io.tarn.blockstore.azure;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.models.Block;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.DigestingInputStream;
import io.tarn.blockstore.spi.InvalidPartException;
import io.tarn.blockstore.spi.NoSuchUploadException;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.SupportsMultipartUpload;
import io.tarn.blockstore.spi.SupportsMultipartUpload.CompletedPart;
import io.tarn.blockstore.spi.SupportsMultipartUpload.PartInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * S3-style multipart uploads on one block blob, with no state outside Azure: the upload, its parts
 * and their MD5s are all told by the ids of the blocks staged on the target blob (see
 * {@link BlockId}). Creating an upload stages a one-byte marker block; a part is staged as blocks of
 * at most {@link BlobWriter#BLOCK_SIZE}, its last block's id carrying the part's MD5; completion
 * checks the listed parts against the staged blocks and commits their blocks in order, which makes
 * the object visible at once and makes Azure discard every uncommitted block of the blob, ending the
 * upload; abort stages a second marker that ends it (Azure drops the blocks with the next commit to
 * that blob, or after a week).
 *
 * <p>Limits that follow: a put, copy or completion to a key ends every other open upload to that key
 * (Tarn writes each object to a fresh key, so this never happens there); checksums asked for at
 * creation are not recorded for the completed object. Upload ids carry the content type, so
 * nothing needs to be remembered between calls.
 */
final class AzureMultipartUploads {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BinaryData MARKER = BinaryData.fromBytes(new byte[] {0});
    private final AzureBlockStore store;

    AzureMultipartUploads(AzureBlockStore store) {
        this.store = store;
    }

    String create(BlobAddress address, PutOptions options) {
        byte[] upload = new byte[BlockId.WRITER_BYTES];
        RANDOM.nextBytes(upload);
        try {
            store.blockBlob(address).stageBlock(BlockId.marker(BlockId.UPLOAD, upload).encode(), MARKER);
        } catch (RuntimeException e) {
            throw AzureErrors.translateWrite("start a multipart upload to", address, e);
        }
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(upload) + "." + base64.encodeToString(options.contentType().getBytes(UTF_8));
    }

    PartInfo uploadPart(BlobAddress address, String uploadId, int partNumber, InputStream data, long length) {
        if (partNumber < 1 || partNumber > SupportsMultipartUpload.MAX_PART_NUMBER) {
            throw new IllegalArgumentException("Invalid part number " + partNumber + " for multipart upload '" + uploadId + "': expected 1 to "
                    + SupportsMultipartUpload.MAX_PART_NUMBER);
        }
        byte[] upload = UploadId.parse(uploadId, address).upload();
        staged(address, uploadId);
        BlockBlobClient blob = store.blockBlob(address);
        long attempt = System.currentTimeMillis() << 16 | RANDOM.nextInt(1 << 16);
        DigestingInputStream digesting = new DigestingInputStream(data, length, Set.of());
        PushbackInputStream in = new PushbackInputStream(digesting, 1);
        try {
            byte[] block = in.readNBytes(BlobWriter.BLOCK_SIZE);
            long size = 0;
            for (int sequence = 0;; sequence++) {
                size += block.length;
                int next = in.read();
                if (next < 0) {
                    String md5 = digesting.finish().etag();
                    int flags = block.length == 0 ? BlockId.LAST | BlockId.EMPTY : BlockId.LAST;
                    BlockId id = BlockId.part(upload, partNumber, attempt, sequence, flags, HexFormat.of().parseHex(md5));
                    blob.stageBlock(id.encode(), block.length == 0 ? MARKER : BinaryData.fromBytes(block));
                    return new PartInfo(partNumber, md5, size);
                }
                in.unread(next);
                blob.stageBlock(BlockId.part(upload, partNumber, attempt, sequence, 0, null).encode(), BinaryData.fromBytes(block));
                block = in.readNBytes(BlobWriter.BLOCK_SIZE);
            }
        } catch (IOException e) {
            throw new BlockStoreException("Cannot upload part " + partNumber + " of '" + address.location() + "' (" + address.describe() + "): reading the data failed: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw AzureErrors.translateWrite("upload part " + partNumber + " of", address, e);
        }
    }

    List<PartInfo> listParts(BlobAddress address, String uploadId) {
        return staged(address, uploadId).values().stream().map(Part::info).toList();
    }

    ObjectStat complete(BlobAddress address, String uploadId, List<CompletedPart> parts) {
        UploadId id = UploadId.parse(uploadId, address);
        Map<Integer, Part> staged = staged(address, uploadId);
        if (parts.isEmpty()) {
            throw new InvalidPartException("Cannot complete multipart upload '" + uploadId + "' of '" + address.location() + "': it names no part", false);
        }
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i).partNumber() <= parts.get(i - 1).partNumber()) {
                throw new InvalidPartException("Cannot complete multipart upload '" + uploadId + "' of '" + address.location() + "': part " + parts.get(i).partNumber()
                        + " follows part " + parts.get(i - 1).partNumber() + "; parts must be listed in strictly ascending order", true);
            }
        }
        List<String> blocks = new ArrayList<>();
        List<String> etags = new ArrayList<>();
        long size = 0;
        for (CompletedPart completed : parts) {
            Part part = staged.get(completed.partNumber());
            if (part == null || !part.info().etag().equals(completed.etag())) {
                throw new InvalidPartException("Cannot complete multipart upload '" + uploadId + "' of '" + address.location() + "': part " + completed.partNumber()
                        + (part == null ? " was not uploaded" : " has ETag " + part.info().etag() + ", not " + completed.etag()), false);
            }
            blocks.addAll(part.blocks());
            etags.add(part.info().etag());
            size += part.info().size();
        }
        String etag = SupportsMultipartUpload.multipartEtag(etags);
        BlockBlobCommitBlockListOptions commit = new BlockBlobCommitBlockListOptions(blocks)
                .setHeaders(new BlobHttpHeaders().setContentType(id.contentType()))
                .setMetadata(BlobMetadata.of(etag, Map.of()));
        try {
            BlockBlobItem item = store.blockBlob(address).commitBlockListWithResponse(commit, null, Context.NONE).getValue();
            return new ObjectStat(address.location(), size, etag, item.getLastModified().toInstant(), Map.of());
        } catch (RuntimeException e) {
            throw AzureErrors.translateWrite("complete multipart upload '" + uploadId + "' of", address, e);
        }
    }

    void abort(BlobAddress address, String uploadId) {
        byte[] upload = UploadId.parse(uploadId, address).upload();
        staged(address, uploadId);
        try {
            store.blockBlob(address).stageBlock(BlockId.marker(BlockId.ABORTED, upload).encode(), MARKER);
        } catch (RuntimeException e) {
            throw AzureErrors.translateWrite("abort multipart upload '" + uploadId + "' of", address, e);
        }
    }

    /**
     * The upload's complete parts by part number, each its latest complete attempt.
     *
     * @throws NoSuchUploadException when the upload was never created here, or was completed or aborted
     */
    private Map<Integer, Part> staged(BlobAddress address, String uploadId) {
        byte[] upload = UploadId.parse(uploadId, address).upload();
        List<Block> blocks;
        try {
            blocks = store.blockBlob(address).listBlocks(BlockListType.UNCOMMITTED).getUncommittedBlocks();
        } catch (RuntimeException e) {
            if (AzureErrors.isNotFound(e)) {
                throw new NoSuchUploadException(uploadId, address.location());
            }
            throw AzureErrors.translateWrite("list the parts of multipart upload '" + uploadId + "' of", address, e);
        }
        boolean created = false;
        Map<Integer, Map<Long, List<StagedBlock>>> attempts = new TreeMap<>();
        for (Block block : blocks) {
            BlockId id = BlockId.decode(block.getName()).orElse(null);
            if (id == null || !Arrays.equals(id.writer(), upload)) {
                continue;
            }
            switch (id.kind()) {
                case BlockId.UPLOAD -> created = true;
                case BlockId.ABORTED -> throw new NoSuchUploadException(uploadId, address.location());
                case BlockId.PART -> attempts.computeIfAbsent(id.partNumber(), n -> new TreeMap<>(Comparator.reverseOrder()))
                        .computeIfAbsent(id.attempt(), a -> new ArrayList<>()).add(new StagedBlock(id, block.getName(), block.getSizeLong()));
                default -> {
                    // Another writer's block on the same blob.
                }
            }
        }
        if (!created) {
            throw new NoSuchUploadException(uploadId, address.location());
        }
        Map<Integer, Part> parts = new TreeMap<>();
        attempts.forEach((number, byAttempt) -> byAttempt.values().stream().map(Part::of).filter(p -> p != null).findFirst()
                .ifPresent(part -> parts.put(number, part)));
        return parts;
    }

    private record StagedBlock(BlockId id, String name, long size) {
    }

    /** A part's latest complete upload: its block ids in order (no placeholder), and what it holds. */
    private record Part(PartInfo info, List<String> blocks) {
        /** The part an attempt's blocks make, or {@code null} when the attempt is incomplete (still uploading, or failed). */
        static Part of(List<StagedBlock> attempt) {
            attempt.sort(Comparator.comparingInt(b -> b.id().sequence()));
            StagedBlock last = attempt.get(attempt.size() - 1);
            if (!last.id().isLast() || last.id().sequence() != attempt.size() - 1) {
                return null;
            }
            long size = last.id().isEmptyPlaceholder() ? 0 : attempt.stream().mapToLong(StagedBlock::size).sum();
            List<String> names = last.id().isEmptyPlaceholder() ? List.of() : attempt.stream().map(StagedBlock::name).toList();
            return new Part(new PartInfo(last.id().partNumber(), last.id().partMd5Hex(), size), names);
        }
    }

    /** What an upload id holds: the random id of its blocks and the content type of the object to be. */
    private record UploadId(byte[] upload, String contentType) {
        static UploadId parse(String uploadId, BlobAddress address) {
            int dot = uploadId.indexOf('.');
            try {
                byte[] upload = Base64.getUrlDecoder().decode(dot < 0 ? uploadId : uploadId.substring(0, dot));
                if (dot < 0 || upload.length != BlockId.WRITER_BYTES) {
                    throw new NoSuchUploadException(uploadId, address.location());
                }
                return new UploadId(upload, new String(Base64.getUrlDecoder().decode(uploadId.substring(dot + 1)), UTF_8));
            } catch (IllegalArgumentException e) {
                throw new NoSuchUploadException(uploadId, address.location());
            }
        }
    }
}
