package io.tarn.graveler;

import io.tarn.api.BranchName;
import io.tarn.api.Commit;
import io.tarn.api.CommitId;
import io.tarn.api.GcRequest;
import io.tarn.api.GcResult;
import io.tarn.api.GcResult.GarbageFile;
import io.tarn.api.GcRules;
import io.tarn.api.StorageFailureException;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.graveler.committed.EntryCodec;
import io.tarn.graveler.committed.EntryCodec.ByteSink;
import io.tarn.graveler.committed.EntryCodec.ByteSource;
import io.tarn.graveler.committed.MetaRange;
import io.tarn.graveler.committed.Range;
import io.tarn.graveler.committed.RangeInfo;
import io.tarn.graveler.committed.RangeStore;
import io.tarn.graveler.meta.KeyValue;
import io.tarn.graveler.meta.MetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built-in garbage collection (DESIGN §5): marks what retained commits and staged entries
 * reference, then sweeps the namespace's {@code data/}, {@code _tarn/ranges/} and
 * {@code _tarn/metaranges/} for unreferenced files older than the grace period. Objects with an
 * absolute address (imported from elsewhere) are never touched. Thread-safe.
 */
final class GarbageCollector {
    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    private static final byte RULES_VERSION = 1;

    private final MetadataStore store;
    private final RefStore refs;
    private final RangeStore ranges;
    private final Staging staging;
    private final Uploads uploads;
    private final Clock clock;

    GarbageCollector(MetadataStore store, RefStore refs, RangeStore ranges, Staging staging, Uploads uploads, Clock clock) {
        this.store = store;
        this.refs = refs;
        this.ranges = ranges;
        this.staging = staging;
        this.uploads = uploads;
        this.clock = clock;
    }

    GcRules rules(Repo repo) {
        return store.get(MetaKeys.gcRules(repo.uid())).map(GarbageCollector::decodeRules).orElse(GcRules.DEFAULT);
    }

    void setRules(Repo repo, GcRules rules) {
        store.put(MetaKeys.gcRules(repo.uid()), encodeRules(rules));
    }

    GcResult collect(Repo repo, GcRequest request) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        GcRules rules = rules(repo);
        Set<CommitId> retained = retainedCommits(repo, rules, now);
        Set<String> liveAddresses = new HashSet<>();
        Set<String> liveRanges = new HashSet<>();
        Set<String> liveMetaRanges = new HashSet<>();
        for (CommitId id : retained) {
            Commit commit = refs.commit(repo.record(), id);
            if (!liveMetaRanges.add(commit.metaRangeId())) {
                continue;
            }
            MetaRange tree = ranges.metaRange(repo.ns(), commit.metaRangeId());
            for (RangeInfo info : tree.ranges()) {
                if (liveRanges.add(info.id())) {
                    Range range = ranges.range(repo.ns(), info.id());
                    for (int i = 0; i < range.size(); i++) {
                        liveAddresses.add(EntryCodec.decode(range.encodedEntry(i)).address());
                    }
                }
            }
        }
        addStagedAddresses(repo, liveAddresses);
        liveAddresses.addAll(uploads.pendingAddresses(repo));
        Instant cutoff = now.minus(request.gracePeriod());
        List<GarbageFile> garbage = new ArrayList<>();
        sweep(repo, "data/", GarbageFile.Kind.OBJECT, cutoff, garbage, loc -> liveAddresses.contains(loc.keyBelow(repo.ns().root())));
        sweep(repo, "_tarn/ranges/", GarbageFile.Kind.RANGE, cutoff, garbage, loc -> liveRanges.contains(fileId(loc)));
        sweep(repo, "_tarn/metaranges/", GarbageFile.Kind.METARANGE, cutoff, garbage, loc -> liveMetaRanges.contains(fileId(loc)));
        long total = garbage.stream().mapToLong(GarbageFile::size).sum();
        List<String> failures = new ArrayList<>();
        if (!request.dryRun() && !garbage.isEmpty()) {
            List<Location> locations = garbage.stream().map(g -> Location.of(g.location())).toList();
            repo.ns().store().deleteAll(locations).forEach((loc, e) -> failures.add(loc + ": " + e.getMessage()));
        }
        LOG.info("Garbage collection of repository '{}' ({}): {} commits retained, {} files of {} bytes {}", repo.name(),
                request.dryRun() ? "dry run" : "deleting", retained.size(), garbage.size(), total,
                request.dryRun() ? "would be deleted" : "deleted, " + failures.size() + " failures");
        return new GcResult(request.dryRun(), garbage, total, retained.size(), failures);
    }

    /** Every branch's head, its history younger than the branch's retention, and every tagged commit. */
    private Set<CommitId> retainedCommits(Repo repo, GcRules rules, Instant now) {
        Set<CommitId> retained = new HashSet<>();
        try (Stream<KeyValue> branches = store.scan(MetaKeys.branches(repo.uid()), null)) {
            int prefix = MetaKeys.branches(repo.uid()).length;
            for (KeyValue kv : (Iterable<KeyValue>) branches::iterator) {
                BranchName name = new BranchName(MetaKeys.string(kv.key(), prefix));
                Instant cutoff = now.minus(Duration.ofDays(rules.retentionDays(name)));
                Deque<CommitId> pending = new ArrayDeque<>();
                CommitId head = BranchRecord.decode(kv.value()).head();
                retained.add(head);
                pending.add(head);
                while (!pending.isEmpty()) {
                    for (CommitId parent : refs.commit(repo.record(), pending.poll()).parents()) {
                        Commit p = refs.commit(repo.record(), parent);
                        if (!p.creationDate().isBefore(cutoff) && retained.add(parent)) {
                            pending.add(parent);
                        }
                    }
                }
            }
        }
        try (Stream<KeyValue> tags = store.scan(MetaKeys.tags(repo.uid()), null)) {
            tags.forEach(kv -> retained.add(new CommitId(MetaKeys.string(kv.value(), 0))));
        }
        return retained;
    }

    private void addStagedAddresses(Repo repo, Set<String> live) {
        try (Stream<KeyValue> branches = store.scan(MetaKeys.branches(repo.uid()), null)) {
            for (KeyValue kv : (Iterable<KeyValue>) branches::iterator) {
                for (String token : BranchRecord.decode(kv.value()).readTokens()) {
                    try (Staging.Scan scan = staging.scan(repo.uid(), token, "", "")) {
                        while (scan.hasNext()) {
                            Staging.Staged s = scan.next();
                            if (!s.isTombstone()) {
                                live.add(s.entry().address());
                            }
                        }
                    }
                }
            }
        }
    }

    private interface Live {
        boolean test(Location location);
    }

    private static void sweep(Repo repo, String dir, GarbageFile.Kind kind, Instant cutoff, List<GarbageFile> out, Live live) {
        try (Stream<ObjectStat> files = repo.ns().store().listAll(repo.ns().root().resolve(dir))) {
            files.filter(f -> f.lastModified().isBefore(cutoff) && !live.test(f.location()))
                    .forEach(f -> out.add(new GarbageFile(f.location().toString(), kind, f.size())));
        } catch (BlockStoreException e) {
            throw new StorageFailureException(repo.ns().store().type(), "cannot list " + dir + " of " + repo.ns() + ": " + e.getMessage(), e);
        }
    }

    private static String fileId(Location location) {
        String path = location.path();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.endsWith(".parquet") ? name.substring(0, name.length() - ".parquet".length()) : name;
    }

    private static byte[] encodeRules(GcRules rules) {
        ByteSink out = new ByteSink(64);
        out.writeByte(RULES_VERSION);
        out.writeInt(rules.defaultRetentionDays());
        Map<String, String> branches = new HashMap<>();
        rules.branchRetentionDays().forEach((b, d) -> branches.put(b.value(), Integer.toString(d)));
        out.writeMap(branches);
        return out.toByteArray();
    }

    private static GcRules decodeRules(byte[] bytes) {
        ByteSource in = new ByteSource(bytes);
        Records.checkVersion(in, RULES_VERSION, "garbage collection rules");
        int days = in.readInt();
        Map<BranchName, Integer> branches = new HashMap<>();
        in.readMap().forEach((b, d) -> branches.put(new BranchName(b), Integer.parseInt(d)));
        in.requireEnd();
        return new GcRules(days, branches);
    }
}
