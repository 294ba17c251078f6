package io.tarn.blockstore.spi;

/**
 * Combination of reflected CRCs whose initial value and final xor are all ones (CRC-32, CRC-32C,
 * CRC-64/NVME): {@code crc(A ‖ B) = shift(crc(A), |B|) ^ crc(B)}, where the shift by {@code |B|}
 * zero bytes is a linear operator over GF(2), built by repeated squaring.
 */
final class CrcCombination {
    private CrcCombination() {
    }

    /**
     * @param polynomial the reflected polynomial
     * @param bits the CRC's width, 32 or 64
     */
    static long combine(long polynomial, int bits, long crcA, long crcB, long lengthOfB) {
        if (lengthOfB < 0) {
            throw new IllegalArgumentException("Invalid length " + lengthOfB + ": it cannot be negative");
        }
        if (lengthOfB == 0) {
            return crcA;
        }
        long[] odd = new long[bits];
        long[] even = new long[bits];
        odd[0] = polynomial; // the operator for one zero bit
        long row = 1;
        for (int n = 1; n < bits; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long crc = crcA;
        long length = lengthOfB;
        do {
            square(even, odd); // the first pass makes one zero byte
            if ((length & 1) != 0) {
                crc = times(even, crc);
            }
            length >>>= 1;
            if (length == 0) {
                break;
            }
            square(odd, even);
            if ((length & 1) != 0) {
                crc = times(odd, crc);
            }
            length >>>= 1;
        } while (length != 0);
        return crc ^ crcB;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix) {
        for (int n = 0; n < matrix.length; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }
}
