package io.tarn.blockstore.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobCopyInfo;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobBeginCopyOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.ByteRange;
import io.tarn.blockstore.spi.Capability;
import io.tarn.blockstore.spi.InvalidRangeException;
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
import io.tarn.blockstore.spi.WriteCondition;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects as block blobs of one Azure storage account (see {@link BlobAddress} for locations).
 * Offers every capability: multipart upload (parts are staged blocks, see
 * {@link AzureMultipartUploads}), server-side copy (Copy Blob), conditional put (Azure ETag
 * preconditions) and presigned URLs (service SAS, when configured with the account key).
 *
 * <p>ETags and requested checksums are kept in the blob's metadata ({@link BlobMetadata}). Reads
 * stream in chunks pinned to the blob's Azure ETag, so an overwrite during a read fails it rather
 * than mixing versions; a range past the end is {@link InvalidRangeException}, as in HTTP. Transient failures are retried with exponential backoff as configured.
 * Thread-safe.
 */
public final class AzureBlockStore implements BlockStore, SupportsMultipartUpload, SupportsServerSideCopy, SupportsConditionalPut, SupportsPresignedUrls {
    private static final Logger LOG = LoggerFactory.getLogger(AzureBlockStore.class);
    private static final int MAX_LIST_PAGE = 5000;
    private static final int READ_CHUNK = 4 << 20;
    /** How long a copy may take: same-account copies are usually done at once, large ones may run in the background. */
    private static final Duration COPY_WAIT = Duration.ofMinutes(30);
    private final AzureBlockStoreConfig config;
    private final BlobServiceClient service;
    private final AzureMultipartUploads multipart;

    private AzureBlockStore(AzureBlockStoreConfig config, BlobServiceClient service) {
        this.config = config;
        this.service = service;
        this.multipart = new AzureMultipartUploads(this);
    }

    /** A store over the configured account. Sends no request. */
    public static AzureBlockStore open(AzureBlockStoreConfig config) {
        HttpClient http = new JdkHttpClientBuilder()
                .connectionTimeout(config.timeout())
                .responseTimeout(config.timeout())
                .build();
        Duration maxDelay = config.retryDelay().multipliedBy(1L << Math.min(config.maxRetries(), 10));
        RequestRetryOptions retries = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, config.maxRetries() + 1, config.timeout(),
                config.retryDelay(), maxDelay, null);
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                .endpoint(config.endpoint().toString())
                .httpClient(http)
                .retryOptions(retries);
        if (config.accountKey() != null) {
            builder.credential(new StorageSharedKeyCredential(config.accountName(), config.accountKey()));
        } else {
            builder.sasToken(config.sasToken());
        }
        LOG.info("Opened azure blockstore: {}", config);
        return new AzureBlockStore(config, builder.buildClient());
    }

    @Override
    public String type() {
        return "azure";
    }

    @Override
    public boolean supports(Capability capability) {
        // A SAS-token store cannot sign URLs of its own.
        return capability == Capability.PRESIGNED_URLS ? config.canSign() : BlockStore.super.supports(capability);
    }

    @Override
    public ObjectStat put(Location location, InputStream data, long length, PutOptions options) {
        BlobAddress address = objectAddress(location);
        return BlobWriter.write(address, blockBlob(address), data, length, options, null);
    }

    @Override
    public ObjectStat put(Location location, InputStream data, long length, PutOptions options, WriteCondition condition) {
        BlobAddress address = objectAddress(location);
        BlobRequestConditions conditions = new BlobRequestConditions();
        if (condition instanceof WriteCondition.IfMatch ifMatch) {
            // Our ETag lives in metadata; the service compares its own: read both, then write only if the blob is still that version.
            BlobProperties current;
            try {
                current = blob(address).getProperties();
            } catch (RuntimeException e) {
                if (AzureErrors.isNotFound(e)) {
                    throw new PreconditionFailedException("Cannot write '" + location + "': If-Match " + ifMatch.etag() + " but there is no object (" + address.describe() + ")");
                }
                throw AzureErrors.translate("stat", address, e);
            }
            String etag = statOf(location, current).etag();
            if (!etag.equals(ifMatch.etag())) {
                throw new PreconditionFailedException("Cannot write '" + location + "': If-Match " + ifMatch.etag() + " but its ETag is " + etag + " (" + address.describe() + ")");
            }
            conditions.setIfMatch(current.getETag());
        } else {
            conditions.setIfNoneMatch("*");
        }
        return BlobWriter.write(address, blockBlob(address), data, length, options, conditions);
    }

    @Override
    public InputStream get(Location location) {
        return read(location, null);
    }

    @Override
    public InputStream get(Location location, ByteRange range) {
        return read(location, range);
    }

    /**
     * A whole read lets the SDK's stream find the blob's version itself (reads stay pinned to it); a
     * ranged read first needs the size to resolve the range, as HTTP would.
     */
    private InputStream read(Location location, ByteRange range) {
        BlobAddress address = objectAddress(location);
        BlobClient blob = blob(address);
        BlobInputStreamOptions options = new BlobInputStreamOptions().setBlockSize(READ_CHUNK);
        long size = -1;
        try {
            if (range != null) {
                BlobProperties properties = blob.getProperties();
                size = properties.getBlobSize();
                ByteRange.Span span = range.resolve(size);
                options.setRange(new BlobRange(span.offset(), span.length()))
                        .setRequestConditions(new BlobRequestConditions().setIfMatch(properties.getETag()));
            }
            return blob.openInputStream(options);
        } catch (RuntimeException e) {
            if (range != null && e instanceof BlobStorageException b && b.getStatusCode() == 416) {
                throw new InvalidRangeException(range, size);
            }
            throw AzureErrors.translate("read", address, e);
        }
    }

    @Override
    public ObjectStat stat(Location location) {
        BlobAddress address = objectAddress(location);
        try {
            return statOf(location, blob(address).getProperties());
        } catch (RuntimeException e) {
            throw AzureErrors.translate("stat", address, e);
        }
    }

    @Override
    public void delete(Location location) {
        BlobAddress address = objectAddress(location);
        try {
            blob(address).deleteIfExists();
        } catch (RuntimeException e) {
            throw AzureErrors.translateWrite("delete", address, e);
        }
    }

    /** One request's worth: {@link #list} asks the service for one more than it returns. */
    @Override
    public int listPageSize() {
        return MAX_LIST_PAGE - 1;
    }

    @Override
    public ListPage list(Location prefix, Location startAfter, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("Invalid maxKeys " + maxKeys + ": expected 1 or more");
        }
        BlobAddress address = address(prefix);
        String after = null;
        if (startAfter != null) {
            BlobAddress afterAddress = address(startAfter);
            if (!afterAddress.container().equals(address.container()) || !startAfter.authority().equals(prefix.authority())) {
                throw new IllegalArgumentException("Invalid start-after '" + startAfter + "': it is not in the container of '" + prefix + "'");
            }
            after = afterAddress.blobName();
        }
        ListBlobsOptions options = new ListBlobsOptions()
                .setPrefix(address.blobName().isEmpty() ? null : address.blobName())
                .setMaxResultsPerPage(Math.min(maxKeys, MAX_LIST_PAGE - 1) + 1)
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
        if (after != null) {
            options.setStartFrom(ByteOrderListing.serviceStart(after));
        }
        try {
            ByteOrderListing.Page<BlobItem> page = new ByteOrderListing<>(BlobItem::getName)
                    .page(container(address).listBlobs(options, null).iterator(), after, maxKeys);
            List<ObjectStat> objects = page.items().stream().map(item -> statOf(address.sibling(item.getName()), item)).toList();
            return new ListPage(objects, page.truncated());
        } catch (RuntimeException e) {
            if (AzureErrors.isNotFound(e)) {
                return ListPage.EMPTY;
            }
            throw AzureErrors.translateWrite("list", address, e);
        }
    }

    @Override
    public ObjectStat copy(Location source, Location target) {
        BlobAddress from = objectAddress(source);
        BlobAddress to = objectAddress(target);
        try {
            String url = blob(from).getBlobUrl() + (config.sasToken() == null ? "" : "?" + config.sasToken());
            SyncPoller<BlobCopyInfo, Void> poller = blob(to).beginCopy(new BlobBeginCopyOptions(url).setPollInterval(Duration.ofMillis(200)));
            PollResponse<BlobCopyInfo> done = poller.waitForCompletion(COPY_WAIT);
            if (done.getStatus() != LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
                throw new BlockStoreException("Cannot copy '" + source + "' to '" + target + "' (" + to.describe() + "): the copy ended " + done.getStatus());
            }
        } catch (RuntimeException e) {
            if (AzureErrors.isNotFound(e)) {
                throw new ObjectNotFoundException(source);
            }
            throw AzureErrors.translateWrite("copy '" + source + "' to", to, e);
        }
        return stat(target);
    }

    @Override
    public URI presignGet(Location location, Duration expiry) {
        return presign(location, expiry, new BlobSasPermission().setReadPermission(true));
    }

    @Override
    public URI presignPut(Location location, Duration expiry) {
        return presign(location, expiry, new BlobSasPermission().setCreatePermission(true).setWritePermission(true));
    }

    private URI presign(Location location, Duration expiry, BlobSasPermission permission) {
        require(Capability.PRESIGNED_URLS, SupportsPresignedUrls.class);
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("Invalid expiry " + expiry + ": it must be positive");
        }
        BlobClient blob = blob(objectAddress(location));
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(expiry);
        String sas = blob.generateSas(new BlobServiceSasSignatureValues(expires, permission));
        return URI.create(blob.getBlobUrl() + "?" + sas);
    }

    @Override
    public String createMultipartUpload(Location location, PutOptions options) {
        return multipart.create(objectAddress(location), options);
    }

    @Override
    public PartInfo uploadPart(Location location, String uploadId, int partNumber, InputStream data, long length) {
        return multipart.uploadPart(objectAddress(location), uploadId, partNumber, data, length);
    }

    @Override
    public List<PartInfo> listParts(Location location, String uploadId) {
        return multipart.listParts(objectAddress(location), uploadId);
    }

    @Override
    public ObjectStat completeMultipartUpload(Location location, String uploadId, List<CompletedPart> parts) {
        return multipart.complete(objectAddress(location), uploadId, parts);
    }

    @Override
    public void abortMultipartUpload(Location location, String uploadId) {
        multipart.abort(objectAddress(location), uploadId);
    }

    @Override
    public void close() {
        // The SDK's clients hold no resources that need releasing; the JDK HttpClient ends with its last user.
    }

    BlockBlobClient blockBlob(BlobAddress address) {
        return blob(address).getBlockBlobClient();
    }

    private BlobClient blob(BlobAddress address) {
        return container(address).getBlobClient(address.blobName());
    }

    private BlobContainerClient container(BlobAddress address) {
        return service.getBlobContainerClient(address.container());
    }

    /** The address of a location of this store's account. */
    private BlobAddress address(Location location) {
        BlobAddress address = BlobAddress.of(location);
        if (!address.account().equals(config.accountName())) {
            throw new IllegalArgumentException("Invalid location '" + location + "': this azure blockstore serves account '" + config.accountName() + "', not '" + address.account() + "'");
        }
        return address;
    }

    /** The address of a location that names an object: a container and a non-empty blob name. */
    private BlobAddress objectAddress(Location location) {
        BlobAddress address = address(location);
        if (address.blobName().isEmpty()) {
            throw new IllegalArgumentException("Invalid location '" + location + "': it names container '" + address.container() + "' but no object in it");
        }
        return address;
    }

    private static ObjectStat statOf(Location location, BlobProperties p) {
        return BlobMetadata.stat(location, p.getBlobSize(), p.getLastModified(), p.getMetadata(), p.getContentMd5(), p.getETag());
    }

    private static ObjectStat statOf(Location location, BlobItem item) {
        var p = item.getProperties();
        return BlobMetadata.stat(location, p.getContentLength(), p.getLastModified(), item.getMetadata(), p.getContentMd5(), p.getETag());
    }
}
