package io.tarn.blockstore.gcs;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.auth.ServiceAccountSigner;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.HttpStorageOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.google.cloud.storage.StorageRetryStrategy;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;

/**
 * The google-cloud-storage client as a config asks for it: the JSON API over HTTP, credentials
 * (a key file, none, or application default), timeouts and retries.
 *
 * @param signer signs presigned URLs, or {@code null} when the credentials cannot sign
 */
record GcsClient(Storage storage, ServiceAccountSigner signer) {
    /** The first wait before a retry; each further wait doubles, up to {@link #MAX_RETRY_DELAY}. */
    static final Duration INITIAL_RETRY_DELAY = Duration.ofMillis(100);
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);

    static GcsClient open(GcsBlockStoreConfig config) {
        Credentials loaded = config.credentialsFile() != null ? fromFile(config) : null;
        Credentials transport;
        if (config.anonymous()) {
            transport = NoCredentials.getInstance();
        } else if (loaded != null) {
            transport = loaded;
        } else {
            transport = applicationDefault();
        }
        Credentials signing = loaded != null ? loaded : transport;
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
        // Writes are retried too: Tarn's puts are all-or-nothing uploads of the same bytes, and
        // conditional ones carry generation preconditions, so a repeated attempt cannot do harm.
        HttpStorageOptions.Builder options = StorageOptions.http()
                .setProjectId(config.projectId())
                .setCredentials(transport)
                .setStorageRetryStrategy(StorageRetryStrategy.getUniformStorageRetryStrategy())
                .setRetrySettings(RetrySettings.newBuilder()
                        .setMaxAttempts(config.maxRetries() + 1)
                        .setInitialRetryDelayDuration(INITIAL_RETRY_DELAY)
                        .setRetryDelayMultiplier(2.0)
                        .setMaxRetryDelayDuration(MAX_RETRY_DELAY)
                        .setTotalTimeoutDuration(config.timeout())
                        .setInitialRpcTimeoutDuration(config.timeout())
                        .setRpcTimeoutMultiplier(1.0)
                        .setMaxRpcTimeoutDuration(config.timeout())
                        .build())
                .setTransportOptions(HttpTransportOptions.newBuilder()
                        .setConnectTimeout(timeoutMillis)
                        .setReadTimeout(timeoutMillis)
                        .build());
        config.endpointOverride().ifPresent(endpoint -> options.setHost(endpoint.toString()));
        Storage storage = options.build().getService();
        return new GcsClient(storage, signing instanceof ServiceAccountSigner signer ? signer : null);
    }

    private static Credentials fromFile(GcsBlockStoreConfig config) {
        try (InputStream in = Files.newInputStream(config.credentialsFile())) {
            return GoogleCredentials.fromStream(in);
        } catch (IOException | RuntimeException e) {
            // The parser's message may quote the file, which holds a private key: it is not repeated.
            throw new BlockStoreConfigException("Invalid blockstore.gcs.credentials-file '" + config.credentialsFile()
                    + "': cannot read it as a Google credentials JSON file (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Credentials applicationDefault() {
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new BlockStoreConfigException("Cannot find application default credentials for blockstore.gcs: set blockstore.gcs.credentials-file "
                    + "(or GOOGLE_APPLICATION_CREDENTIALS), or blockstore.gcs.anonymous=true for an emulator", e);
        }
    }
}
