package io.tarn.gateway.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tarn.gateway.access.AccessKey;
import io.tarn.gateway.access.AccessKeys;
import io.tarn.gateway.access.Principal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What the auth tests share: building requests, reading payloads, and catching S3 errors. */
final class AuthTesting {
    private AuthTesting() {}

    static S3Authenticator authenticator(String accessKeyId, String secret, Instant now) {
        return authenticator(new CountingKeys(accessKey(accessKeyId, secret)), now);
    }

    static S3Authenticator authenticator(AccessKeys keys, Instant now) {
        return new S3Authenticator(keys, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A key of a user without grants: the authenticator needs only its id and secret. */
    static AccessKey accessKey(String accessKeyId, String secret) {
        return new AccessKey(accessKeyId, secret, Instant.EPOCH, new Principal("tester", Instant.EPOCH, false, Map.of()));
    }

    /** A directory of one access key that counts how often it is asked. */
    static final class CountingKeys implements AccessKeys {
        private final AccessKey key;
        private final AtomicInteger lookups = new AtomicInteger();

        CountingKeys(AccessKey key) {
            this.key = key;
        }

        @Override
        public Optional<AccessKey> find(String accessKeyId) {
            lookups.incrementAndGet();
            return key.accessKeyId().equals(accessKeyId) ? Optional.of(key) : Optional.empty();
        }

        AccessKey key() {
            return key;
        }

        int lookups() {
            return lookups.get();
        }
    }

    static SignedRequest request(String method, String path, String query, Map<String, String> headers) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        headers.forEach((name, value) -> lists.put(name.toLowerCase(Locale.ROOT), List.of(value)));
        return new SignedRequest(method, path, query, lists);
    }

    /** The S3 error that authenticating (or anything else) fails with; fails the test if none. */
    static S3AuthException authFailure(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("an S3AuthException").isInstanceOf(S3AuthException.class);
        return (S3AuthException) thrown;
    }

    /** Reads a payload to its end and returns the S3 error its last read failed with. */
    static S3AuthException payloadFailure(InputStream payload, int bufferSize) {
        Throwable thrown = catchThrowable(() -> readAll(payload, bufferSize));
        assertThat(thrown).as("a read failing with an IOException").isInstanceOf(IOException.class);
        assertThat(thrown.getCause()).as("caused by an S3AuthException").isInstanceOf(S3AuthException.class);
        return (S3AuthException) thrown.getCause();
    }

    static byte[] readAll(InputStream in, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[bufferSize];
        int n;
        while ((n = in.read(buffer, 0, bufferSize)) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static byte[] readAllUnchecked(InputStream in) {
        try {
            return readAll(in, 8192);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
