package io.tarn.blockstore.spi;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ChecksumAlgorithmTest {
    private static final byte[] CHECK_INPUT = "123456789".getBytes(US_ASCII);

    @ParameterizedTest(name = "{0} of \"123456789\" is the published check value {1}")
    @CsvSource({
        "CRC32, cbf43926",
        "CRC32C, e3069283",
        "CRC64NVME, ae8b14860a799888",
        "SHA1, f7c3bc1d808e04732adf679965ccc34ca7ae3441",
        "SHA256, 15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225",
    })
    void checkValues(ChecksumAlgorithm algorithm, String hex) {
        assertThat(compute(algorithm, CHECK_INPUT)).isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
    }

    @ParameterizedTest(name = "{0} agrees with an independent computation over 100 kB of data")
    @EnumSource(ChecksumAlgorithm.class)
    void agreesWithIndependentComputation(ChecksumAlgorithm algorithm) {
        byte[] data = DeterministicBytes.bytes(42, 100_003);

        assertThat(compute(algorithm, data)).isEqualTo(Digests.expected(algorithm, data));
    }

    @ParameterizedTest(name = "{0} fed in uneven pieces equals {0} fed at once")
    @EnumSource(ChecksumAlgorithm.class)
    void incrementalEqualsWhole(ChecksumAlgorithm algorithm) {
        byte[] data = DeterministicBytes.bytes(3, 10_000);
        ChecksumAlgorithm.Hasher hasher = algorithm.newHasher();
        int offset = 0;
        for (int piece = 1; offset < data.length; piece = piece * 3 + 1) {
            int n = Math.min(piece, data.length - offset);
            hasher.update(data, offset, n);
            offset += n;
        }

        assertThat(hasher.finishBase64()).isEqualTo(compute(algorithm, data));
    }

    @ParameterizedTest(name = "{0} of two pieces combines into {0} of the whole, for every split")
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void crcsCombine(ChecksumAlgorithm algorithm) {
        byte[] data = DeterministicBytes.bytes(7, 3_000);
        for (int split : new int[] {0, 1, 2, 3, 4, 7, 8, 1023, 1024, 2999, 3000}) {
            byte[] a = java.util.Arrays.copyOfRange(data, 0, split);
            byte[] b = java.util.Arrays.copyOfRange(data, split, data.length);

            byte[] combined = algorithm.combine(raw(algorithm, a), raw(algorithm, b), b.length);

            assertThat(Base64.getEncoder().encodeToString(combined)).as("split at %d", split).isEqualTo(compute(algorithm, data));
        }
    }

    @Test
    @DisplayName("only CRCs combine, and only values of their width")
    void combineRefusesOthers() {
        assertThatThrownBy(() -> ChecksumAlgorithm.SHA256.combine(new byte[32], new byte[32], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA256");
        assertThatThrownBy(() -> ChecksumAlgorithm.CRC32.combine(new byte[8], new byte[4], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 and 4 bytes");
    }

    @Test
    @DisplayName("CRC-64/NVME of nothing is zero")
    void crc64OfNothing() {
        assertThat(compute(ChecksumAlgorithm.CRC64NVME, new byte[0])).isEqualTo(Digests.base64(0, 8));
    }

    @Test
    @DisplayName("CRC widths are 4 and 8 bytes, big-endian")
    void crcWidths() {
        assertThat(ChecksumAlgorithm.CRC32.newHasher().finish()).hasSize(4);
        assertThat(ChecksumAlgorithm.CRC64NVME.newHasher().finish()).hasSize(8);
    }

    @Test
    @DisplayName("parse accepts S3's spellings in any case")
    void parseAnyCase() {
        assertThat(ChecksumAlgorithm.parse("crc64nvme")).isEqualTo(ChecksumAlgorithm.CRC64NVME);
        assertThat(ChecksumAlgorithm.parse("Sha256")).isEqualTo(ChecksumAlgorithm.SHA256);
    }

    @Test
    @DisplayName("parse refuses an unknown name, naming it")
    void parseRefusesUnknown() {
        assertThatThrownBy(() -> ChecksumAlgorithm.parse("md4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid checksum algorithm 'md4'");
    }

    @Test
    @DisplayName("header names are S3's lower-case names")
    void headerNames() {
        assertThat(ChecksumAlgorithm.CRC32C.headerName()).isEqualTo("crc32c");
    }

    private static String compute(ChecksumAlgorithm algorithm, byte[] data) {
        return Base64.getEncoder().encodeToString(raw(algorithm, data));
    }

    private static byte[] raw(ChecksumAlgorithm algorithm, byte[] data) {
        ChecksumAlgorithm.Hasher hasher = algorithm.newHasher();
        hasher.update(data, 0, data.length);
        return hasher.finish();
    }
}
