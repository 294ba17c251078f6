package io.tarn.graveler;

import io.tarn.api.AlreadyExistsException;
import io.tarn.api.Branch;
import io.tarn.api.BranchName;
import io.tarn.api.ChecksumType;
import io.tarn.api.Commit;
import io.tarn.api.CommitId;
import io.tarn.api.CommitRequest;
import io.tarn.api.DiffEntry;
import io.tarn.api.DiffRequest;
import io.tarn.api.Entry;
import io.tarn.api.GcRequest;
import io.tarn.api.GcResult;
import io.tarn.api.GcRules;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.ListRequest;
import io.tarn.api.LogRequest;
import io.tarn.api.MergeRequest;
import io.tarn.api.MergeResult;
import io.tarn.api.NotFoundException;
import io.tarn.api.ObjectContent;
import io.tarn.api.ObjectListing;
import io.tarn.api.MultipartUpload;
import io.tarn.api.ObjectWrite;
import io.tarn.api.UploadedPart;
import io.tarn.api.Page;
import io.tarn.api.Repository;
import io.tarn.api.RepositoryName;
import io.tarn.api.ResetScope;
import io.tarn.api.StorageFailureException;
import io.tarn.api.Tag;
import io.tarn.api.TagName;
import io.tarn.api.VersionControl;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.ByteRange;
import io.tarn.blockstore.spi.ChecksumAlgorithm;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.graveler.committed.Change;
import io.tarn.graveler.committed.Difference;
import io.tarn.graveler.committed.EntryCodec;
import io.tarn.graveler.committed.MetaRange;
import io.tarn.graveler.committed.Namespace;
import io.tarn.graveler.committed.RangeStore;
import io.tarn.graveler.committed.TreeDiff;
import io.tarn.graveler.committed.TreeWriter;
import io.tarn.graveler.meta.KeyValue;
import io.tarn.graveler.meta.MetadataStore;
import io.tarn.graveler.meta.WriteBatch;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The engine: {@link VersionControl} over a {@link MetadataStore} (refs, commits, staging) and
 * blockstores (object bytes, range and metarange files). See DESIGN §3–§6 and docs/architecture.md.
 * Thread-safe; one instance per metadata store.
 */
public final class Graveler implements VersionControl {
    /** S3's limit on key length, in UTF-8 bytes. */
    static final int MAX_PATH_BYTES = 1024;
    private static final String INITIAL_COMMIT_MESSAGE = "Repository created";
    private static final String MARKER = "_tarn/repository";

    private final MetadataStore store;
    private final BlockStoreResolver blockStores;
    private final GravelerOptions options;
    private final RefStore refs;
    private final Staging staging;
    private final RangeStore ranges;
    private final TreeWriter writer;
    private final ObjectReader reader;
    private final CommitGraph graph;
    private final BranchLocks locks = new BranchLocks();
    private final Committer committer;
    private final ObjectIds objectIds;
    private final GarbageCollector gc;
    private final Uploads uploads;
    private final java.util.concurrent.ConcurrentHashMap<RepositoryName, Repo> openRepos = new java.util.concurrent.ConcurrentHashMap<>();

    public Graveler(MetadataStore store, BlockStoreResolver blockStores, GravelerOptions options) {
        this.store = store;
        this.blockStores = blockStores;
        this.options = options;
        this.refs = new RefStore(store);
        this.staging = new Staging(store);
        this.ranges = new RangeStore(options.cacheDir(), options.diskCacheBytes(), options.memoryCacheBytes());
        this.writer = new TreeWriter(ranges, options.splitPolicy());
        this.reader = new ObjectReader(refs, staging, ranges);
        this.graph = new CommitGraph(refs, ranges);
        this.committer = new Committer(store, refs, staging, ranges, writer, reader, graph, locks, options.clock());
        this.objectIds = new ObjectIds(options.clock());
        this.uploads = new Uploads(store, refs, objectIds, options.clock());
        this.gc = new GarbageCollector(store, refs, ranges, staging, uploads, options.clock());
    }

    /** Cache statistics, for logs and benchmarks. */
    public String cacheStats() {
        return ranges.stats();
    }

    // Repositories

    @Override
    public Repository createRepository(RepositoryName name, String storageNamespace, BranchName defaultBranch) {
        Location root = parseNamespace(storageNamespace);
        Namespace ns = new Namespace(blockStore(root, "storage namespace", storageNamespace), root);
        if (store.get(MetaKeys.repository(name)).isPresent()) {
            throw new AlreadyExistsException("repository", name.value());
        }
        String normalized = root.toString();
        String user = namespaceUser(normalized);
        if (user != null) {
            throw AlreadyExistsException.withMessage(storageNamespace, "Cannot create repository '" + name + "': storage namespace '"
                    + storageNamespace + "' overlaps the namespace of repository '" + user + "'");
        }
        claimNamespace(ns, name, storageNamespace);
        Instant now = Instant.ofEpochMilli(options.clock().millis());
        Repository repository = new Repository(name, normalized, defaultBranch, now);
        RepositoryRecord record = new RepositoryRecord(Hashing.randomId(), repository);
        MetaRange empty = writer.write(ns, List.<Change>of().iterator());
        CommitId id = Records.commitId(List.of(), empty.id(), INITIAL_COMMIT_MESSAGE, "", now, Map.of());
        Commit initial = new Commit(id, List.of(), empty.id(), INITIAL_COMMIT_MESSAGE, "", now, Map.of(), 1);
        WriteBatch batch = new WriteBatch()
                .expect(MetaKeys.repository(name), null)
                .expect(MetaKeys.namespace(normalized), null)
                .put(MetaKeys.repository(name), record.encode())
                .put(MetaKeys.namespace(normalized), MetaKeys.utf8(name.value()))
                .put(MetaKeys.commit(record.uid(), id), Records.encodeCommit(initial))
                .put(MetaKeys.branch(record.uid(), defaultBranch), BranchRecord.fresh(id).encode());
        if (store.write(batch) != WriteBatch.Outcome.APPLIED) {
            throw new AlreadyExistsException("repository", name.value());
        }
        return repository;
    }

    private Location parseNamespace(String storageNamespace) {
        try {
            Location root = Location.of(storageNamespace);
            if (MetaKeys.utf8(root.toString()).length > 400) {
                throw new InvalidArgumentException("storage namespace", storageNamespace, "it is longer than 400 bytes");
            }
            return root;
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("storage namespace", storageNamespace, "expected scheme://authority/path (" + e.getMessage() + ")");
        }
    }

    private BlockStore blockStore(Location location, String what, String value) {
        try {
            return blockStores.forLocation(location);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(what, value, e.getMessage());
        }
    }

    /** The repository whose namespace equals, contains or lies within this one, if any. */
    private String namespaceUser(String namespace) {
        try (Stream<KeyValue> s = store.scan(MetaKeys.namespaces(), null)) {
            return s.filter(kv -> overlaps(MetaKeys.string(kv.key(), "nsp/".length()), namespace))
                    .map(kv -> MetaKeys.string(kv.value(), 0)).findFirst().orElse(null);
        }
    }

    private static boolean overlaps(String a, String b) {
        String x = a.endsWith("/") ? a : a + "/";
        String y = b.endsWith("/") ? b : b + "/";
        return x.startsWith(y) || y.startsWith(x);
    }

    /** Proves write access and marks the namespace as this repository's, refusing one marked by another. */
    private void claimNamespace(Namespace ns, RepositoryName name, String storageNamespace) {
        Location marker = ns.root().resolve(MARKER);
        try {
            try {
                ObjectStat existing = ns.store().stat(marker);
                String owner;
                try (InputStream in = ns.store().get(marker)) {
                    owner = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("?");
                }
                throw AlreadyExistsException.withMessage(storageNamespace, "Cannot create repository '" + name + "': storage namespace '"
                        + storageNamespace + "' already holds repository '" + owner + "' (marked by " + marker + ", " + existing.size()
                        + " bytes); use a fresh namespace");
            } catch (io.tarn.blockstore.spi.ObjectNotFoundException absent) {
                byte[] content = (name.value() + "\n").getBytes(StandardCharsets.UTF_8);
                ns.store().put(marker, new ByteArrayInputStream(content), content.length, PutOptions.DEFAULT);
            }
        } catch (BlockStoreException | java.io.IOException e) {
            throw new StorageFailureException(ns.store().type(), "cannot write to storage namespace '" + storageNamespace
                    + "', so it cannot hold a repository: " + e.getMessage(), e);
        }
    }

    @Override
    public Repository getRepository(RepositoryName name) {
        return refs.repository(name).repository();
    }

    @Override
    public Page<Repository> listRepositories(String after, int amount) {
        checkAmount(amount);
        byte[] prefix = MetaKeys.repositories();
        byte[] start = after.isEmpty() ? null : MetaKeys.utf8("repo/" + after);
        return page(prefix, start, amount, kv -> RepositoryRecord.decode(kv.value()).repository(), r -> r.name().value());
    }

    @Override
    public void deleteRepository(RepositoryName name) {
        RepositoryRecord record = refs.repository(name);
        WriteBatch batch = new WriteBatch()
                .expect(MetaKeys.repository(name), record.encode())
                .delete(MetaKeys.repository(name))
                .delete(MetaKeys.namespace(record.repository().storageNamespace()));
        if (store.write(batch) != WriteBatch.Outcome.APPLIED) {
            throw new NotFoundException(NotFoundException.Kind.REPOSITORY, name.value(), "it was deleted or replaced meanwhile");
        }
        openRepos.remove(name);
        KeySweep.deleteUnder(store, MetaKeys.repositoryData(record.uid()));
        refs.forgetRepository(record.uid());
        openRepos.remove(name); // again: a reader racing the deletion may have cached it meanwhile
    }

    // Branches

    @Override
    public Branch createBranch(RepositoryName repository, BranchName name, String sourceRef) {
        Repo repo = repo(repository);
        CommitId head = refs.resolve(repo.record(), sourceRef).commit();
        WriteBatch batch = new WriteBatch().expect(MetaKeys.branch(repo.uid(), name), null);
        if (RefStore.isTagName(name.value())) {
            batch.expect(MetaKeys.tag(repo.uid(), new TagName(name.value())), null);
        }
        batch.put(MetaKeys.branch(repo.uid(), name), BranchRecord.fresh(head).encode());
        if (store.write(batch) != WriteBatch.Outcome.APPLIED) {
            String what = refs.branchBytes(repo.uid(), name).isPresent() ? "branch" : "branch (a tag has that name)";
            throw new AlreadyExistsException(what, name.value());
        }
        return new Branch(name, head);
    }

    @Override
    public Branch getBranch(RepositoryName repository, BranchName name) {
        Repo repo = repo(repository);
        return new Branch(name, refs.branch(repo.record(), name).head());
    }

    @Override
    public Page<Branch> listBranches(RepositoryName repository, String after, int amount) {
        checkAmount(amount);
        Repo repo = repo(repository);
        byte[] prefix = MetaKeys.branches(repo.uid());
        byte[] start = after.isEmpty() ? null : MetaKeys.concat(prefix, MetaKeys.utf8(after));
        return page(prefix, start, amount,
                kv -> new Branch(new BranchName(MetaKeys.string(kv.key(), prefix.length)), BranchRecord.decode(kv.value()).head()),
                b -> b.name().value());
    }

    @Override
    public void deleteBranch(RepositoryName repository, BranchName name) {
        Repo repo = repo(repository);
        if (repo.record().repository().defaultBranch().equals(name)) {
            throw new InvalidArgumentException("branch", name.value(), "it is the default branch of repository '" + repository
                    + "', which cannot be deleted");
        }
        locks.withLock(repo.uid(), name, () -> {
            byte[] current = refs.branchBytes(repo.uid(), name).orElseThrow(() -> new NotFoundException(NotFoundException.Kind.BRANCH,
                    name.value(), "repository '" + repository + "' has no such branch"));
            BranchRecord record = BranchRecord.decode(current);
            if (!store.compareAndSwap(MetaKeys.branch(repo.uid(), name), current, null)) {
                throw new io.tarn.api.PreconditionFailedException("Cannot delete branch '" + name + "': it changed meanwhile; try again");
            }
            for (String token : record.readTokens()) {
                staging.drop(repo.uid(), token);
            }
            return null;
        });
    }

    @Override
    public void reset(RepositoryName repository, BranchName branch, ResetScope scope) {
        Repo repo = repo(repository);
        locks.withLock(repo.uid(), branch, () -> {
            // A tag or a commit gets its read-only error, as for any other write.
            byte[] current = refs.writableBranch(repo.record(), branch);
            BranchRecord record = BranchRecord.decode(current);
            if (scope instanceof ResetScope.Path path) {
                staging.dropPath(repo.uid(), record.readTokens(), checkPath(path.path()));
            } else if (scope instanceof ResetScope.Prefix prefix) {
                staging.dropPrefix(repo.uid(), record.readTokens(), prefix.prefix());
            } else {
                BranchRecord cleared = BranchRecord.fresh(record.head());
                if (!store.compareAndSwap(MetaKeys.branch(repo.uid(), branch), current, cleared.encode())) {
                    throw new io.tarn.api.PreconditionFailedException("Cannot reset branch '" + branch + "': it changed meanwhile; try again");
                }
                for (String token : record.readTokens()) {
                    staging.drop(repo.uid(), token);
                }
            }
            return null;
        });
    }

    // Objects

    @Override
    public Entry writeObject(RepositoryName repository, BranchName branch, String path, InputStream data, long length, ObjectWrite description,
            java.util.function.Consumer<Entry> beforeStaging) {
        Repo repo = repo(repository);
        checkPath(path);
        writableBranch(repo, branch);
        Set<ChecksumAlgorithm> algorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
        for (String name : description.checksums()) {
            algorithms.add(checksumAlgorithm(name));
        }
        String address = "data/" + objectIds.next();
        ObjectStat stat;
        LengthCheckingInputStream body = new LengthCheckingInputStream(data, length);
        try {
            stat = repo.ns().store().put(repo.ns().root().resolve(address), body, length,
                    new PutOptions(algorithms, description.contentType()));
        } catch (BlockStoreException e) {
            if (body.mismatch() != null) {
                throw new InvalidArgumentException("content length of '" + path + "'", Long.toString(length), body.mismatch());
            }
            throw new StorageFailureException(repo.ns().store().type(), "cannot write '" + path + "': " + e.getMessage(), e);
        }
        Map<String, String> checksums = new HashMap<>();
        stat.checksums().forEach((alg, value) -> checksums.put(alg.name(), value));
        Entry entry = new Entry(address, stat.size(), stat.etag(), checksums, description.contentType(), description.userMetadata(),
                description.tags(), Instant.ofEpochMilli(options.clock().millis()));
        beforeStaging.accept(entry);
        stage(repo, branch, path, entry);
        return entry;
    }

    @Override
    public void stageObject(RepositoryName repository, BranchName branch, String path, Entry entry) {
        Repo repo = repo(repository);
        checkPath(path);
        stage(repo, branch, path, entry);
    }

    @Override
    public void stageObjects(RepositoryName repository, BranchName branch, Map<String, Entry> entries) {
        Repo repo = repo(repository);
        if (entries.size() > MAX_BULK_STAGE) {
            throw new InvalidArgumentException("number of entries", Integer.toString(entries.size()), "at most " + MAX_BULK_STAGE
                    + " can be staged at once");
        }
        entries.keySet().forEach(Graveler::checkPath);
        stage(repo, branch, (batch, token) -> entries.forEach((path, entry) -> Staging.put(batch, repo.uid(), token, path, entry)),
                entries.size() + " objects");
    }

    // Multipart uploads

    @Override
    public MultipartUpload createMultipartUpload(RepositoryName repository, BranchName branch, String path, ObjectWrite description,
            ChecksumType checksumType) {
        checkPath(path);
        for (String c : description.checksums()) {
            checksumAlgorithm(c);
        }
        return uploads.create(repo(repository), branch, path, description, Objects.requireNonNull(checksumType, "checksumType"));
    }

    @Override
    public UploadedPart uploadPart(RepositoryName repository, String uploadId, int partNumber, InputStream data, long length,
            Set<String> checksums) {
        checksums.forEach(Graveler::checksumAlgorithm);
        return uploads.uploadPart(repo(repository), uploadId, partNumber, data, length, checksums);
    }

    @Override
    public List<UploadedPart> listParts(RepositoryName repository, String uploadId) {
        return uploads.listParts(repo(repository), uploadId);
    }

    @Override
    public Entry completeMultipartUpload(RepositoryName repository, String uploadId, List<Map.Entry<Integer, String>> parts,
            java.util.function.Consumer<Entry> beforeStaging) {
        Repo repo = repo(repository);
        Uploads.UploadRecord record = uploads.record(repo, uploadId);
        Entry entry = uploads.complete(repo, uploadId, parts, beforeStaging);
        stage(repo, record.upload().branch(), record.upload().path(), entry);
        uploads.forget(repo, uploadId);
        return entry;
    }

    @Override
    public void abortMultipartUpload(RepositoryName repository, String uploadId) {
        uploads.abort(repo(repository), uploadId);
    }

    @Override
    public List<MultipartUpload> listMultipartUploads(RepositoryName repository) {
        return uploads.list(repo(repository));
    }

    private static ChecksumAlgorithm checksumAlgorithm(String name) {
        try {
            return ChecksumAlgorithm.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("checksum algorithm", name, "expected one of " + List.of(ChecksumAlgorithm.values()));
        }
    }

    @Override
    public void deleteObject(RepositoryName repository, BranchName branch, String path) {
        Repo repo = repo(repository);
        checkPath(path);
        stage(repo, branch, path, null);
    }

    /** Stages an entry (or a tombstone) in the branch's current staging token, unless a commit sealed it meanwhile. */
    private void stage(Repo repo, BranchName branch, String path, Entry entry) {
        stage(repo, branch, (batch, token) -> Staging.put(batch, repo.uid(), token, path, entry), "'" + path + "'");
    }

    private void stage(Repo repo, BranchName branch, java.util.function.BiConsumer<WriteBatch, String> puts, String what) {
        byte[] branchKey = MetaKeys.branch(repo.uid(), branch);
        for (int attempt = 0; attempt < 1000; attempt++) {
            byte[] current = writableBranch(repo, branch);
            BranchRecord record = BranchRecord.decode(current);
            WriteBatch batch = new WriteBatch().expect(branchKey, current);
            puts.accept(batch, record.stagingToken());
            if (store.write(batch) == WriteBatch.Outcome.APPLIED) {
                return;
            }
        }
        throw new io.tarn.api.PreconditionFailedException("Cannot stage " + what + " on branch '" + branch
                + "': the branch kept changing under 1000 attempts; try again");
    }

    private byte[] writableBranch(Repo repo, BranchName branch) {
        return refs.writableBranch(repo.record(), branch);
    }

    @Override
    public Entry statObject(RepositoryName repository, String ref, String path) {
        Repo repo = repo(repository);
        ResolvedRef resolved = refs.resolve(repo.record(), ref);
        return reader.stat(repo, resolved, path).orElseThrow(() -> new NotFoundException(NotFoundException.Kind.OBJECT, path,
                "ref '" + ref + "' of repository '" + repository + "' has no such object"));
    }

    @Override
    public ObjectContent readObject(RepositoryName repository, String ref, String path, long offset, long length) {
        Repo repo = repo(repository);
        Entry entry = statObject(repository, ref, path);
        if (offset < 0) {
            throw new InvalidArgumentException("offset", Long.toString(offset), "it cannot be negative");
        }
        if (length < -1) {
            throw new InvalidArgumentException("length", Long.toString(length), "expected -1 (to the end) or a non-negative count");
        }
        if (offset > entry.size() || offset == entry.size() && entry.size() > 0 && length != 0) {
            throw new InvalidArgumentException("offset", Long.toString(offset), "object '" + path + "' has " + entry.size() + " bytes");
        }
        if (entry.size() == 0 || length == 0) {
            return new ObjectContent(entry, offset, 0, InputStream.nullInputStream());
        }
        if (offset >= entry.size()) {
            throw new InvalidArgumentException("offset", Long.toString(offset), "object '" + path + "' has " + entry.size() + " bytes");
        }
        long last = length < 0 ? entry.size() - 1 : Math.min(entry.size() - 1, offset + length - 1);
        Location location = entry.address().contains("://") ? Location.of(entry.address()) : repo.ns().root().resolve(entry.address());
        BlockStore blockStore = location.scheme().equals(repo.ns().root().scheme()) ? repo.ns().store()
                : blockStore(location, "object address", entry.address());
        try {
            InputStream in = offset == 0 && last == entry.size() - 1 ? blockStore.get(location)
                    : blockStore.get(location, ByteRange.closed(offset, last));
            return new ObjectContent(entry, offset, last - offset + 1, in);
        } catch (BlockStoreException e) {
            throw new StorageFailureException(blockStore.type(), "cannot read '" + path + "' at " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ObjectListing listObjects(RepositoryName repository, String ref, ListRequest request) {
        Repo repo = repo(repository);
        return reader.list(repo, refs.resolve(repo.record(), ref), request);
    }

    // Commits, log, diff

    @Override
    public Commit commit(RepositoryName repository, BranchName branch, CommitRequest request) {
        return committer.commit(repo(repository), branch, request);
    }

    @Override
    public Commit getCommit(RepositoryName repository, CommitId id) {
        return refs.commit(repo(repository).record(), id);
    }

    @Override
    public CommitId resolve(RepositoryName repository, String ref) {
        return refs.resolve(repo(repository).record(), ref).commit();
    }

    @Override
    public Page<Commit> log(RepositoryName repository, String ref, LogRequest request) {
        Repo repo = repo(repository);
        return graph.log(repo, refs.resolve(repo.record(), ref).commit(), request);
    }

    @Override
    public Page<DiffEntry> diff(RepositoryName repository, String leftRef, String rightRef, DiffRequest request) {
        Repo repo = repo(repository);
        CommitId left = refs.resolve(repo.record(), leftRef).commit();
        CommitId right = refs.resolve(repo.record(), rightRef).commit();
        if (request.threeDot()) {
            CommitId base = graph.mergeBase(repo, left, right);
            left = base;
        }
        MetaRange leftTree = left == null ? MetaRange.empty() : reader.tree(repo, left);
        MetaRange rightTree = reader.tree(repo, right);
        TreeDiff diff = new TreeDiff(ranges, repo.ns(), leftTree, rightTree, request.prefix(), request.after());
        List<DiffEntry> out = new ArrayList<>();
        while (diff.hasNext()) {
            Difference d = diff.next();
            if (out.size() == request.amount()) {
                return new Page<>(out, true, out.get(out.size() - 1).path());
            }
            out.add(d.toDiffEntry());
        }
        return Page.last(out);
    }

    @Override
    public Page<DiffEntry> diffUncommitted(RepositoryName repository, BranchName branch, DiffRequest request) {
        Repo repo = repo(repository);
        BranchRecord record = refs.branch(repo.record(), branch);
        MetaRange tree = reader.tree(repo, record.head());
        List<DiffEntry> out = new ArrayList<>();
        try (Overlay staged = reader.staged(repo, record.readTokens(), request.prefix(), request.after())) {
            while (staged.hasNext()) {
                Change c = staged.next();
                Entry committed = reader.committed(repo, tree, c.key()).orElse(null);
                DiffEntry d = uncommittedDiff(c, committed);
                if (d == null) {
                    continue;
                }
                if (out.size() == request.amount()) {
                    return new Page<>(out, true, out.get(out.size() - 1).path());
                }
                out.add(d);
            }
        }
        return Page.last(out);
    }

    private static DiffEntry uncommittedDiff(Change staged, Entry committed) {
        if (staged.isDelete()) {
            return committed == null ? null : new DiffEntry(staged.key(), DiffEntry.Type.REMOVED, committed, null);
        }
        Entry entry = EntryCodec.decode(staged.encodedEntry());
        if (committed == null) {
            return new DiffEntry(staged.key(), DiffEntry.Type.ADDED, null, entry);
        }
        return committed.sameContent(entry) ? null : new DiffEntry(staged.key(), DiffEntry.Type.CHANGED, committed, entry);
    }

    // Merge, revert, cherry-pick

    @Override
    public Commit importObjects(RepositoryName repository, BranchName branch, io.tarn.api.ImportRequest request,
            io.tarn.api.ImportProgress progress) {
        return new Importer(this, blockStores).run(repository, branch, request, progress);
    }

    @Override
    public MergeResult merge(RepositoryName repository, String sourceRef, BranchName destination, MergeRequest request) {
        return committer.merge(repo(repository), sourceRef, destination, request);
    }

    @Override
    public CommitId mergeBase(RepositoryName repository, String leftRef, String rightRef) {
        Repo repo = repo(repository);
        CommitId base = graph.mergeBase(repo, refs.resolve(repo.record(), leftRef).commit(), refs.resolve(repo.record(), rightRef).commit());
        if (base == null) {
            throw new NotFoundException(NotFoundException.Kind.COMMIT, leftRef + "..." + rightRef, "the two refs share no history");
        }
        return base;
    }

    @Override
    public Commit revert(RepositoryName repository, BranchName branch, String ref, int parentNumber, CommitRequest request) {
        return committer.apply(repo(repository), branch, ref, parentNumber, request, true);
    }

    @Override
    public Commit cherryPick(RepositoryName repository, BranchName branch, String ref, int parentNumber, CommitRequest request) {
        return committer.apply(repo(repository), branch, ref, parentNumber, request, false);
    }

    // Tags

    @Override
    public Tag createTag(RepositoryName repository, TagName name, String ref) {
        Repo repo = repo(repository);
        CommitId commit = refs.resolve(repo.record(), ref).commit();
        WriteBatch batch = new WriteBatch().expect(MetaKeys.tag(repo.uid(), name), null);
        if (RefStore.isBranchName(name.value())) {
            batch.expect(MetaKeys.branch(repo.uid(), new BranchName(name.value())), null);
        }
        batch.put(MetaKeys.tag(repo.uid(), name), MetaKeys.utf8(commit.value()));
        if (store.write(batch) != WriteBatch.Outcome.APPLIED) {
            String what = refs.tag(repo.uid(), name).isPresent() ? "tag" : "tag (a branch has that name)";
            throw new AlreadyExistsException(what, name.value());
        }
        return new Tag(name, commit);
    }

    @Override
    public Tag getTag(RepositoryName repository, TagName name) {
        Repo repo = repo(repository);
        return new Tag(name, refs.tag(repo.uid(), name).orElseThrow(() -> new NotFoundException(NotFoundException.Kind.TAG, name.value(),
                "repository '" + repository + "' has no such tag")));
    }

    @Override
    public Page<Tag> listTags(RepositoryName repository, String after, int amount) {
        checkAmount(amount);
        Repo repo = repo(repository);
        byte[] prefix = MetaKeys.tags(repo.uid());
        byte[] start = after.isEmpty() ? null : MetaKeys.concat(prefix, MetaKeys.utf8(after));
        return page(prefix, start, amount,
                kv -> new Tag(new TagName(MetaKeys.string(kv.key(), prefix.length)), new CommitId(MetaKeys.string(kv.value(), 0))),
                t -> t.name().value());
    }

    @Override
    public void deleteTag(RepositoryName repository, TagName name) {
        Repo repo = repo(repository);
        byte[] key = MetaKeys.tag(repo.uid(), name);
        Optional<byte[]> current = store.get(key);
        if (current.isEmpty() || !store.compareAndSwap(key, current.get(), null)) {
            throw new NotFoundException(NotFoundException.Kind.TAG, name.value(), "repository '" + repository + "' has no such tag");
        }
    }

    // Garbage collection

    @Override
    public GcRules getGcRules(RepositoryName repository) {
        return gc.rules(repo(repository));
    }

    @Override
    public void setGcRules(RepositoryName repository, GcRules rules) {
        gc.setRules(repo(repository), rules);
    }

    @Override
    public GcResult collectGarbage(RepositoryName repository, GcRequest request) {
        return gc.collect(repo(repository), request);
    }

    @Override
    public void close() {
        ranges.close();
    }

    // Helpers

    /** The open repository; cached, since a repository record never changes until it is deleted. */
    Repo repo(RepositoryName name) {
        Repo cached = openRepos.get(name);
        if (cached != null) {
            return cached;
        }
        RepositoryRecord record = refs.repository(name);
        Location root = Location.of(record.repository().storageNamespace());
        Repo repo = new Repo(record, new Namespace(blockStore(root, "storage namespace", root.toString()), root));
        openRepos.put(name, repo);
        return repo;
    }

    private static String checkPath(String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidArgumentException("path", path, "it is empty");
        }
        int bytes = MetaKeys.utf8(path).length;
        if (bytes > MAX_PATH_BYTES) {
            throw new InvalidArgumentException("path", path.substring(0, 64) + "…", "it takes " + bytes + " bytes in UTF-8, more than S3's "
                    + MAX_PATH_BYTES);
        }
        if (path.indexOf('\0') >= 0) {
            throw new InvalidArgumentException("path", path.replace("\0", "\\0"), "it contains a NUL character");
        }
        return path;
    }

    private static void checkAmount(int amount) {
        if (amount < 1 || amount > ListRequest.MAX_AMOUNT) {
            throw new InvalidArgumentException("amount", Integer.toString(amount), "expected 1 to " + ListRequest.MAX_AMOUNT);
        }
    }

    private <T> Page<T> page(byte[] prefix, byte[] start, int amount, Function<KeyValue, T> decode, Function<T, String> position) {
        List<T> items = new ArrayList<>();
        boolean more;
        try (Stream<KeyValue> s = store.scan(prefix, start)) {
            List<KeyValue> kvs = s.limit(amount + 1L).toList();
            more = kvs.size() > amount;
            for (KeyValue kv : kvs.subList(0, Math.min(amount, kvs.size()))) {
                items.add(decode.apply(kv));
            }
        }
        return more ? new Page<>(items, true, position.apply(items.get(items.size() - 1))) : Page.last(items);
    }

}
