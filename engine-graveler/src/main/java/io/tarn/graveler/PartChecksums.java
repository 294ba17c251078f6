package io.tarn.graveler;

import io.tarn.api.ChecksumType;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.UploadedPart;
import io.tarn.blockstore.spi.ChecksumAlgorithm;
import java.util.Base64;
import java.util.List;

/**
 * A multipart object's additional checksum, formed from its parts' checksums as S3 forms it, so
 * the bytes are never read again: COMPOSITE is the checksum of the concatenated raw part checksums
 * followed by {@code -<part count>}; FULL_OBJECT is the parts' CRCs combined into the CRC of the
 * whole object.
 */
final class PartChecksums {
    private PartChecksums() {
    }

    /** @throws InvalidArgumentException when a part lacks the algorithm's checksum */
    static String object(ChecksumAlgorithm algorithm, ChecksumType type, List<UploadedPart> parts) {
        Base64.Decoder base64 = Base64.getDecoder();
        if (type == ChecksumType.FULL_OBJECT) {
            byte[] crc = null;
            for (UploadedPart p : parts) {
                byte[] next = base64.decode(of(algorithm, p));
                crc = crc == null ? next : algorithm.combine(crc, next, p.size());
            }
            return Base64.getEncoder().encodeToString(crc);
        }
        ChecksumAlgorithm.Hasher hasher = algorithm.newHasher();
        for (UploadedPart p : parts) {
            byte[] raw = base64.decode(of(algorithm, p));
            hasher.update(raw, 0, raw.length);
        }
        return hasher.finishBase64() + "-" + parts.size();
    }

    private static String of(ChecksumAlgorithm algorithm, UploadedPart part) {
        String value = part.checksums().get(algorithm.name());
        if (value == null) {
            throw new InvalidArgumentException("part", Integer.toString(part.partNumber()),
                    "it was uploaded without a " + algorithm.name() + " checksum, which this upload's object checksum needs");
        }
        return value;
    }
}
