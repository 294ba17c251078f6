package io.tarn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The AWS SDK for Java v2 against the packaged server ({@code server/target/tarn.jar}), with the
 * SDK's defaults: only the endpoint, path-style access, static credentials and a region are set.
 * So uploads are aws-chunked and signed, with a CRC32 checksum trailer, and responses are checked
 * the way the SDK checks them by default. The HTTP client is the one on the test classpath, the
 * JDK's HttpURLConnection ({@code url-connection-client}).
 */
class S3JavaSdkIT {
    private static final Path JAR = Path.of("target", "tarn.jar").toAbsolutePath();
    private static final Pattern ENDPOINT = Pattern.compile("Endpoint: +(http://\\S+)");
    private static final Pattern ACCESS_KEY = Pattern.compile("Access key id: +(\\S+)");
    private static final Pattern SECRET_KEY = Pattern.compile("Secret key: +(\\S{40})");
    private static final int MIB = 1024 * 1024;
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    static Path workDir;

    private static Process tarn;
    private static URI endpoint;
    private static StaticCredentialsProvider credentials;
    private static S3Client s3;
    private static String listingBucket;

    private String bucket;

    @BeforeAll
    static void startTarn() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "run", "--address", "127.0.0.1", "--port", "0", "--data-dir", workDir.resolve("data").toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(workDir.resolve("stderr.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("TARN_"));
        tarn = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(tarn.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder banner = new StringBuilder();
        String accessKey = null;
        String secretKey = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            banner.append(line).append('\n');
            endpoint = endpoint != null ? endpoint : find(ENDPOINT, line).map(URI::create).orElse(null);
            accessKey = accessKey != null ? accessKey : find(ACCESS_KEY, line).orElse(null);
            secretKey = secretKey != null ? secretKey : find(SECRET_KEY, line).orElse(null);
            if (line.startsWith("Stop with")) {
                break;
            }
        }
        assertThat(List.of(String.valueOf(endpoint), String.valueOf(accessKey), String.valueOf(secretKey)))
                .as("endpoint and keys in the banner:\n%s\nstderr:\n%s", banner, Files.readString(workDir.resolve("stderr.log")))
                .doesNotContain("null");
        // Keep reading, so the server never blocks on a full stdout pipe.
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(Writer.nullWriter());
            } catch (IOException ignored) {
                // the server stopped
            }
        }, "tarn-stdout");
        drain.setDaemon(true);
        drain.start();
        credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        s3 = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
    }

    private static Optional<String> find(Pattern pattern, String line) {
        Matcher m = pattern.matcher(line);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @AfterAll
    static void stopTarn() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (tarn != null) {
            tarn.destroy();
            if (!tarn.waitFor(30, TimeUnit.SECONDS)) {
                tarn.destroyForcibly();
            }
        }
    }

    @BeforeEach
    void createBucket() {
        bucket = newBucket();
    }

    private static String newBucket() {
        String name = "sdk-" + BUCKETS.incrementAndGet();
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    @Test
    void createdBucketAnswersHeadBucket() {
        assertThat(s3.headBucket(b -> b.bucket(bucket)).sdkHttpResponse().statusCode()).isEqualTo(200);
    }

    @Test
    void createdBucketIsInListBuckets() {
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains(bucket);
    }

    @Test
    void putFromBytesThenGetReturnsBytesEtagMetadataAndContentType() {
        byte[] data = bytes(300_000);
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("main/data/x.csv").contentType("text/csv")
                .metadata(Map.of("owner", "alice")), RequestBody.fromBytes(data));

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("main/data/x.csv"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(put.eTag()).isEqualTo(quotedMd5(data));
        assertThat(got.response().eTag()).isEqualTo(put.eTag());
        assertThat(got.response().metadata()).containsExactlyEntriesOf(Map.of("owner", "alice"));
        assertThat(got.response().contentType()).isEqualTo("text/csv");
    }

    @Test
    void defaultPutSendsACrc32TrailerThatTarnChecksAndEchoes() {
        byte[] data = bytes(200_000);
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("main/trailer.bin"), RequestBody.fromBytes(data));
        assertThat(put.checksumCRC32()).isEqualTo(checksum(new CRC32(), data));
    }

    @Test
    void putFromStringKeepsItsTextContentType() {
        // The SDK sends and signs "Content-Type: text/plain; charset=UTF-8": the server must check the
        // signature against that value as sent, byte for byte, and keep it.
        s3.putObject(b -> b.bucket(bucket).key("main/notes.txt"), RequestBody.fromString("hello"));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("main/notes.txt"));
        assertThat(got.asUtf8String()).isEqualTo("hello");
        assertThat(got.response().contentType()).isEqualTo("text/plain; charset=UTF-8");
    }

    @Test
    void putFromInputStreamStoresEveryChunk() {
        byte[] data = bytes(MIB + 12_345); // several of the SDK's 128 KiB aws-chunked chunks
        s3.putObject(b -> b.bucket(bucket).key("main/stream.bin"), RequestBody.fromInputStream(new ByteArrayInputStream(data), data.length));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("main/stream.bin")).asByteArray()).isEqualTo(data);
    }

    @Test
    void putOfUnknownLengthStoresEveryByte() {
        byte[] data = bytes(700_000);
        s3.putObject(b -> b.bucket(bucket).key("main/unknown.bin"),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data), "application/octet-stream"));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("main/unknown.bin"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().eTag()).isEqualTo(quotedMd5(data));
    }

    @Test
    void getWithRangeReturnsOnlyThoseBytes() {
        byte[] data = bytes(10_000);
        s3.putObject(b -> b.bucket(bucket).key("main/ranged.bin"), RequestBody.fromBytes(data));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("main/ranged.bin").range("bytes=100-199"));
        assertThat(got.asByteArray()).isEqualTo(Arrays.copyOfRange(data, 100, 200));
        assertThat(got.response().contentRange()).isEqualTo("bytes 100-199/10000");
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32_C", "SHA256"})
    void headWithChecksumModeReturnsTheChecksumOfThePut(ChecksumAlgorithm algorithm) throws Exception {
        byte[] data = bytes(400_000);
        String expected = switch (algorithm) {
            case CRC32 -> checksum(new CRC32(), data);
            case CRC32_C -> checksum(new CRC32C(), data);
            default -> Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        };
        s3.putObject(b -> b.bucket(bucket).key("main/sum.bin").checksumAlgorithm(algorithm), RequestBody.fromBytes(data));

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("main/sum.bin").checksumMode(ChecksumMode.ENABLED));
        String returned = switch (algorithm) {
            case CRC32 -> head.checksumCRC32();
            case CRC32_C -> head.checksumCRC32C();
            default -> head.checksumSHA256();
        };
        assertThat(returned).isEqualTo(expected);
        // A GET in checksum mode has the SDK validate the body against that checksum.
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("main/sum.bin").checksumMode(ChecksumMode.ENABLED)).asByteArray())
                .isEqualTo(data);
    }

    @Test
    void listObjectsV2PaginatorWithoutDelimiterReturnsEveryKeyOnce() {
        String listed = listingBucket();
        List<ListObjectsV2Response> pages = s3.listObjectsV2Paginator(b -> b.bucket(listed).prefix("main/")).stream().toList();
        List<String> keys = pages.stream().flatMap(p -> p.contents().stream()).map(S3Object::key).toList();
        assertThat(pages).hasSize(3);
        assertThat(keys).hasSize(2_500).doesNotHaveDuplicates().isSorted();
        assertThat(keys).contains("main/dir-0000/data.csv", "main/dir-2399/data.csv", "main/top-0099.txt");
    }

    @Test
    void listObjectsV2PaginatorWithDelimiterReturnsPrefixesAndTopLevelKeys() {
        String listed = listingBucket();
        List<ListObjectsV2Response> pages = s3.listObjectsV2Paginator(b -> b.bucket(listed).prefix("main/").delimiter("/")).stream().toList();
        List<String> prefixes = pages.stream().flatMap(p -> p.commonPrefixes().stream()).map(CommonPrefix::prefix).toList();
        List<String> keys = pages.stream().flatMap(p -> p.contents().stream()).map(S3Object::key).toList();
        assertThat(pages).hasSizeGreaterThan(1);
        assertThat(prefixes).hasSize(2_400).doesNotHaveDuplicates().contains("main/dir-0000/", "main/dir-2399/");
        assertThat(keys).hasSize(100).doesNotHaveDuplicates().allMatch(k -> k.startsWith("main/top-"));
    }

    /** A bucket of 2,500 keys on main: 2,400 in their own directory, 100 at the top; filled once. */
    private static synchronized String listingBucket() {
        if (listingBucket != null) {
            return listingBucket;
        }
        String name = newBucket();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2_400; i++) {
            keys.add("main/dir-%04d/data.csv".formatted(i));
        }
        for (int i = 0; i < 100; i++) {
            keys.add("main/top-%04d.txt".formatted(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (String key : keys) {
                puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(name).key(key), text(key))));
            }
            for (Future<?> put : puts) {
                put.get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("Cannot fill the listing bucket", e);
        } finally {
            pool.shutdownNow();
        }
        listingBucket = name;
        return name;
    }

    @Test
    void copyObjectCopiesBytesAndEtag() {
        byte[] data = bytes(50_000);
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("main/source.bin"), RequestBody.fromBytes(data));
        String copyEtag = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("main/source.bin").destinationBucket(bucket)
                .destinationKey("main/copy.bin")).copyObjectResult().eTag();
        assertThat(copyEtag).isEqualTo(put.eTag());
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("main/copy.bin")).asByteArray()).isEqualTo(data);
    }

    @Test
    void deleteObjectsDeletesTheNamedKeysOnly() {
        for (String key : List.of("main/a", "main/b", "main/c")) {
            s3.putObject(b -> b.bucket(bucket).key(key), text(key));
        }
        DeleteObjectsResponse deleted = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("main/a").build(), ObjectIdentifier.builder().key("main/c").build())));
        assertThat(deleted.errors()).isEmpty();
        assertThat(deleted.deleted()).extracting(DeletedObject::key).containsExactlyInAnyOrder("main/a", "main/c");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("main/")).contents()).extracting(S3Object::key).containsExactly("main/b");
    }

    @Test
    void objectTaggingReadsBackWhatWasPut() {
        s3.putObject(b -> b.bucket(bucket).key("main/tagged.txt"), text("tagged"));
        Tag team = Tag.builder().key("team").value("data").build();
        Tag tier = Tag.builder().key("tier").value("gold").build();
        s3.putObjectTagging(b -> b.bucket(bucket).key("main/tagged.txt").tagging(t -> t.tagSet(team, tier)));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("main/tagged.txt")).tagSet()).containsExactlyInAnyOrder(team, tier);
    }

    @Test
    void multipartUploadOfThreePartsHasTheDashThreeEtagAndAllBytes() throws Exception {
        byte[][] parts = {bytes(5 * MIB), bytes(5 * MIB), bytes(1_000)};
        String key = "main/big.bin";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> completed = new ArrayList<>();
        MessageDigest md5OfMd5s = MessageDigest.getInstance("MD5");
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            int partNumber = i + 1;
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                    RequestBody.fromBytes(parts[i])).eTag();
            assertThat(etag).isEqualTo(quotedMd5(parts[i]));
            completed.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            md5OfMd5s.update(MessageDigest.getInstance("MD5").digest(parts[i]));
            whole.write(parts[i]);
        }
        String etag = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(completed))).eTag();

        assertThat(etag).isEqualTo("\"" + HexFormat.of().formatHex(md5OfMd5s.digest()) + "-3\"");
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        assertThat(got.response().eTag()).isEqualTo(etag);
        assertThat(got.asByteArray()).isEqualTo(whole.toByteArray());
    }

    @Test
    void missingKeyIsNoSuchKeyException() {
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("main/nothing-here")))
                .isInstanceOf(NoSuchKeyException.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404));
    }

    @Test
    void missingBucketIsNoSuchBucketException() {
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("no-such-bucket-here")))
                .isInstanceOf(NoSuchBucketException.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404));
    }

    @Test
    void writingToARefExpressionIsAccessDenied() {
        s3.putObject(b -> b.bucket(bucket).key("main/x"), text("first"));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("main~1/x"), text("second")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
    }

    @Test
    void presignedGetUrlServesTheBytesToAPlainHttpClient() throws Exception {
        byte[] data = bytes(20_000);
        s3.putObject(b -> b.bucket(bucket).key("main/shared.bin"), RequestBody.fromBytes(data));
        URI url;
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(b -> b.bucket(bucket).key("main/shared.bin"))).url().toURI();
        }
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(data);
    }

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    /** A small text body as bytes: RequestBody.fromString is tested on its own, see putFromStringKeepsItsTextContentType. */
    private static RequestBody text(String s) {
        return RequestBody.fromBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String quotedMd5(byte[] data) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRC as S3 writes it: the 32-bit value, big-endian, in base64. */
    private static String checksum(Checksum crc, byte[] data) {
        crc.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
