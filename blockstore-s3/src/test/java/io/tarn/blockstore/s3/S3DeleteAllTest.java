package io.tarn.blockstore.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** deleteAll in DeleteObjects batches of 1,000 keys: more than one batch, several buckets, per-key failures. */
class S3DeleteAllTest {
    private static final String BUCKET = "tarn-delete-all";
    private static final String OTHER_BUCKET = "tarn-delete-all-other";

    @RegisterExtension
    static final MotoExtension MOTO = new MotoExtension(MotoServer.Mode.THREADED, BUCKET, OTHER_BUCKET);

    private static S3BlockStore store;

    @BeforeAll
    static void open() {
        store = S3BlockStore.open(new S3BlockStoreConfig(MOTO.endpoint(), "us-east-1", true, "test-key", "test-secret",
                Duration.ofSeconds(60), 3, S3BlockStoreConfig.MAX_PART_SIZE, S3BlockStoreConfig.DEFAULT_PART_SIZE));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    @DisplayName("2,001 objects over two buckets and a missing key are all deleted, with no failure reported")
    void moreThanOneBatchOverTwoBuckets() throws Exception {
        List<Location> locations = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            locations.add(Location.of("s3://" + BUCKET + "/many/" + i));
        }
        locations.add(Location.of("s3://" + OTHER_BUCKET + "/one"));
        writeAll(locations);
        List<Location> toDelete = new ArrayList<>(locations);
        toDelete.add(Location.of("s3://" + BUCKET + "/many/never-written"));

        Map<Location, BlockStoreException> failures = store.deleteAll(toDelete);

        assertThat(failures).isEmpty();
        try (var left = store.listAll(Location.of("s3://" + BUCKET + "/many/"))) {
            assertThat(left.map(ObjectStat::location)).isEmpty();
        }
        try (var left = store.listAll(Location.of("s3://" + OTHER_BUCKET + "/"))) {
            assertThat(left.map(ObjectStat::location)).isEmpty();
        }
    }

    @Test
    @DisplayName("keys in a bucket that does not exist each fail naming the bucket; the others are deleted")
    void failuresPerLocation() {
        Location kept = Location.of("s3://" + BUCKET + "/doomed");
        store.put(kept, new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.DEFAULT);
        List<Location> missingBucket = List.of(Location.of("s3://no-such-bucket/a"), Location.of("s3://no-such-bucket/b"));
        List<Location> all = new ArrayList<>(missingBucket);
        all.add(kept);

        Map<Location, BlockStoreException> failures = store.deleteAll(all);

        assertThat(failures).containsOnlyKeys(missingBucket);
        failures.forEach((location, failure) -> assertThat(failure).hasMessageContaining("bucket 'no-such-bucket'")
                .hasMessageContaining("'" + location + "'"));
        try (var left = store.listAll(Location.of("s3://" + BUCKET + "/doomed"))) {
            assertThat(left.map(ObjectStat::location)).isEmpty();
        }
    }

    private static void writeAll(List<Location> locations) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ObjectStat>> writes = new ArrayList<>();
            for (Location location : locations) {
                writes.add(pool.submit(() -> store.put(location, new ByteArrayInputStream(new byte[] {7}), 1, PutOptions.DEFAULT)));
            }
            for (Future<ObjectStat> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
