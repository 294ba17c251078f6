package io.tarn.blockstore.gcs;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.tarn.blockstore.spi.AbstractBlockStoreContractTest;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.UnusualKey;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blockstore contract, every case, against fake-gcs-server on 127.0.0.1, with a generated
 * service-account key that signs the presigned URLs.
 */
class GcsBlockStoreContractTest extends AbstractBlockStoreContractTest {
    /**
     * Why one key cannot be tested against the emulator: a 1,024-byte key of 2-byte characters makes
     * a request URL of about 3 KB; google-api-client sends every GET whose URL is longer than 2,048
     * characters as a POST with {@code X-HTTP-Method-Override: GET}, which GCS honours and
     * fake-gcs-server (through v1.56.1) does not on object routes (it answers 400).
     */
    static final String EMULATOR_LACKS_METHOD_OVERRIDE = "fake-gcs-server " + FakeGcsServer.VERSION + " ignores X-HTTP-Method-Override: GET on "
            + "object routes, which the client uses for URLs over 2,048 characters (a 1,024-byte key of 2-byte characters)";

    static final String BUCKET = "tarn-contract";

    @RegisterExtension
    static final FakeGcsServer GCS = new FakeGcsServer(BUCKET);

    @TempDir
    static Path keys;

    /** The emulator's settings; the key signs URLs only (anonymous requests). */
    static BlockStoreConfig emulatorConfig(FakeGcsServer gcs, Path keyFile) {
        return new BlockStoreConfig("gcs", Map.of(
                "project-id", FakeGcsServer.PROJECT,
                "endpoint", gcs.endpoint(),
                "anonymous", "true",
                "credentials-file", keyFile.toString(),
                "timeout", "60s",
                "max-retries", "3",
                // Larger chunks than the default: the emulator re-hashes everything received on each chunk.
                "upload-chunk-size", Integer.toString(64 << 20)));
    }

    @Override
    protected BlockStore openStore() {
        return new GcsBlockStoreProvider().open(emulatorConfig(GCS, TestServiceAccount.create(keys).file()));
    }

    @Override
    @ParameterizedTest(name = "a key with {0} round-trips, stats and lists as exactly itself")
    @EnumSource(UnusualKey.class)
    public void unusualKeyRoundTrips(UnusualKey unusual) {
        assumeFalse(unusual == UnusualKey.LONG_MULTIBYTE_SEGMENT, EMULATOR_LACKS_METHOD_OVERRIDE);
        super.unusualKeyRoundTrips(unusual);
    }

    @Override
    @Test
    @DisplayName("all unusual keys coexist as distinct objects and list exactly, in byte order")
    public void unusualKeysCoexist() {
        assumeFalse(true, EMULATOR_LACKS_METHOD_OVERRIDE);
    }

    @Override
    protected Location baseLocation() {
        return Location.of("gs://" + BUCKET + "/contract");
    }
}
