package io.tarn.blockstore.gcs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.PutOptions;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * V4 signed URLs. fake-gcs-server serves them without checking the signature, so besides a GET and a
 * PUT through them, the signature is checked here as GCS would: the canonical request rebuilt from
 * the URL, signed with SHA256withRSA by the service account's key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcsSignedUrlTest {
    private static final String BUCKET = "tarn-signed";

    @RegisterExtension
    static final FakeGcsServer GCS = new FakeGcsServer(BUCKET);

    @TempDir
    static Path keys;

    private TestServiceAccount account;
    private GcsBlockStore store;

    @BeforeAll
    void open() {
        account = TestServiceAccount.create(keys);
        store = (GcsBlockStore) new GcsBlockStoreProvider().open(GcsBlockStoreContractTest.emulatorConfig(GCS, account.file()));
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    @DisplayName("a presigned GET URL is a V4 URL for the object on the endpoint, signed by the service account's key, and serves the bytes")
    void getUrlIsSignedByTheKey() throws Exception {
        Location location = Location.of("gs://" + BUCKET + "/dir/a file+%.txt");
        byte[] data = "signed bytes".getBytes(UTF_8);
        store.put(location, new ByteArrayInputStream(data), data.length, PutOptions.DEFAULT);

        URI url = store.presignGet(location, Duration.ofMinutes(5));

        assertThat(url.getScheme() + "://" + url.getRawAuthority()).isEqualTo(GCS.endpoint());
        assertThat(url.getRawPath()).isEqualTo("/" + BUCKET + "/dir/a%20file%2B%25.txt");
        Map<String, String> query = query(url);
        assertThat(query).containsEntry("X-Goog-Algorithm", "GOOG4-RSA-SHA256").containsEntry("X-Goog-Expires", "300")
                .containsEntry("X-Goog-SignedHeaders", "host");
        assertThat(query.get("X-Goog-Credential")).startsWith(account.email().replace("@", "%40") + "%2F");
        assertThat(verifies(url, "GET")).as("signature verifies with the account's public key").isTrue();
        assertThat(verifies(URI.create(url.toString().replace("/dir/", "/other/")), "GET")).as("signature of another object").isFalse();

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(data);
    }

    @Test
    @DisplayName("a presigned PUT URL is signed for PUT, and bytes PUT through it are the object")
    void putUrlIsSignedForPut() throws Exception {
        Location location = Location.of("gs://" + BUCKET + "/uploads/x");
        URI url = store.presignPut(location, Duration.ofHours(1));

        assertThat(verifies(url, "PUT")).isTrue();
        assertThat(verifies(url, "GET")).as("the same URL used for GET").isFalse();
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .PUT(HttpRequest.BodyPublishers.ofString("put through a URL")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isBetween(200, 299);
        assertThat(store.get(location).readAllBytes()).isEqualTo("put through a URL".getBytes(UTF_8));
    }

    @Test
    @DisplayName("an expiry beyond 7 days, V4's limit, is refused naming it")
    void expiryLimit() {
        assertThatThrownBy(() -> store.presignGet(Location.of("gs://" + BUCKET + "/x"), Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT192H");
    }

    /** Whether the URL's signature is the account's over GCS's V4 string-to-sign for this method. */
    private boolean verifies(URI url, String method) throws Exception {
        Map<String, String> query = query(url);
        String canonicalQuery = query.entrySet().stream().filter(e -> !e.getKey().equals("X-Goog-Signature"))
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining("&"));
        String canonicalRequest = method + "\n" + url.getRawPath() + "\n" + canonicalQuery + "\nhost:" + url.getRawAuthority() + "\n\nhost\nUNSIGNED-PAYLOAD";
        String credential = java.net.URLDecoder.decode(query.get("X-Goog-Credential"), UTF_8);
        String scope = credential.substring(credential.indexOf('/') + 1);
        String stringToSign = "GOOG4-RSA-SHA256\n" + query.get("X-Goog-Date") + "\n" + scope + "\n"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(UTF_8)));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(account.publicKey());
        rsa.update(stringToSign.getBytes(UTF_8));
        return rsa.verify(HexFormat.of().parseHex(query.get("X-Goog-Signature")));
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> query = new LinkedHashMap<>();
        Arrays.stream(url.getRawQuery().split("&")).map(p -> p.split("=", 2)).forEach(p -> query.put(p[0], p.length > 1 ? p[1] : ""));
        return query;
    }
}
