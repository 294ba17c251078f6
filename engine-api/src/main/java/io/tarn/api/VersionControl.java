package io.tarn.api;

import java.io.InputStream;

/**
 * Everything Tarn can do to repositories: the one door through which the S3 gateway, the REST API,
 * the CLI and the property tests reach the engine.
 *
 * <p><b>Refs.</b> Wherever a {@code ref} string is taken, it may be a branch (staged and committed
 * data), {@code branch@} (committed data only), a tag, a full commit id, an unambiguous commit id
 * prefix (at least 4 digits), or any of these followed by {@code ~N} (N-th first-parent ancestor) or
 * {@code ^N} (N-th parent). An ambiguous prefix is an {@link InvalidArgumentException} that says so;
 * an unknown ref a {@link NotFoundException}.
 *
 * <p><b>Writes</b> go to branches and are staged until {@link #commit}; writing to anything else is
 * a {@link ReadOnlyRefException}. Every acknowledged write is durable, and lands in exactly one later
 * commit unless reset or overwritten.
 *
 * <p><b>Errors</b> are the {@link TarnException} subclasses, each carrying the offending value:
 * not found, already exists, invalid argument, read-only ref, dirty branch, merge conflict (with
 * every conflict), precondition failed, storage failure.
 *
 * <p><b>Threading.</b> Implementations are thread-safe; concurrent commits and merges to one
 * branch are serialised by compare-and-swap on the branch head, and lose nothing.
 */
public interface VersionControl extends AutoCloseable {
    // Repositories

    /**
     * Creates a repository with an initial empty commit on {@code defaultBranch}, after proving that
     * the storage namespace is writable.
     *
     * @throws AlreadyExistsException when the name is taken or the namespace belongs to another repository
     */
    Repository createRepository(RepositoryName name, String storageNamespace, BranchName defaultBranch);

    Repository getRepository(RepositoryName name);

    /** Repositories in name order, after {@code after} (empty for the start). */
    Page<Repository> listRepositories(String after, int amount);

    /** Deletes the repository's metadata (its objects stay in the storage namespace). */
    void deleteRepository(RepositoryName name);

    // Branches

    /** @throws AlreadyExistsException when a branch or tag has that name */
    Branch createBranch(RepositoryName repository, BranchName name, String sourceRef);

    Branch getBranch(RepositoryName repository, BranchName name);

    Page<Branch> listBranches(RepositoryName repository, String after, int amount);

    /** @throws InvalidArgumentException when it is the default branch */
    void deleteBranch(RepositoryName repository, BranchName name);

    /** Drops staged changes of the branch: all, one path, or a prefix. */
    void reset(RepositoryName repository, BranchName branch, ResetScope scope);

    // Objects

    /**
     * Streams bytes into the repository's storage namespace, then stages the new entry at
     * {@code path}. A failure before staging leaves only unreferenced bytes, never a dangling entry.
     *
     * @param length exact length, or {@code -1} when unknown
     */
    default Entry writeObject(RepositoryName repository, BranchName branch, String path, InputStream data, long length,
            ObjectWrite description) {
        return writeObject(repository, branch, path, data, length, description, written -> {
        });
    }

    /**
     * As {@link #writeObject(RepositoryName, BranchName, String, InputStream, long, ObjectWrite)},
     * with a last check before staging: {@code beforeStaging} sees the written entry (its ETag and
     * checksums, computed from the bytes) and may throw to refuse it, for example on a checksum the
     * client announced that the bytes do not match. A refused write stages nothing; its bytes are
     * left for garbage collection.
     */
    Entry writeObject(RepositoryName repository, BranchName branch, String path, InputStream data, long length, ObjectWrite description,
            java.util.function.Consumer<Entry> beforeStaging);

    /** Stages an existing entry (its bytes already stored) at {@code path}: copies, imports, multipart. */
    void stageObject(RepositoryName repository, BranchName branch, String path, Entry entry);

    /**
     * Stages many existing entries in one atomic, durable step: all or none. For imports and bulk
     * loads, where one synced metadata write per object would be the bottleneck.
     *
     * @param entries path → entry; at most {@value #MAX_BULK_STAGE} per call
     */
    void stageObjects(RepositoryName repository, BranchName branch, java.util.Map<String, Entry> entries);

    /** The most entries {@link #stageObjects} takes at once. */
    int MAX_BULK_STAGE = 100_000;

    // Multipart uploads

    /**
     * Starts a multipart upload to {@code path} on the branch; the object is staged only when the
     * upload completes.
     *
     * @throws InvalidArgumentException when the repository's blockstore cannot assemble parts
     */
    default MultipartUpload createMultipartUpload(RepositoryName repository, BranchName branch, String path, ObjectWrite description) {
        return createMultipartUpload(repository, branch, path, description, ChecksumType.defaultFor(description.checksums()));
    }

    /**
     * Starts a multipart upload whose object gets the additional checksum named in the
     * description ({@link ObjectWrite#checksums()}, at most one), formed from the parts as
     * {@code checksumType} says. Every part then carries that checksum too.
     *
     * @throws InvalidArgumentException when the blockstore cannot assemble parts, more than one
     *     algorithm is named, or the type does not suit the algorithm
     */
    MultipartUpload createMultipartUpload(RepositoryName repository, BranchName branch, String path, ObjectWrite description,
            ChecksumType checksumType);

    /**
     * Stores one part (1 to 10,000), replacing an earlier upload of the same number.
     *
     * @param checksums checksum algorithms to compute over the part, by S3 name
     * @throws NotFoundException (UPLOAD) when the upload is unknown, completed or aborted
     */
    UploadedPart uploadPart(RepositoryName repository, String uploadId, int partNumber, InputStream data, long length,
            java.util.Set<String> checksums);

    /** The parts stored so far, by part number. @throws NotFoundException (UPLOAD) */
    java.util.List<UploadedPart> listParts(RepositoryName repository, String uploadId);

    /**
     * Assembles the named parts, in order, into the object and stages it (after
     * {@code beforeStaging}, as for {@link #writeObject}); the upload ends. Its ETag is S3's
     * {@code md5-of-part-md5s-N}; its checksum, when the upload has one, is formed from the parts'
     * checksums, and its part sizes are kept under {@link PartLayout#KEY}.
     *
     * @param parts part number → ETag, strictly ascending
     * @throws InvalidArgumentException when a part is missing, differs from the ETag given, or the
     *     list is not ascending; the upload stays open
     * @throws NotFoundException (UPLOAD) when the upload is unknown, completed or aborted
     */
    Entry completeMultipartUpload(RepositoryName repository, String uploadId, java.util.List<java.util.Map.Entry<Integer, String>> parts,
            java.util.function.Consumer<Entry> beforeStaging);

    /** Discards the upload and its parts. @throws NotFoundException (UPLOAD) */
    void abortMultipartUpload(RepositoryName repository, String uploadId);

    /** Every open upload of the repository, by branch, path and upload id. */
    java.util.List<MultipartUpload> listMultipartUploads(RepositoryName repository);

    /** @throws NotFoundException when there is no object at the path in that ref */
    Entry statObject(RepositoryName repository, String ref, String path);

    /**
     * Opens {@code length} bytes from {@code offset} ({@code -1} for all to the end) of the object.
     *
     * @throws InvalidArgumentException when the offset is at or past the end of a non-empty object
     */
    ObjectContent readObject(RepositoryName repository, String ref, String path, long offset, long length);

    /** Stages the deletion of {@code path}; deleting a missing path is no error. */
    void deleteObject(RepositoryName repository, BranchName branch, String path);

    ObjectListing listObjects(RepositoryName repository, String ref, ListRequest request);

    // Commits, log, diff

    /**
     * Commits every change staged on the branch at this moment, atomically.
     *
     * @throws InvalidArgumentException when nothing is staged and the request does not allow empty commits
     */
    Commit commit(RepositoryName repository, BranchName branch, CommitRequest request);

    Commit getCommit(RepositoryName repository, CommitId id);

    /** The commit a ref expression points at. */
    CommitId resolve(RepositoryName repository, String ref);

    /** Commits reachable from {@code ref}, newest first by generation. */
    Page<Commit> log(RepositoryName repository, String ref, LogRequest request);

    /** How {@code rightRef} differs from {@code leftRef} (or, three-dot, from their merge base). */
    Page<DiffEntry> diff(RepositoryName repository, String leftRef, String rightRef, DiffRequest request);

    /** The branch's staged changes against its head commit. */
    Page<DiffEntry> diffUncommitted(RepositoryName repository, BranchName branch, DiffRequest request);

    // Merge, revert, cherry-pick

    /**
     * Merges {@code sourceRef} into {@code destination}.
     *
     * @throws MergeConflictException with every conflict, when the strategy is {@link MergeStrategy#NONE}
     * @throws DirtyBranchException when the destination has staged changes
     */
    MergeResult merge(RepositoryName repository, String sourceRef, BranchName destination, MergeRequest request);

    /** The best common ancestor of two refs, by generation order. */
    CommitId mergeBase(RepositoryName repository, String leftRef, String rightRef);

    /**
     * Commits the inverse of {@code ref}'s change onto the branch.
     *
     * @param parentNumber for a merge commit, which parent (1-based) is the mainline; 0 otherwise
     */
    Commit revert(RepositoryName repository, BranchName branch, String ref, int parentNumber, CommitRequest request);

    /** Commits {@code ref}'s change onto the branch. @param parentNumber as for {@link #revert} */
    Commit cherryPick(RepositoryName repository, BranchName branch, String ref, int parentNumber, CommitRequest request);

    // Tags

    /** @throws AlreadyExistsException when a tag or branch has that name */
    Tag createTag(RepositoryName repository, TagName name, String ref);

    Tag getTag(RepositoryName repository, TagName name);

    Page<Tag> listTags(RepositoryName repository, String after, int amount);

    void deleteTag(RepositoryName repository, TagName name);

    // Garbage collection

    /** The repository's retention rules ({@link GcRules#DEFAULT} until set). */
    GcRules getGcRules(RepositoryName repository);

    void setGcRules(RepositoryName repository, GcRules rules);

    /**
     * Deletes (or, on a dry run, lists) object bytes and range files that no retained commit and no
     * staged entry references, and that are older than the grace period. Commits past their
     * retention stay in the log but their data may be gone.
     */
    GcResult collectGarbage(RepositoryName repository, GcRequest request);

    /** Closes stores and caches. */
    @Override
    void close();

    /**
     * Imports objects that already exist on a configured backend into {@code branch} as one commit,
     * without copying their bytes: each becomes an entry whose address is its absolute location. The
     * sources are listed and staged on a temporary branch in batches (reporting to {@code progress}),
     * committed there, and merged into {@code branch} (a fast-forward unless the branch moved
     * meanwhile; imported paths win over the branch's). Nothing reaches {@code branch} unless the
     * whole import succeeds.
     *
     * @return the branch's new head
     * @throws DirtyBranchException when {@code branch} has uncommitted changes
     * @throws InvalidArgumentException naming a location no blockstore serves, or sources that hold
     *     no object
     * @throws java.util.concurrent.CancellationException when {@code progress} asked to stop
     */
    default Commit importObjects(RepositoryName repository, BranchName branch, ImportRequest request, ImportProgress progress) {
        throw new InvalidArgumentException("import", repository.value(), "this engine does not import objects");
    }
}
