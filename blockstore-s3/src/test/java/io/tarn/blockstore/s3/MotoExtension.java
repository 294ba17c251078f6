package io.tarn.blockstore.s3;

import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link MotoServer} for a test class: register it as a static field with
 * {@code @RegisterExtension}. moto starts before the class's {@code @BeforeAll} methods and stops
 * after its {@code @AfterAll} methods, so a store under test can still clean up.
 */
public final class MotoExtension implements BeforeAllCallback, AfterAllCallback {
    private final MotoServer.Mode mode;
    private final String[] buckets;
    private MotoServer moto;

    /** @param buckets created once moto runs */
    public MotoExtension(MotoServer.Mode mode, String... buckets) {
        this.mode = mode;
        this.buckets = buckets.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        moto = MotoServer.start(mode);
        for (String bucket : buckets) {
            moto.createBucket(bucket);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (moto != null) {
            moto.close();
            moto = null;
        }
    }

    /** The running server. @throws IllegalStateException outside the test class's lifetime */
    public MotoServer moto() {
        if (moto == null) {
            throw new IllegalStateException("Cannot use moto: it runs only while the test class does");
        }
        return moto;
    }

    public URI endpoint() {
        return moto().endpoint();
    }
}
