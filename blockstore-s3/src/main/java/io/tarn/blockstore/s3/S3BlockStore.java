package io.tarn.blockstore.s3;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.ByteRange;
import io.tarn.blockstore.spi.InvalidRangeException;
import io.tarn.blockstore.spi.ListPage;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.SupportsConditionalPut;
import io.tarn.blockstore.spi.SupportsMultipartUpload;
import io.tarn.blockstore.spi.SupportsPresignedUrls;
import io.tarn.blockstore.spi.SupportsServerSideCopy;
import io.tarn.blockstore.spi.WriteCondition;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A blockstore on Amazon S3 or an S3-compatible store: {@code s3://bucket/key} is the object
 * {@code key} in {@code bucket}, keys taken literally. Offers multipart upload (S3's own, so its
 * ETags are S3's), server-side copy (CopyObject, or UploadPartCopy above
 * {@code multipart-copy-threshold}), conditional put ({@code If-None-Match}/{@code If-Match} on
 * PutObject and CompleteMultipartUpload, atomic at S3) and SigV4 presigned URLs.
 *
 * <p>Every call is bounded by {@code timeout} and retried up to {@code max-retries} times with
 * backoff when it failed transiently; a failure that remains is a {@link BlockStoreException}
 * naming s3, the endpoint or region, the bucket and the key. Thread-safe: one SDK client serves
 * every thread.
 */
public final class S3BlockStore implements BlockStore, SupportsMultipartUpload, SupportsServerSideCopy, SupportsConditionalPut,
        SupportsPresignedUrls {
    /** S3 returns at most this many keys per listing or deletes per DeleteObjects call. */
    static final int BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(S3BlockStore.class);

    private final S3BlockStoreConfig config;
    private final SdkHttpClient http;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final S3Failures failures;
    private final ObjectWriter writer;
    private final MultipartUploads multipart;
    private final ServerSideCopier copier;

    private S3BlockStore(S3BlockStoreConfig config, SdkHttpClient http, S3Client s3, S3Presigner presigner) {
        this.config = config;
        this.http = http;
        this.s3 = s3;
        this.presigner = presigner;
        this.failures = new S3Failures(config.describeBackend());
        this.writer = new ObjectWriter(s3, failures, config.partSize(), config.timeout());
        this.multipart = new MultipartUploads(s3, failures, writer);
        this.copier = new ServerSideCopier(s3, failures, writer, config.multipartCopyThreshold());
    }

    /** Builds the SDK client for {@code config}. No request is made. */
    public static S3BlockStore open(S3BlockStoreConfig config) {
        Objects.requireNonNull(config, "config");
        Duration connectTimeout = config.timeout().compareTo(Duration.ofSeconds(10)) < 0 ? config.timeout() : Duration.ofSeconds(10);
        SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout).socketTimeout(config.timeout()).build();
        AwsCredentialsProvider credentials = config.hasStaticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        Region region = Region.of(config.region());
        S3ClientBuilder builder = S3Client.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                // Tarn computes and checks MD5s and checksums itself; the SDK's default CRC32 trailer would add aws-chunked framing.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.apiCallTimeout(config.timeout()).retryStrategy(r -> r.maxAttempts(config.maxRetries() + 1)));
        S3Presigner.Builder presigner = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build());
        config.endpointOverride().ifPresent(endpoint -> {
            builder.endpointOverride(endpoint);
            presigner.endpointOverride(endpoint);
        });
        LOG.info("Opening the s3 blockstore: {}", config);
        return new S3BlockStore(config, http, builder.build(), presigner.build());
    }

    /** The configuration this store was opened with. */
    public S3BlockStoreConfig config() {
        return config;
    }

    @Override
    public String type() {
        return S3Path.SCHEME;
    }

    @Override
    public ObjectStat put(Location location, InputStream data, long length, PutOptions options) {
        return writer.put(location, data, length, options, null);
    }

    @Override
    public ObjectStat put(Location location, InputStream data, long length, PutOptions options, WriteCondition condition) {
        return writer.put(location, data, length, options, Objects.requireNonNull(condition, "condition"));
    }

    @Override
    public InputStream get(Location location) {
        S3Path path = S3Path.ofObject(location);
        return failures.call("read", location, () -> s3.getObject(r -> r.bucket(path.bucket()).key(path.key())));
    }

    @Override
    public InputStream get(Location location, ByteRange range) {
        S3Path path = S3Path.ofObject(location);
        GetObjectRequest request = GetObjectRequest.builder().bucket(path.bucket()).key(path.key()).range(range.toString()).build();
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = s3.getObject(request);
        } catch (SdkException e) {
            if (S3Failures.isInvalidRange(e)) {
                throw new InvalidRangeException(range, stat(location).size());
            }
            throw failures.translate("read " + range + " of", location, null, e);
        }
        if (in.response().contentRange() == null) {
            // A range S3 chose to ignore (some stores do for an empty object): the whole object came back.
            long size = in.response().contentLength();
            try {
                ByteRange.Span span = range.resolve(size);
                if (span.offset() != 0 || span.length() != size) {
                    throw failures.failure("read " + range + " of", location, "S3 returned the whole object instead of the range", null);
                }
            } catch (BlockStoreException e) {
                closeQuietly(in);
                throw e;
            }
        }
        return in;
    }

    @Override
    public ObjectStat stat(Location location) {
        S3Path path = S3Path.ofObject(location);
        HeadObjectResponse head = failures.call("stat", location, () -> s3.headObject(r -> r.bucket(path.bucket()).key(path.key())));
        return statOf(location, head);
    }

    static ObjectStat statOf(Location location, HeadObjectResponse head) {
        return new ObjectStat(location, head.contentLength(), ObjectWriter.unquoted(head.eTag()), head.lastModified(),
                ObjectWriter.recordedChecksums(head.metadata()));
    }

    @Override
    public void delete(Location location) {
        S3Path path = S3Path.ofObject(location);
        failures.call("delete", location, () -> s3.deleteObject(r -> r.bucket(path.bucket()).key(path.key())));
    }

    /** DeleteObjects, up to 1,000 keys per call and bucket; a failed call fails each of its keys. */
    @Override
    public Map<Location, BlockStoreException> deleteAll(Collection<Location> locations) {
        Map<String, List<Location>> byBucket = new LinkedHashMap<>();
        for (Location location : locations) {
            byBucket.computeIfAbsent(S3Path.ofObject(location).bucket(), b -> new ArrayList<>()).add(location);
        }
        Map<Location, BlockStoreException> failed = new LinkedHashMap<>();
        byBucket.forEach((bucket, all) -> {
            for (int from = 0; from < all.size(); from += BATCH) {
                deleteBatch(bucket, all.subList(from, Math.min(from + BATCH, all.size())), failed);
            }
        });
        return failed;
    }

    private void deleteBatch(String bucket, List<Location> batch, Map<Location, BlockStoreException> failed) {
        Map<String, Location> byKey = new LinkedHashMap<>();
        batch.forEach(location -> byKey.put(location.path(), location));
        try {
            var response = s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.quiet(true)
                    .objects(byKey.keySet().stream().map(key -> software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder().key(key).build()).toList())));
            response.errors().forEach(error -> {
                Location location = byKey.getOrDefault(error.key(), new Location(S3Path.SCHEME, bucket, error.key()));
                failed.put(location, failures.failure("delete", location, "S3 " + error.code() + ": " + error.message(), null));
            });
        } catch (SdkException e) {
            for (Location location : batch) {
                failed.put(location, failures.translate("delete", location, null, e));
            }
        }
    }

    @Override
    public ListPage list(Location prefix, Location startAfter, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("Invalid maxKeys " + maxKeys + ": list at least 1 object");
        }
        S3Path path = S3Path.of(prefix);
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(path.bucket()).prefix(path.key())
                .maxKeys(Math.min(maxKeys, BATCH));
        // No encoding-type=url: moto echoes StartAfter unencoded, which the SDK then fails to decode. Keys
        // travel XML-escaped instead, which covers every key but those with XML 1.0-invalid control
        // characters (Tarn's own physical addresses have none).
        if (startAfter != null) {
            S3Path after = S3Path.of(startAfter);
            if (!after.bucket().equals(path.bucket())) {
                throw new IllegalArgumentException("Invalid start-after '" + startAfter + "': it is not in the bucket of '" + prefix + "'");
            }
            request.startAfter(after.key());
        }
        ListObjectsV2Response response = failures.call("list", prefix, () -> s3.listObjectsV2(request.build()));
        List<ObjectStat> objects = response.contents().stream()
                .map(o -> new ObjectStat(new Location(S3Path.SCHEME, path.bucket(), o.key()), o.size(), ObjectWriter.unquoted(o.eTag()),
                        o.lastModified(), Map.of()))
                .toList();
        return new ListPage(objects, Boolean.TRUE.equals(response.isTruncated()) && !objects.isEmpty());
    }

    @Override
    public String createMultipartUpload(Location location, PutOptions options) {
        return multipart.create(location, options);
    }

    @Override
    public PartInfo uploadPart(Location location, String uploadId, int partNumber, InputStream data, long length) {
        return multipart.uploadPart(location, uploadId, partNumber, data, length);
    }

    @Override
    public List<PartInfo> listParts(Location location, String uploadId) {
        return multipart.listParts(location, uploadId);
    }

    @Override
    public ObjectStat completeMultipartUpload(Location location, String uploadId, List<CompletedPart> parts) {
        multipart.complete(location, uploadId, parts);
        return stat(location);
    }

    @Override
    public void abortMultipartUpload(Location location, String uploadId) {
        multipart.abort(location, uploadId);
    }

    @Override
    public ObjectStat copy(Location source, Location target) {
        return copier.copy(source, target);
    }

    @Override
    public URI presignGet(Location location, Duration expiry) {
        S3Path path = S3Path.ofObject(location);
        return toUri(presigner.presignGetObject(p -> p.signatureDuration(expiry).getObjectRequest(r -> r.bucket(path.bucket()).key(path.key()))).url());
    }

    @Override
    public URI presignPut(Location location, Duration expiry) {
        S3Path path = S3Path.ofObject(location);
        return toUri(presigner.presignPutObject(p -> p.signatureDuration(expiry).putObjectRequest(r -> r.bucket(path.bucket()).key(path.key()))).url());
    }

    private static URI toUri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot turn the presigned URL into a URI: " + e.getReason(), e);
        }
    }

    @Override
    public void close() {
        try {
            presigner.close();
            s3.close();
        } finally {
            http.close();
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Already failing with a better message.
        }
    }
}
