package io.tarn.graveler;

import io.tarn.api.BranchName;
import io.tarn.api.ChecksumType;
import io.tarn.api.Entry;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.MultipartUpload;
import io.tarn.api.NotFoundException;
import io.tarn.api.ObjectWrite;
import io.tarn.api.PartLayout;
import io.tarn.api.StorageFailureException;
import io.tarn.api.UnsupportedByStorageException;
import io.tarn.api.UploadedPart;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.Capability;
import io.tarn.blockstore.spi.ChecksumAlgorithm;
import io.tarn.blockstore.spi.DigestingInputStream;
import io.tarn.blockstore.spi.InvalidPartException;
import io.tarn.blockstore.spi.NoSuchUploadException;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.SupportsMultipartUpload;
import io.tarn.blockstore.spi.SupportsMultipartUpload.CompletedPart;
import io.tarn.blockstore.spi.SupportsMultipartUpload.PartInfo;
import io.tarn.graveler.committed.EntryCodec.ByteSink;
import io.tarn.graveler.committed.EntryCodec.ByteSource;
import io.tarn.graveler.meta.KeyValue;
import io.tarn.graveler.meta.MetadataStore;
import io.tarn.graveler.meta.WriteBatch;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Multipart uploads: the engine keeps which branch, path and description an upload is for (in the
 * metadata store, {@code r/<uid>/u/<upload id>}); the blockstore keeps the parts and assembles them
 * at the object's fresh physical address; completion stages the entry. Thread-safe.
 */
final class Uploads {
    private static final byte VERSION = 2;
    private static final byte PART_VERSION = 1;

    private final MetadataStore store;
    private final RefStore refs;
    private final ObjectIds ids;
    private final Clock clock;

    Uploads(MetadataStore store, RefStore refs, ObjectIds ids, Clock clock) {
        this.store = store;
        this.refs = refs;
        this.ids = ids;
        this.clock = clock;
    }

    /** An upload as stored. */
    record UploadRecord(MultipartUpload upload, String address, String blockUploadId, ObjectWrite description, ChecksumType checksumType) {
        byte[] encode() {
            ByteSink out = new ByteSink(256);
            out.writeByte(VERSION);
            out.writeString(upload.branch().value());
            out.writeString(upload.path());
            out.writeLong(upload.initiated().toEpochMilli());
            out.writeString(address);
            out.writeString(blockUploadId);
            out.writeString(description.contentType());
            out.writeMap(description.userMetadata());
            out.writeMap(description.tags());
            Map<String, String> checksums = new HashMap<>();
            description.checksums().forEach(c -> checksums.put(c, ""));
            out.writeMap(checksums);
            out.writeByte(checksumType.ordinal());
            return out.toByteArray();
        }

        static UploadRecord decode(String uploadId, byte[] bytes) {
            ByteSource in = new ByteSource(bytes);
            byte version = bytes.length > 0 ? bytes[0] : 0;
            Records.checkVersion(in, version == 1 ? 1 : VERSION, "multipart upload");
            BranchName branch = new BranchName(in.readString());
            String path = in.readString();
            Instant initiated = Instant.ofEpochMilli(in.readLong());
            String address = in.readString();
            String blockUploadId = in.readString();
            ObjectWrite description = new ObjectWrite(in.readString(), in.readMap(), in.readMap(), in.readMap().keySet());
            ChecksumType type = version == 1 ? ChecksumType.defaultFor(description.checksums()) : ChecksumType.values()[in.readByte()];
            in.requireEnd();
            return new UploadRecord(new MultipartUpload(uploadId, branch, path, initiated), address, blockUploadId, description, type);
        }
    }

    MultipartUpload create(Repo repo, BranchName branch, String path, ObjectWrite description, ChecksumType checksumType) {
        if (description.checksums().size() > 1) {
            throw new InvalidArgumentException("checksum algorithms", description.checksums().toString(), "an upload has at most one");
        }
        description.checksums().forEach(checksumType::checkAlgorithm);
        refs.writableBranch(repo.record(), branch);
        SupportsMultipartUpload parts = multipart(repo);
        String address = "data/" + ids.next();
        String blockUploadId;
        try {
            blockUploadId = parts.createMultipartUpload(repo.ns().root().resolve(address), new PutOptions(Set.of(), description.contentType()));
        } catch (BlockStoreException e) {
            throw failure(repo, "cannot start an upload for '" + path + "'", e);
        }
        MultipartUpload upload = new MultipartUpload(Hashing.randomId() + Hashing.randomId(), branch, path, Instant.ofEpochMilli(clock.millis()));
        store.put(MetaKeys.upload(repo.uid(), upload.uploadId()), new UploadRecord(upload, address, blockUploadId, description, checksumType).encode());
        return upload;
    }

    UploadedPart uploadPart(Repo repo, String uploadId, int partNumber, InputStream data, long length, Set<String> checksums) {
        UploadRecord record = record(repo, uploadId);
        if (partNumber < 1 || partNumber > SupportsMultipartUpload.MAX_PART_NUMBER) {
            throw new InvalidArgumentException("part number", Integer.toString(partNumber), "expected 1 to " + SupportsMultipartUpload.MAX_PART_NUMBER);
        }
        // The requested ones, and the upload's own: the object's checksum is formed from the parts'.
        Set<ChecksumAlgorithm> algorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
        Stream.concat(checksums.stream(), record.description().checksums().stream()).forEach(c -> algorithms.add(ChecksumAlgorithm.parse(c)));
        DigestingInputStream digesting = new DigestingInputStream(data, length, algorithms);
        LengthCheckingInputStream body = new LengthCheckingInputStream(digesting, length);
        try {
            PartInfo part = multipart(repo).uploadPart(repo.ns().root().resolve(record.address()), record.blockUploadId(), partNumber, body, length);
            Map<String, String> sums = new HashMap<>();
            digesting.finish().checksums().forEach((alg, value) -> sums.put(alg.name(), value));
            UploadedPart uploaded = new UploadedPart(part.partNumber(), part.etag(), part.size(), sums, Instant.ofEpochMilli(clock.millis()));
            store.put(MetaKeys.uploadPart(repo.uid(), uploadId, partNumber), encodePart(uploaded));
            return uploaded;
        } catch (NoSuchUploadException e) {
            throw new NotFoundException(NotFoundException.Kind.UPLOAD, uploadId, "its parts are gone from the blockstore");
        } catch (BlockStoreException e) {
            if (body.mismatch() != null) {
                throw new InvalidArgumentException("content length of part " + partNumber, Long.toString(length), body.mismatch());
            }
            throw failure(repo, "cannot store part " + partNumber + " of upload " + uploadId, e);
        } catch (IOException e) {
            throw new StorageFailureException(repo.ns().store().type(), "cannot finish reading part " + partNumber + ": " + e.getMessage(), e);
        }
    }

    List<UploadedPart> listParts(Repo repo, String uploadId) {
        UploadRecord record = record(repo, uploadId);
        try {
            Map<Integer, UploadedPart> recorded = partRecords(repo, uploadId);
            List<UploadedPart> out = new ArrayList<>();
            for (PartInfo p : multipart(repo).listParts(repo.ns().root().resolve(record.address()), record.blockUploadId())) {
                UploadedPart known = recorded.get(p.partNumber());
                boolean same = known != null && known.etag().equals(p.etag());
                out.add(new UploadedPart(p.partNumber(), p.etag(), p.size(), same ? known.checksums() : Map.of(),
                        same ? known.lastModified() : record.upload().initiated()));
            }
            return out;
        } catch (NoSuchUploadException e) {
            throw new NotFoundException(NotFoundException.Kind.UPLOAD, uploadId, "its parts are gone from the blockstore");
        } catch (BlockStoreException e) {
            throw failure(repo, "cannot list the parts of upload " + uploadId, e);
        }
    }

    /**
     * Checks the completion against the recorded parts, describes the object it makes (size, ETag
     * and checksum all follow from the parts), lets {@code beforeStaging} refuse it while the upload
     * is still whole, then has the blockstore assemble the parts. Returns the entry to stage (the
     * caller stages it, then calls {@link #forget}).
     */
    Entry complete(Repo repo, String uploadId, List<Map.Entry<Integer, String>> parts, Consumer<Entry> beforeStaging) {
        UploadRecord record = record(repo, uploadId);
        if (parts.isEmpty()) {
            throw new InvalidArgumentException("part list", "[]", "a completion names at least one part");
        }
        Map<Integer, UploadedPart> recorded = partRecords(repo, uploadId);
        List<CompletedPart> completed = new ArrayList<>();
        List<UploadedPart> chosen = new ArrayList<>();
        for (Map.Entry<Integer, String> p : parts) {
            completed.add(new CompletedPart(p.getKey(), p.getValue()));
            UploadedPart known = recorded.get(p.getKey());
            if (known == null || !known.etag().equals(p.getValue())) {
                throw new InvalidArgumentException("part", p.getKey() + " " + p.getValue(), known == null
                        ? "no part " + p.getKey() + " was uploaded to upload " + uploadId
                        : "part " + p.getKey() + " has ETag " + known.etag());
            }
            chosen.add(known);
        }
        ObjectWrite d = record.description();
        Map<String, String> checksums = new HashMap<>();
        for (String algorithm : d.checksums()) {
            checksums.put(algorithm, PartChecksums.object(ChecksumAlgorithm.parse(algorithm), record.checksumType(), chosen));
        }
        long size = chosen.stream().mapToLong(UploadedPart::size).sum();
        String etag = SupportsMultipartUpload.multipartEtag(chosen.stream().map(UploadedPart::etag).toList());
        Map<String, String> metadata = PartLayout.of(chosen.stream().map(UploadedPart::size).toList()).addTo(d.userMetadata());
        Entry entry = new Entry(record.address(), size, etag, checksums, d.contentType(), metadata, d.tags(), Instant.ofEpochMilli(clock.millis()));
        beforeStaging.accept(entry);
        try {
            ObjectStat stat = multipart(repo).completeMultipartUpload(repo.ns().root().resolve(record.address()), record.blockUploadId(), completed);
            if (stat.size() != size || !stat.etag().equals(etag)) {
                throw new StorageFailureException(repo.ns().store().type(), "upload " + uploadId + " was assembled into " + stat.size()
                        + " bytes with ETag " + stat.etag() + ", but its recorded parts make " + size + " bytes with ETag " + etag, null);
            }
            return entry;
        } catch (InvalidPartException e) {
            throw new InvalidArgumentException("part", parts.toString(), e.getMessage());
        } catch (NoSuchUploadException e) {
            throw new NotFoundException(NotFoundException.Kind.UPLOAD, uploadId, "its parts are gone from the blockstore");
        } catch (BlockStoreException e) {
            throw failure(repo, "cannot complete upload " + uploadId, e);
        }
    }

    UploadRecord record(Repo repo, String uploadId) {
        if (uploadId == null || uploadId.isEmpty() || uploadId.length() > 128) {
            throw new NotFoundException(NotFoundException.Kind.UPLOAD, String.valueOf(uploadId));
        }
        return store.get(MetaKeys.upload(repo.uid(), uploadId)).map(v -> UploadRecord.decode(uploadId, v))
                .orElseThrow(() -> new NotFoundException(NotFoundException.Kind.UPLOAD, uploadId,
                        "repository '" + repo.name() + "' has no open upload with that id (it may be completed or aborted)"));
    }

    /** Removes the upload's record and its parts' records. */
    void forget(Repo repo, String uploadId) {
        WriteBatch batch = new WriteBatch().delete(MetaKeys.upload(repo.uid(), uploadId));
        try (Stream<KeyValue> s = store.scan(MetaKeys.uploadParts(repo.uid(), uploadId), null)) {
            s.forEach(kv -> batch.delete(kv.key()));
        }
        store.write(batch);
    }

    private Map<Integer, UploadedPart> partRecords(Repo repo, String uploadId) {
        Map<Integer, UploadedPart> out = new HashMap<>();
        try (Stream<KeyValue> s = store.scan(MetaKeys.uploadParts(repo.uid(), uploadId), null)) {
            s.forEach(kv -> {
                UploadedPart p = decodePart(kv.value());
                out.put(p.partNumber(), p);
            });
        }
        return out;
    }

    private static byte[] encodePart(UploadedPart part) {
        ByteSink out = new ByteSink(96);
        out.writeByte(PART_VERSION);
        out.writeInt(part.partNumber());
        out.writeString(part.etag());
        out.writeLong(part.size());
        out.writeMap(part.checksums());
        out.writeLong(part.lastModified().toEpochMilli());
        return out.toByteArray();
    }

    private static UploadedPart decodePart(byte[] bytes) {
        ByteSource in = new ByteSource(bytes);
        Records.checkVersion(in, PART_VERSION, "multipart upload part");
        UploadedPart part = new UploadedPart(in.readInt(), in.readString(), in.readLong(), in.readMap(), Instant.ofEpochMilli(in.readLong()));
        in.requireEnd();
        return part;
    }

    void abort(Repo repo, String uploadId) {
        UploadRecord record = record(repo, uploadId);
        try {
            multipart(repo).abortMultipartUpload(repo.ns().root().resolve(record.address()), record.blockUploadId());
        } catch (NoSuchUploadException e) {
            // Already gone from the blockstore: forgetting it is all that is left.
        } catch (BlockStoreException e) {
            throw failure(repo, "cannot abort upload " + uploadId, e);
        }
        forget(repo, uploadId);
    }

    List<MultipartUpload> list(Repo repo) {
        List<MultipartUpload> out = new ArrayList<>();
        records(repo).forEach(r -> out.add(r.upload()));
        out.sort(Comparator.comparing((MultipartUpload u) -> u.branch().value()).thenComparing(MultipartUpload::path)
                .thenComparing(MultipartUpload::uploadId));
        return out;
    }

    /** Addresses of open uploads' objects, which garbage collection must not take. */
    Set<String> pendingAddresses(Repo repo) {
        Set<String> out = new HashSet<>();
        records(repo).forEach(r -> out.add(r.address()));
        return out;
    }

    private List<UploadRecord> records(Repo repo) {
        byte[] prefix = MetaKeys.uploads(repo.uid());
        try (Stream<KeyValue> s = store.scan(prefix, null)) {
            return s.map(kv -> UploadRecord.decode(MetaKeys.string(kv.key(), prefix.length), kv.value())).toList();
        }
    }

    private static SupportsMultipartUpload multipart(Repo repo) {
        if (!repo.ns().store().supports(Capability.MULTIPART_UPLOAD)) {
            throw new UnsupportedByStorageException(repo.ns().store().type(), Capability.MULTIPART_UPLOAD.description()
                    + " (upload the object in one PUT instead)");
        }
        return repo.ns().store().require(Capability.MULTIPART_UPLOAD, SupportsMultipartUpload.class);
    }

    private static StorageFailureException failure(Repo repo, String what, BlockStoreException e) {
        return new StorageFailureException(repo.ns().store().type(), what + ": " + e.getMessage(), e);
    }

}
