package io.tarn.graveler;

import io.tarn.api.BranchName;
import io.tarn.api.Commit;
import io.tarn.api.CommitId;
import io.tarn.api.CommitRequest;
import io.tarn.api.DirtyBranchException;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.MergeConflictException;
import io.tarn.api.MergeRequest;
import io.tarn.api.MergeResult;
import io.tarn.api.PreconditionFailedException;
import io.tarn.graveler.committed.MetaRange;
import io.tarn.graveler.committed.RangeStore;
import io.tarn.graveler.committed.TreeDiff;
import io.tarn.graveler.committed.TreeMerger;
import io.tarn.graveler.committed.TreeWriter;
import io.tarn.graveler.meta.MetadataStore;
import io.tarn.graveler.meta.WriteBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that writes a commit and moves a branch head: commit, merge, revert, cherry-pick.
 * Each runs under the branch's lock, does its long work (reading and writing ranges) outside any
 * metadata transaction, and finishes with one atomic batch that writes the commit record and moves
 * the head only if the branch record is still what the work was based on. Thread-safe.
 */
final class Committer {
    private static final Logger LOG = LoggerFactory.getLogger(Committer.class);
    private static final int MAX_ATTEMPTS = 10;

    private final MetadataStore store;
    private final RefStore refs;
    private final Staging staging;
    private final RangeStore ranges;
    private final TreeWriter writer;
    private final TreeMerger merger;
    private final ObjectReader reader;
    private final CommitGraph graph;
    private final BranchLocks locks;
    private final Clock clock;

    Committer(MetadataStore store, RefStore refs, Staging staging, RangeStore ranges, TreeWriter writer, ObjectReader reader,
            CommitGraph graph, BranchLocks locks, Clock clock) {
        this.store = store;
        this.refs = refs;
        this.staging = staging;
        this.ranges = ranges;
        this.writer = writer;
        this.merger = new TreeMerger(ranges, writer);
        this.reader = reader;
        this.graph = graph;
        this.locks = locks;
        this.clock = clock;
    }

    Commit commit(Repo repo, BranchName branch, CommitRequest request) {
        return locks.withLock(repo.uid(), branch, () -> {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                byte[] current = branchBytes(repo, branch);
                BranchRecord record = BranchRecord.decode(current);
                boolean nothingStaged = record.sealed().isEmpty() && staging.isEmpty(repo.uid(), record.stagingToken());
                if (nothingStaged && !request.allowEmpty()) {
                    throw noChanges(branch);
                }
                BranchRecord sealed = record;
                byte[] sealedBytes = current;
                if (!nothingStaged) {
                    // Writes from here on go to the fresh token and land in the next commit.
                    sealed = record.seal();
                    sealedBytes = sealed.encode();
                    if (!store.compareAndSwap(MetaKeys.branch(repo.uid(), branch), current, sealedBytes)) {
                        continue;
                    }
                }
                Commit head = refs.commit(repo.record(), sealed.head());
                MetaRange base = ranges.metaRange(repo.ns(), head.metaRangeId());
                MetaRange tree;
                try (Overlay changes = reader.staged(repo, sealed.sealed(), "", "")) {
                    tree = writer.apply(repo.ns(), base, changes);
                }
                if (tree.id().equals(base.id()) && !request.allowEmpty()) {
                    // Only no-op changes were staged (deletions of absent paths): drop them.
                    finish(repo, branch, sealedBytes, new BranchRecord(sealed.head(), sealed.stagingToken(), List.of()), null, sealed.sealed());
                    throw noChanges(branch);
                }
                Commit commit = newCommit(List.of(head.id()), tree, request.message(), request.committer(), request.metadata(),
                        head.generation() + 1);
                if (finish(repo, branch, sealedBytes, new BranchRecord(commit.id(), sealed.stagingToken(), List.of()), commit, sealed.sealed())) {
                    LOG.debug("Committed {} on {}/{}: {} ranges", commit.id().abbreviated(), repo.name(), branch, tree.ranges().size());
                    return commit;
                }
            }
            throw new PreconditionFailedException("Cannot commit on branch '" + branch + "': it kept changing under "
                    + MAX_ATTEMPTS + " attempts; try again");
        });
    }

    MergeResult merge(Repo repo, String sourceRef, BranchName destination, MergeRequest request) {
        String action = "merge '" + sourceRef + "' into '" + destination + "'";
        return locks.withLock(repo.uid(), destination, () -> {
            byte[] current = branchBytes(repo, destination);
            BranchRecord record = BranchRecord.decode(current);
            requireClean(repo, destination, record, action);
            CommitId source = refs.resolve(repo.record(), sourceRef).commit();
            CommitId dest = record.head();
            CommitId base = graph.mergeBase(repo, source, dest);
            if (source.equals(base) && !request.allowEmpty()) {
                throw new InvalidArgumentException("merge source", sourceRef,
                        "it brings no changes into '" + destination + "' (it is already merged); allow empty merges to write a merge commit anyway");
            }
            if (dest.equals(base) && !request.forceMergeCommit() && !request.squash()) {
                BranchRecord moved = new BranchRecord(source, record.stagingToken(), record.sealed());
                if (!store.compareAndSwap(MetaKeys.branch(repo.uid(), destination), current, moved.encode())) {
                    throw moved(destination);
                }
                return new MergeResult(source, true);
            }
            MetaRange destTree = reader.tree(repo, dest);
            MetaRange sourceTree = reader.tree(repo, source);
            MetaRange tree;
            if (dest.equals(base)) {
                tree = sourceTree;
            } else {
                MetaRange baseTree = base == null ? MetaRange.empty() : reader.tree(repo, base);
                TreeMerger.Outcome outcome = merger.merge(repo.ns(), baseTree, sourceTree, destTree, request.strategy());
                if (outcome.tree() == null) {
                    throw new MergeConflictException(sourceRef, destination.value(), outcome.conflicts());
                }
                tree = outcome.tree();
            }
            if (!request.allowEmpty() && sameContent(repo, tree, destTree)) {
                throw new InvalidArgumentException("merge source", sourceRef,
                        "it brings no changes into '" + destination + "'; allow empty merges to write a merge commit anyway");
            }
            String message = request.message().isEmpty() ? "Merge '" + sourceRef + "' into '" + destination + "'" : request.message();
            List<CommitId> parents = request.squash() ? List.of(dest) : List.of(dest, source);
            long generation = Math.max(refs.commit(repo.record(), dest).generation(),
                    request.squash() ? 0 : refs.commit(repo.record(), source).generation()) + 1;
            Commit commit = newCommit(parents, tree, message, request.committer(), request.metadata(), generation);
            if (!finish(repo, destination, current, new BranchRecord(commit.id(), record.stagingToken(), record.sealed()), commit, List.of())) {
                throw moved(destination);
            }
            return new MergeResult(commit.id(), false);
        });
    }

    /**
     * Whether two trees hold the same entries by identity: equal ids say so at once; otherwise the
     * same bytes and metadata may sit in other records (written on both sides, at other addresses
     * and times), which only a diff finds. The diff reads just the ranges whose ids differ.
     */
    private boolean sameContent(Repo repo, MetaRange a, MetaRange b) {
        return a.id().equals(b.id()) || !new TreeDiff(ranges, repo.ns(), a, b).hasNext();
    }

    /** Revert ({@code invert}) or cherry-pick a commit onto the branch. */
    Commit apply(Repo repo, BranchName branch, String ref, int parentNumber, CommitRequest request, boolean invert) {
        String verb = invert ? "revert" : "cherry-pick";
        String action = verb + " '" + ref + "' on '" + branch + "'";
        return locks.withLock(repo.uid(), branch, () -> {
            byte[] current = branchBytes(repo, branch);
            BranchRecord record = BranchRecord.decode(current);
            requireClean(repo, branch, record, action);
            Commit picked = refs.commit(repo.record(), refs.resolve(repo.record(), ref).commit());
            List<CommitId> parents = picked.parents();
            if (parents.isEmpty()) {
                throw new InvalidArgumentException("commit", ref, "it is the repository's first commit, with no parent to compare it with");
            }
            if (parents.size() > 1 && (parentNumber < 1 || parentNumber > parents.size())) {
                throw new InvalidArgumentException("parent number", Integer.toString(parentNumber),
                        "commit " + picked.id().abbreviated() + " is a merge of " + parents.size() + " parents: give 1 to " + parents.size());
            }
            if (parents.size() == 1 && parentNumber > 1) {
                throw new InvalidArgumentException("parent number", Integer.toString(parentNumber),
                        "commit " + picked.id().abbreviated() + " has one parent: give 0 or 1");
            }
            MetaRange parentTree = reader.tree(repo, parents.get(Math.max(parentNumber, 1) - 1));
            MetaRange pickedTree = ranges.metaRange(repo.ns(), picked.metaRangeId());
            Commit head = refs.commit(repo.record(), record.head());
            MetaRange headTree = ranges.metaRange(repo.ns(), head.metaRangeId());
            TreeMerger.Outcome outcome = invert
                    ? merger.merge(repo.ns(), pickedTree, parentTree, headTree, io.tarn.api.MergeStrategy.NONE)
                    : merger.merge(repo.ns(), parentTree, pickedTree, headTree, io.tarn.api.MergeStrategy.NONE);
            if (outcome.tree() == null) {
                throw new MergeConflictException(outcome.conflicts(), action);
            }
            if (!request.allowEmpty() && sameContent(repo, outcome.tree(), headTree)) {
                throw new InvalidArgumentException("commit", ref, "to " + verb + " it changes nothing on '" + branch + "'");
            }
            String message = !request.message().isEmpty() ? request.message()
                    : (invert ? "Revert " : "Cherry-pick ") + picked.id().abbreviated() + ": " + picked.message();
            Commit commit = newCommit(List.of(head.id()), outcome.tree(), message, request.committer(), request.metadata(), head.generation() + 1);
            if (!finish(repo, branch, current, new BranchRecord(commit.id(), record.stagingToken(), record.sealed()), commit, List.of())) {
                throw moved(branch);
            }
            return commit;
        });
    }

    private Commit newCommit(List<CommitId> parents, MetaRange tree, String message, String committer, Map<String, String> metadata,
            long generation) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        CommitId id = Records.commitId(parents, tree.id(), message, committer, now, metadata);
        return new Commit(id, parents, tree.id(), message, committer, now, metadata, generation);
    }

    /**
     * Writes the commit (if any) and the new branch record in one batch, if the branch record is still
     * {@code expected}; then deletes the staged entries of the dropped tokens.
     */
    private boolean finish(Repo repo, BranchName branch, byte[] expected, BranchRecord next, Commit commit, List<String> droppedTokens) {
        byte[] key = MetaKeys.branch(repo.uid(), branch);
        WriteBatch batch = new WriteBatch().expect(key, expected);
        if (commit != null) {
            batch.put(MetaKeys.commit(repo.uid(), commit.id()), Records.encodeCommit(commit));
        }
        batch.put(key, next.encode());
        if (store.write(batch) != WriteBatch.Outcome.APPLIED) {
            return false;
        }
        for (String token : droppedTokens) {
            staging.drop(repo.uid(), token);
        }
        return true;
    }

    private void requireClean(Repo repo, BranchName branch, BranchRecord record, String action) {
        for (String token : record.readTokens()) {
            if (!staging.isEmpty(repo.uid(), token)) {
                throw new DirtyBranchException(branch.value(), action);
            }
        }
    }

    private byte[] branchBytes(Repo repo, BranchName branch) {
        return refs.writableBranch(repo.record(), branch);
    }

    private static InvalidArgumentException noChanges(BranchName branch) {
        return new InvalidArgumentException("commit on branch", branch.value(),
                "there are no uncommitted changes; allow empty commits to commit anyway");
    }

    private static PreconditionFailedException moved(BranchName branch) {
        return new PreconditionFailedException("Cannot update branch '" + branch + "': it was changed by another operation meanwhile; try again");
    }

}
