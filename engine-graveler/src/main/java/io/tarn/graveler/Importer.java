package io.tarn.graveler;

import io.tarn.api.BranchName;
import io.tarn.api.Commit;
import io.tarn.api.DiffRequest;
import io.tarn.api.DirtyBranchException;
import io.tarn.api.Entry;
import io.tarn.api.ImportProgress;
import io.tarn.api.ImportRequest;
import io.tarn.api.ImportSource;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.MergeRequest;
import io.tarn.api.MergeStrategy;
import io.tarn.api.RepositoryName;
import io.tarn.api.StorageFailureException;
import io.tarn.api.VersionControl;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import io.tarn.blockstore.spi.ObjectStat;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * Zero-copy import: objects that already exist on a configured backend become entries whose
 * address is their absolute location ({@code s3://bucket/key}), so their bytes are read where they
 * are and garbage collection, which sweeps only a repository's own {@code data/}, never deletes
 * them.
 *
 * <p>The import stages its entries on a temporary branch made from the target's head, in batches,
 * commits there and merges the commit into the target (source wins on paths both changed; a
 * fast-forward when the target has not moved). A failure or a cancellation deletes the temporary
 * branch, so the target sees the whole import or nothing. Built on the engine's public operations.
 */
final class Importer {
    static final int BATCH = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String OCTET_STREAM = "application/octet-stream";

    private final VersionControl engine;
    private final BlockStoreResolver blockStores;

    Importer(VersionControl engine, BlockStoreResolver blockStores) {
        this.engine = engine;
        this.blockStores = blockStores;
    }

    Commit run(RepositoryName repository, BranchName branch, ImportRequest request, ImportProgress progress) {
        String action = "import into '" + branch + "'";
        if (!engine.diffUncommitted(repository, branch, DiffRequest.twoDot(1)).items().isEmpty()) {
            throw new DirtyBranchException(branch.value(), action);
        }
        BranchName temporary = new BranchName("_import-" + branch.value().replaceAll("[^\\w-]", "_") + "-" + HexFormat.of().formatHex(randomBytes()));
        engine.createBranch(repository, temporary, branch.value());
        try {
            long ingested = 0;
            for (ImportSource source : request.sources()) {
                ingested = stage(repository, temporary, source, ingested, progress);
            }
            if (ingested == 0) {
                throw new InvalidArgumentException("import paths", describe(request), "no object was found there");
            }
            checkCancelled(progress);
            engine.commit(repository, temporary, new io.tarn.api.CommitRequest(request.commit().message(), request.commit().committer(),
                    request.commit().metadata(), true));
            checkCancelled(progress);
            MergeRequest merge = new MergeRequest(MergeStrategy.SOURCE_WINS, request.commit().message(), request.commit().committer(),
                    request.commit().metadata(), false, false, true);
            return engine.getCommit(repository, engine.merge(repository, temporary.value(), branch, merge).head());
        } finally {
            engine.deleteBranch(repository, temporary);
        }
    }

    /** Stages one source's objects on the temporary branch; returns the count so far. */
    private long stage(RepositoryName repository, BranchName temporary, ImportSource source, long ingested, ImportProgress progress) {
        Location location;
        try {
            location = Location.of(source.location());
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("import location", source.location(), e.getMessage());
        }
        BlockStore store;
        try {
            store = blockStores.forLocation(location);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("import location", source.location(), e.getMessage());
        }
        try {
            if (!source.prefix()) {
                ObjectStat stat = store.stat(location);
                engine.stageObjects(repository, temporary, Map.of(source.destination(), entry(stat)));
                progress.ingested(ingested + 1);
                return ingested + 1;
            }
            String prefix = location.toString();
            Map<String, Entry> batch = new LinkedHashMap<>();
            try (Stream<ObjectStat> objects = store.listAll(location)) {
                Iterator<ObjectStat> it = objects.iterator();
                while (it.hasNext()) {
                    ObjectStat stat = it.next();
                    batch.put(source.destination() + stat.location().toString().substring(prefix.length()), entry(stat));
                    if (batch.size() == BATCH) {
                        ingested = flush(repository, temporary, batch, ingested, progress);
                    }
                }
            }
            return flush(repository, temporary, batch, ingested, progress);
        } catch (ObjectNotFoundException e) {
            throw new InvalidArgumentException("import location", source.location(), "no such object");
        } catch (BlockStoreException e) {
            throw new StorageFailureException(store.type(), "cannot list '" + source.location() + "' to import it: " + e.getMessage(), e);
        }
    }

    private long flush(RepositoryName repository, BranchName temporary, Map<String, Entry> batch, long ingested, ImportProgress progress) {
        checkCancelled(progress);
        if (batch.isEmpty()) {
            return ingested;
        }
        engine.stageObjects(repository, temporary, batch);
        long now = ingested + batch.size();
        batch.clear();
        progress.ingested(now);
        return now;
    }

    private static Entry entry(ObjectStat stat) {
        Map<String, String> checksums = new LinkedHashMap<>();
        stat.checksums().forEach((algorithm, value) -> checksums.put(algorithm.name(), value));
        return new Entry(stat.location().toString(), stat.size(), stat.etag(), checksums, OCTET_STREAM, Map.of(), Map.of(),
                stat.lastModified());
    }

    private static void checkCancelled(ImportProgress progress) {
        if (progress.cancelled()) {
            throw new CancellationException("The import was cancelled; nothing was committed");
        }
    }

    private static String describe(ImportRequest request) {
        return request.sources().stream().map(ImportSource::location).toList().toString();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return b;
    }
}
