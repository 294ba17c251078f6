package io.tarn.graveler;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Physical object names: 26 characters of Crockford base32, 48 bits of milliseconds then 80 random
 * bits (the ULID layout), so names sort by creation time and never collide in practice. An object's
 * bytes are written once under a fresh name and never overwritten. Thread-safe.
 */
final class ObjectIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    ObjectIds(Clock clock) {
        this.clock = clock;
    }

    String next() {
        char[] out = new char[26];
        long time = clock.millis();
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] r = new byte[10];
        random.nextBytes(r);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 5; i++) {
            hi = hi << 8 | r[i] & 0xFF;
            lo = lo << 8 | r[i + 5] & 0xFF;
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }
}
