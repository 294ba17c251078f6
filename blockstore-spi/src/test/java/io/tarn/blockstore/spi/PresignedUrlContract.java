package io.tarn.blockstore.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** URLs a client without credentials can use, tested when the store offers {@link Capability#PRESIGNED_URLS}. Part of {@link AbstractBlockStoreContractTest}. */
public interface PresignedUrlContract extends BlockStoreFixture {
    private SupportsPresignedUrls presigner() {
        assumeCapability(Capability.PRESIGNED_URLS);
        return store().require(Capability.PRESIGNED_URLS, SupportsPresignedUrls.class);
    }

    /**
     * Headers the backend's protocol requires on a presigned PUT, which a client of that backend
     * sends as a matter of course: none for S3, {@code x-ms-blob-type: BlockBlob} for Azure (a Put
     * Blob without it is refused, and a SAS cannot carry it). Override in the plugin's test.
     */
    default Map<String, String> presignedPutHeaders() {
        return Map.of();
    }

    @Test
    @DisplayName("a plain HTTP GET of a presigned GET URL returns the object's bytes")
    default void presignedGet() throws Exception {
        SupportsPresignedUrls presigner = presigner();
        byte[] data = DeterministicBytes.bytes(71, 2500);
        put(at("signed/get"), data);
        URI url = presigner.presignGet(at("signed/get"), Duration.ofMinutes(5));

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(data);
    }

    @Test
    @DisplayName("bytes sent by a plain HTTP PUT to a presigned PUT URL are then readable through the store")
    default void presignedPut() throws Exception {
        SupportsPresignedUrls presigner = presigner();
        byte[] data = DeterministicBytes.bytes(72, 2500);
        URI url = presigner.presignPut(at("signed/put"), Duration.ofMinutes(5));

        HttpRequest.Builder request = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(data));
        presignedPutHeaders().forEach(request::header);

        HttpResponse<Void> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isBetween(200, 299);
        assertThat(read(at("signed/put"))).isEqualTo(data);
        assertThat(store().stat(at("signed/put")).etag()).isEqualTo(Digests.md5Hex(data));
    }
}
