package io.tarn.blockstore.gcs;

import com.google.auth.ServiceAccountSigner;
import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.HttpMethod;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobGetOption;
import com.google.cloud.storage.Storage.BlobListOption;
import com.google.cloud.storage.Storage.BlobWriteOption;
import com.google.cloud.storage.Storage.CopyRequest;
import com.google.cloud.storage.Storage.SignUrlOption;
import com.google.cloud.storage.StorageBatch;
import com.google.cloud.storage.StorageBatchResult;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.ByteRange;
import io.tarn.blockstore.spi.Capability;
import io.tarn.blockstore.spi.ListPage;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PreconditionFailedException;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.SupportsConditionalPut;
import io.tarn.blockstore.spi.SupportsMultipartUpload;
import io.tarn.blockstore.spi.SupportsPresignedUrls;
import io.tarn.blockstore.spi.SupportsServerSideCopy;
import io.tarn.blockstore.spi.UnsupportedCapabilityException;
import io.tarn.blockstore.spi.WriteCondition;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BlockStore} over Google Cloud Storage: {@code gs://bucket/key} is object {@code key} of
 * bucket {@code bucket}. Puts are resumable uploads streamed chunk by chunk; reads stream a pinned
 * generation of the object, so a concurrent overwrite fails a read instead of mixing two objects.
 *
 * <p>Capabilities: multipart upload by compose ({@link GcsMultipartUploads}), server-side copy by
 * rewrite, conditional put by generation preconditions, and V4 signed URLs when the credentials can
 * sign (a service-account key); without a signer, {@link #supports} says no to presigned URLs.
 *
 * <p>Thread-safe: the client is shared by all calls.
 */
public final class GcsBlockStore implements BlockStore, SupportsMultipartUpload, SupportsServerSideCopy, SupportsConditionalPut, SupportsPresignedUrls {
    private static final Logger LOG = LoggerFactory.getLogger(GcsBlockStore.class);
    private static final int READ_CHUNK = 2 << 20;
    private static final int DELETE_BATCH = 100;
    private static final Duration MAX_SIGNED_URL_EXPIRY = Duration.ofDays(7);
    private final GcsBlockStoreConfig config;
    private final Storage storage;
    private final ServiceAccountSigner signer;
    private final GcsUploader uploader;
    private final GcsMultipartUploads multipart;

    private GcsBlockStore(GcsBlockStoreConfig config, GcsClient client) {
        this.config = config;
        this.storage = client.storage();
        this.signer = client.signer();
        this.uploader = new GcsUploader(storage, config.uploadChunkSize());
        this.multipart = new GcsMultipartUploads(storage, uploader);
    }

    /** Opens a store; no request is sent until the first operation. */
    public static GcsBlockStore open(GcsBlockStoreConfig config) {
        GcsBlockStore store = new GcsBlockStore(config, GcsClient.open(config));
        LOG.info("Opened the gcs blockstore: project {}, endpoint {}, timeout {}, {} retries, {} credentials", config.projectId(),
                config.endpointOverride().map(URI::toString).orElse("Google's"), config.timeout(), config.maxRetries(),
                config.anonymous() ? "no" : config.credentialsFile() != null ? "key file" : "application default");
        return store;
    }

    @Override
    public String type() {
        return GcsBlockStoreConfig.TYPE;
    }

    @Override
    public boolean supports(Capability capability) {
        if (capability == Capability.PRESIGNED_URLS) {
            return signer != null;
        }
        return BlockStore.super.supports(capability);
    }

    @Override
    public ObjectStat put(Location location, InputStream data, long length, PutOptions options) {
        checkLength(length);
        return uploader.upload(location, options.contentType(), data, length, options.checksums());
    }

    @Override
    public ObjectStat put(Location location, InputStream data, long length, PutOptions options, WriteCondition condition) {
        checkLength(length);
        BlobWriteOption precondition = condition instanceof WriteCondition.IfMatch match
                ? BlobWriteOption.generationMatch(generationWithEtag(location, match.etag()))
                : BlobWriteOption.doesNotExist();
        return uploader.upload(location, options.contentType(), data, length, options.checksums(), precondition);
    }

    private long generationWithEtag(Location location, String etag) {
        Blob current = blob(location, "stat");
        if (current == null) {
            throw new PreconditionFailedException("Cannot write '" + location + "' if its ETag is '" + etag + "': there is no object");
        }
        String actual = GcsObjects.stat(current).etag();
        if (!actual.equalsIgnoreCase(etag)) {
            throw new PreconditionFailedException("Cannot write '" + location + "' if its ETag is '" + etag + "': it is '" + actual + "'");
        }
        return current.getGeneration();
    }

    @Override
    public InputStream get(Location location) {
        return open(location, null);
    }

    @Override
    public InputStream get(Location location, ByteRange range) {
        return open(location, range);
    }

    private InputStream open(Location location, ByteRange range) {
        Blob blob = blob(location, "read");
        if (blob == null) {
            throw new ObjectNotFoundException(location);
        }
        long size = blob.getSize() == null ? 0 : blob.getSize();
        ByteRange.Span span = range == null ? new ByteRange.Span(0, size) : range.resolve(size);
        if (span.length() == 0) {
            return InputStream.nullInputStream();
        }
        try {
            ReadChannel reader = storage.reader(BlobId.of(blob.getBucket(), blob.getName(), blob.getGeneration()));
            reader.setChunkSize(READ_CHUNK);
            if (range != null) {
                reader.seek(span.offset());
                reader.limit(span.offset() + span.length());
            }
            return new GcsInputStream(location, Channels.newInputStream(reader));
        } catch (IOException | RuntimeException e) {
            throw GcsErrors.translate("read", location, e);
        }
    }

    @Override
    public ObjectStat stat(Location location) {
        Blob blob = blob(location, "stat");
        if (blob == null) {
            throw new ObjectNotFoundException(location);
        }
        return GcsObjects.stat(blob);
    }

    /** The object's current attributes, or {@code null} when there is none. */
    private Blob blob(Location location, String operation) {
        BlobId id = GcsObjects.blobId(location);
        try {
            return storage.get(id, BlobGetOption.fields(GcsObjects.STAT_FIELDS));
        } catch (RuntimeException e) {
            if (GcsErrors.httpCode(e) == GcsErrors.NOT_FOUND) {
                return null;
            }
            throw GcsErrors.failed(operation, location, e);
        }
    }

    @Override
    public void delete(Location location) {
        BlobId id = GcsObjects.blobId(location);
        try {
            storage.delete(id);
        } catch (RuntimeException e) {
            if (GcsErrors.httpCode(e) != GcsErrors.NOT_FOUND) {
                throw GcsErrors.failed("delete", location, e);
            }
        }
    }

    /** Deletes in batch requests of up to 100 objects; a missing object counts as deleted. */
    @Override
    public Map<Location, BlockStoreException> deleteAll(Collection<Location> locations) {
        Map<Location, BlockStoreException> failures = new LinkedHashMap<>();
        List<Location> all = List.copyOf(locations);
        for (int from = 0; from < all.size(); from += DELETE_BATCH) {
            List<Location> slice = all.subList(from, Math.min(all.size(), from + DELETE_BATCH));
            try {
                StorageBatch batch = storage.batch();
                List<StorageBatchResult<Boolean>> results = new ArrayList<>();
                for (Location location : slice) {
                    results.add(batch.delete(GcsObjects.blobId(location)));
                }
                batch.submit();
                for (int i = 0; i < slice.size(); i++) {
                    try {
                        results.get(i).get();
                    } catch (RuntimeException e) {
                        if (GcsErrors.httpCode(e) != GcsErrors.NOT_FOUND) {
                            failures.put(slice.get(i), GcsErrors.failed("delete", slice.get(i), e));
                        }
                    }
                }
            } catch (RuntimeException e) {
                slice.forEach(location -> failures.put(location, GcsErrors.failed("delete", location, e)));
            }
        }
        return failures;
    }

    @Override
    public ListPage list(Location prefix, Location startAfter, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("Invalid maxKeys " + maxKeys + ": it must be 1 or more");
        }
        return GcsListing.page(storage, prefix, startAfter, maxKeys);
    }

    @Override
    public ObjectStat copy(Location source, Location target) {
        BlobId from = GcsObjects.blobId(source);
        BlobId to = GcsObjects.blobId(target);
        try {
            Blob copied = storage.copy(CopyRequest.newBuilder().setSource(from).setTarget(to).build()).getResult();
            return GcsObjects.stat(copied);
        } catch (RuntimeException e) {
            if (GcsErrors.httpCode(e) == GcsErrors.NOT_FOUND) {
                throw new ObjectNotFoundException(source);
            }
            throw GcsErrors.failed("copy '" + source + "' to", target, e);
        }
    }

    @Override
    public URI presignGet(Location location, Duration expiry) {
        return presign(location, expiry, HttpMethod.GET);
    }

    @Override
    public URI presignPut(Location location, Duration expiry) {
        return presign(location, expiry, HttpMethod.PUT);
    }

    private URI presign(Location location, Duration expiry, HttpMethod method) {
        if (signer == null) {
            throw new UnsupportedCapabilityException(type(), Capability.PRESIGNED_URLS);
        }
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_SIGNED_URL_EXPIRY) > 0) {
            throw new IllegalArgumentException("Invalid expiry " + expiry + ": a V4 signed URL lasts from 1 second to 7 days");
        }
        List<SignUrlOption> options = new ArrayList<>(List.of(SignUrlOption.withV4Signature(), SignUrlOption.httpMethod(method),
                SignUrlOption.signWith(signer), SignUrlOption.withPathStyle()));
        config.endpointOverride().ifPresent(endpoint -> options.add(SignUrlOption.withHostName(endpoint.toString())));
        try {
            return storage.signUrl(BlobInfo.newBuilder(GcsObjects.blobId(location)).build(), expiry.toSeconds(), TimeUnit.SECONDS,
                    options.toArray(SignUrlOption[]::new)).toURI();
        } catch (URISyntaxException | RuntimeException e) {
            throw GcsErrors.failed("sign a URL for", location, e);
        }
    }

    @Override
    public String createMultipartUpload(Location location, PutOptions options) {
        return multipart.create(location, options);
    }

    @Override
    public PartInfo uploadPart(Location location, String uploadId, int partNumber, InputStream data, long length) {
        checkLength(length);
        return multipart.uploadPart(location, uploadId, partNumber, data, length);
    }

    @Override
    public List<PartInfo> listParts(Location location, String uploadId) {
        return multipart.listParts(location, uploadId);
    }

    @Override
    public ObjectStat completeMultipartUpload(Location location, String uploadId, List<CompletedPart> parts) {
        return multipart.complete(location, uploadId, parts);
    }

    @Override
    public void abortMultipartUpload(Location location, String uploadId) {
        multipart.abort(location, uploadId);
    }

    private static void checkLength(long length) {
        if (length < -1) {
            throw new IllegalArgumentException("Invalid length " + length + ": expected the exact byte count or -1 when unknown");
        }
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (Exception e) {
            LOG.warn("Cannot close the gcs client cleanly: {}", e.toString());
        }
    }
}
