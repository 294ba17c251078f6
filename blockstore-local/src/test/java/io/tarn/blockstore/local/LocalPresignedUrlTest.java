package io.tarn.blockstore.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.Digests;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.UnsupportedCapabilityException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local store's presigned URLs over real HTTP on loopback: what a URL allows, what it refuses
 * and why, and that the endpoint lives exactly as long as the store. The contract kit checks the
 * plain GET and PUT; these are the local endpoint's own rules.
 */
class LocalPresignedUrlTest {
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Location OBJECT = Location.of("local://ns/data/object");
    private static final byte[] DATA = "the object's bytes, 0123456789".getBytes(UTF_8);

    @TempDir
    Path temp;
    /** On a whole second, so that an expiry of a minute ends exactly 60 seconds on (a URL's expiry is rounded up to a second). */
    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private LocalBlockStore store;

    @BeforeEach
    void openStore() {
        store = open(Map.of());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private LocalBlockStore open(Map<String, String> presignSettings) {
        Map<String, String> settings = new HashMap<>(Map.of("root", temp.resolve("blocks").toString(), "presign-listen", "127.0.0.1:0"));
        settings.putAll(presignSettings);
        return LocalBlockStore.open(LocalBlockStoreConfig.from(new BlockStoreConfig("local", settings)), clock);
    }

    private void put(Location location, byte[] data) {
        store.put(location, new ByteArrayInputStream(data), data.length, PutOptions.DEFAULT);
    }

    private byte[] read(Location location) {
        try (InputStream in = store.get(location)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("a GET answers the object's bytes with their length and the quoted ETag")
    void getAnswersBytesLengthAndEtag() {
        put(OBJECT, DATA);

        HttpResponse<byte[]> response = PlainHttp.get(store.presignGet(OBJECT, FIVE_MINUTES));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(DATA);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(DATA.length));
        assertThat(response.headers().firstValue("ETag")).hasValue('"' + Digests.md5Hex(DATA) + '"');
    }

    @Test
    @DisplayName("a GET with one byte range answers 206 with that range and its Content-Range")
    void getOfOneRange() {
        put(OBJECT, DATA);
        URI url = store.presignGet(OBJECT, FIVE_MINUTES);

        HttpResponse<byte[]> closed = PlainHttp.send(HttpRequest.newBuilder(url).header("Range", "bytes=4-9").build());
        HttpResponse<byte[]> suffix = PlainHttp.send(HttpRequest.newBuilder(url).header("Range", "bytes=-3").build());

        assertThat(closed.statusCode()).isEqualTo(206);
        assertThat(closed.body()).isEqualTo(Arrays.copyOfRange(DATA, 4, 10));
        assertThat(closed.headers().firstValue("Content-Range")).hasValue("bytes 4-9/" + DATA.length);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(DATA, DATA.length - 3, DATA.length));
    }

    @Test
    @DisplayName("a GET of a range past the end answers 416 with the object's size")
    void getOfRangePastTheEnd() {
        put(OBJECT, DATA);

        HttpResponse<byte[]> response = PlainHttp.send(HttpRequest.newBuilder(store.presignGet(OBJECT, FIVE_MINUTES))
                .header("Range", "bytes=1000-").build());

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */" + DATA.length);
    }

    @Test
    @DisplayName("a GET of a missing object answers 404")
    void getOfMissingObject() {
        HttpResponse<byte[]> response = PlainHttp.get(store.presignGet(OBJECT, FIVE_MINUTES));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new String(response.body(), UTF_8)).contains("No such object");
    }

    @Test
    @DisplayName("a PUT without a Content-Length (chunked) stores the bytes and answers their MD5 as ETag")
    void chunkedPut() {
        HttpResponse<byte[]> response = PlainHttp.send(HttpRequest.newBuilder(store.presignPut(OBJECT, FIVE_MINUTES))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(DATA))).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue('"' + Digests.md5Hex(DATA) + '"');
        assertThat(read(OBJECT)).isEqualTo(DATA);
    }

    @Test
    @DisplayName("a URL works until its expiry, then answers 403 saying it expired")
    void expiredUrlRefused() {
        put(OBJECT, DATA);
        URI url = store.presignGet(OBJECT, Duration.ofMinutes(1));

        clock.advance(Duration.ofSeconds(60));
        assertThat(PlainHttp.get(url).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<byte[]> response = PlainHttp.get(url);

        assertDenied(response, "expired");
    }

    @Test
    @DisplayName("a URL whose signature was altered answers 403 signature mismatch")
    void tamperedSignatureRefused() {
        put(OBJECT, DATA);
        URI url = store.presignGet(OBJECT, FIVE_MINUTES);
        String signature = PlainHttp.parameter(url, PresignedUrls.SIGNATURE);
        String altered = signature.substring(0, signature.length() - 1) + (signature.endsWith("0") ? "1" : "0");

        HttpResponse<byte[]> response = PlainHttp.get(PlainHttp.withParameter(url, PresignedUrls.SIGNATURE, altered));

        assertDenied(response, "signature mismatch").doesNotContain(new String(DATA, UTF_8));
    }

    @Test
    @DisplayName("a URL whose expiry was pushed back answers 403 signature mismatch")
    void extendedExpiryRefused() {
        put(OBJECT, DATA);
        URI url = store.presignGet(OBJECT, FIVE_MINUTES);
        long expires = Long.parseLong(PlainHttp.parameter(url, PresignedUrls.EXPIRES));

        HttpResponse<byte[]> response = PlainHttp.get(PlainHttp.withParameter(url, PresignedUrls.EXPIRES, Long.toString(expires + 86_400)));

        assertDenied(response, "signature mismatch");
    }

    @Test
    @DisplayName("a URL signed with another secret answers 403 signature mismatch")
    void otherSecretRefused() {
        put(OBJECT, DATA);
        URI url = store.presignGet(OBJECT, FIVE_MINUTES);
        int port = url.getPort();
        store.close();
        store = open(Map.of("presign-listen", "127.0.0.1:" + port));

        HttpResponse<byte[]> response = PlainHttp.get(url);

        assertDenied(response, "signature mismatch");
    }

    @Test
    @DisplayName("a PUT URL used for a GET, or a GET URL for a PUT, answers 403 method not allowed and changes nothing")
    void urlUsedWithTheOtherMethodRefused() {
        put(OBJECT, DATA);

        HttpResponse<byte[]> get = PlainHttp.get(store.presignPut(OBJECT, FIVE_MINUTES));
        HttpResponse<byte[]> put = PlainHttp.put(store.presignGet(OBJECT, FIVE_MINUTES), "other bytes".getBytes(UTF_8));

        assertDenied(get, "method not allowed for this URL").doesNotContain(new String(DATA, UTF_8));
        assertDenied(put, "method not allowed for this URL");
        assertThat(read(OBJECT)).isEqualTo(DATA);
    }

    @Test
    @DisplayName("a URL for one key, its path changed to another key, answers 403 and not the other object")
    void urlForOneKeyCannotReadAnother() {
        Location other = Location.of("local://ns/data/other");
        put(OBJECT, DATA);
        put(other, "the other object".getBytes(UTF_8));
        URI url = store.presignGet(OBJECT, FIVE_MINUTES);

        HttpResponse<byte[]> response = PlainHttp.get(URI.create(url.toString().replace("/data/object?", "/data/other?")));

        assertDenied(response, "signature mismatch").doesNotContain("the other object");
    }

    @Test
    @DisplayName("a URL without its signature parameters answers 403 saying what it lacks")
    void incompleteUrlRefused() {
        put(OBJECT, DATA);
        URI url = store.presignGet(OBJECT, FIVE_MINUTES);

        HttpResponse<byte[]> response = PlainHttp.get(URI.create(url.toString().substring(0, url.toString().indexOf('?'))));

        assertDenied(response, PresignedUrls.SIGNATURE);
    }

    @Test
    @DisplayName("a parameter given twice makes the URL incomplete: no reader can pick the other value")
    void repeatedParameterRefused() {
        put(OBJECT, DATA);
        URI url = store.presignGet(OBJECT, FIVE_MINUTES);

        HttpResponse<byte[]> response = PlainHttp.get(URI.create(url + "&" + PresignedUrls.EXPIRES + "=1"));

        assertDenied(response, "twice");
    }

    @Test
    @DisplayName("a path outside /objects/ answers 404")
    void pathOutsideObjects() {
        URI url = store.presignGet(OBJECT, FIVE_MINUTES);

        assertThat(PlainHttp.get(url.resolve("/")).statusCode()).isEqualTo(404);
        assertThat(PlainHttp.get(url.resolve("/other/ns/data/object?" + url.getRawQuery())).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest(name = "key ''{0}''")
    @ValueSource(strings = {"ns/with space", "ns/100%+plus&amp=x?y#z", "ns/ünïcödé/日本語", "ns/a//b", "/leading/slash", "ns/trailing/", "ns/../dots/./x",
        "ns/.hidden/..", "ns/line\nbreak"})
    @DisplayName("any key goes through a PUT URL and comes back through a GET URL, stored under exactly that key")
    void unusualKeysRoundTrip(String key) {
        Location location = new Location("local", "", key);
        byte[] data = ("bytes of " + key).getBytes(UTF_8);

        HttpResponse<byte[]> put = PlainHttp.put(store.presignPut(location, FIVE_MINUTES), data);
        HttpResponse<byte[]> get = PlainHttp.get(store.presignGet(location, FIVE_MINUTES));

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(data);
        assertThat(read(location)).isEqualTo(data);
    }

    @Test
    @DisplayName("every spelling of a location names the same object, and gets the same URL")
    void oneUrlPerObject() {
        assertThat(store.presignGet(Location.of("local://ns/data/object"), FIVE_MINUTES))
                .isEqualTo(store.presignGet(Location.of("local:///ns/data/object"), FIVE_MINUTES));
    }

    @Test
    @DisplayName("an expiry that is not positive, or longer than 7 days, is refused naming it; 7 days is accepted")
    void expiryBounds() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(7).plusSeconds(1)}) {
            assertThatThrownBy(() -> store.presignGet(OBJECT, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid expiry " + bad + ":");
        }
        assertThat(store.presignPut(OBJECT, Duration.ofDays(7))).isNotNull();
    }

    @Test
    @DisplayName("a URL for a location of another scheme is refused, as every other call refuses it")
    void otherSchemeRefused() {
        assertThatThrownBy(() -> store.presignGet(Location.of("s3://bucket/key"), FIVE_MINUTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serves only local://");
    }

    @Test
    @DisplayName("presign-url replaces the endpoint's own address in the URLs, and a proxy stripping its path reaches the object")
    void publicBaseUrl() throws IOException {
        int port = freePort();
        store.close();
        store = open(Map.of("presign-listen", "127.0.0.1:" + port, "presign-url", "https://files.example.com/blocks/"));
        put(OBJECT, DATA);

        URI url = store.presignGet(OBJECT, FIVE_MINUTES);
        URI asForwarded = URI.create(url.toString().replace("https://files.example.com/blocks", "http://127.0.0.1:" + port));

        assertThat(url.toString()).startsWith("https://files.example.com/blocks/objects/ns/data/object?");
        assertThat(PlainHttp.get(asForwarded).body()).isEqualTo(DATA);
    }

    @Test
    @DisplayName("closing the store stops the endpoint: its URLs no longer connect")
    void closingStopsTheEndpoint() {
        put(OBJECT, DATA);
        URI url = store.presignGet(OBJECT, FIVE_MINUTES);
        assertThat(PlainHttp.get(url).statusCode()).isEqualTo(200);

        store.close();

        HttpClient fresh = HttpClient.newHttpClient();
        assertThatThrownBy(() -> fresh.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("without presign-listen there is no endpoint: presigning fails naming the capability")
    void noEndpointWithoutListen() {
        try (LocalBlockStore plain = LocalBlockStore.open(new LocalBlockStoreConfig(temp.resolve("plain")))) {
            assertThatThrownBy(() -> plain.presignGet(OBJECT, FIVE_MINUTES))
                    .isInstanceOf(UnsupportedCapabilityException.class)
                    .hasMessageContaining("PRESIGNED_URLS");
        }
    }

    /** A 403 whose body gives {@code reason}; the caller may check what else it lacks. */
    private static AbstractStringAssert<?> assertDenied(HttpResponse<byte[]> response, String reason) {
        assertThat(response.statusCode()).isEqualTo(403);
        return assertThat(new String(response.body(), UTF_8)).startsWith("Access denied: ").contains(reason);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
