package io.tarn.graveler;

import io.tarn.api.BranchName;
import io.tarn.api.Commit;
import io.tarn.api.CommitId;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.NotFoundException;
import io.tarn.api.ReadOnlyRefException;
import io.tarn.api.RepositoryName;
import io.tarn.api.TagName;
import io.tarn.graveler.meta.KeyValue;
import io.tarn.graveler.meta.MetadataStore;
import io.tarn.graveler.refs.RefExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Repositories, branches, tags and commits in the metadata store, and the resolution of ref
 * expressions against them. Commit records are immutable, so they are cached. Thread-safe.
 */
final class RefStore {
    private static final Pattern HEX_PREFIX = Pattern.compile("[0-9a-f]{4,64}");
    private static final int COMMIT_CACHE_LIMIT = 100_000;

    private final MetadataStore store;
    private final ConcurrentHashMap<String, Commit> commits = new ConcurrentHashMap<>();

    RefStore(MetadataStore store) {
        this.store = store;
    }

    RepositoryRecord repository(RepositoryName name) {
        return store.get(MetaKeys.repository(name)).map(RepositoryRecord::decode)
                .orElseThrow(() -> new NotFoundException(NotFoundException.Kind.REPOSITORY, name.value()));
    }

    Optional<byte[]> branchBytes(String uid, BranchName name) {
        return store.get(MetaKeys.branch(uid, name));
    }

    BranchRecord branch(RepositoryRecord repo, BranchName name) {
        return branchBytes(repo.uid(), name).map(BranchRecord::decode)
                .orElseThrow(() -> new NotFoundException(NotFoundException.Kind.BRANCH, name.value(),
                        "repository '" + repo.repository().name() + "' has no such branch"));
    }

    /**
     * The branch record's bytes, for an operation that writes to the branch.
     *
     * @throws ReadOnlyRefException when the name is a tag or a commit id instead
     * @throws NotFoundException when it is nothing
     */
    byte[] writableBranch(RepositoryRecord repo, BranchName branch) {
        Optional<byte[]> current = branchBytes(repo.uid(), branch);
        if (current.isPresent()) {
            return current.get();
        }
        if (isTagName(branch.value()) && tag(repo.uid(), new TagName(branch.value())).isPresent()) {
            throw new ReadOnlyRefException(branch.value(), "tag");
        }
        if (isCommitPrefix(repo, branch.value())) {
            throw new ReadOnlyRefException(branch.value(), "commit");
        }
        throw new NotFoundException(NotFoundException.Kind.BRANCH, branch.value(),
                "repository '" + repo.repository().name() + "' has no such branch");
    }

    Optional<CommitId> tag(String uid, TagName name) {
        return store.get(MetaKeys.tag(uid, name)).map(v -> new CommitId(MetaKeys.string(v, 0)));
    }

    Commit commit(RepositoryRecord repo, CommitId id) {
        String key = repo.uid() + id.value();
        Commit cached = commits.get(key);
        if (cached != null) {
            return cached;
        }
        Commit commit = store.get(MetaKeys.commit(repo.uid(), id)).map(v -> Records.decodeCommit(id, v))
                .orElseThrow(() -> new NotFoundException(NotFoundException.Kind.COMMIT, id.value(),
                        "repository '" + repo.repository().name() + "' has no such commit"));
        if (commits.size() >= COMMIT_CACHE_LIMIT) {
            commits.clear();
        }
        commits.put(key, commit);
        return commit;
    }

    /** Resolves a ref expression (see {@link io.tarn.api.VersionControl}). */
    ResolvedRef resolve(RepositoryRecord repo, String ref) {
        RefExpression expr = RefExpression.parse(ref);
        String base = expr.base();
        String uid = repo.uid();
        ResolvedRef resolved = null;
        if (isBranchName(base)) {
            Optional<byte[]> branch = branchBytes(uid, new BranchName(base));
            if (branch.isPresent()) {
                BranchRecord record = BranchRecord.decode(branch.get());
                resolved = expr.isPlain() ? new ResolvedRef(ref, record.head(), new BranchName(base), record, "branch")
                        : new ResolvedRef(ref, record.head(), null, null, "branch");
            }
        }
        if (resolved == null && expr.committedOnly()) {
            boolean exists = isTagName(base) && tag(uid, new TagName(base)).isPresent() || isCommitPrefix(repo, base);
            if (exists) {
                throw new InvalidArgumentException("ref", ref, "'@' follows branch names only, and '" + base + "' is not a branch");
            }
            throw new NotFoundException(NotFoundException.Kind.REF, ref, "repository '" + repo.repository().name() + "' has no branch '" + base + "'");
        }
        if (resolved == null && isTagName(base)) {
            Optional<CommitId> tag = tag(uid, new TagName(base));
            if (tag.isPresent()) {
                resolved = new ResolvedRef(ref, tag.get(), null, null, "tag");
            }
        }
        if (resolved == null && CommitId.isValid(base) && commits.containsKey(uid + base)) {
            resolved = new ResolvedRef(ref, new CommitId(base), null, null, "commit"); // a full id already read: no scan
        }
        if (resolved == null && HEX_PREFIX.matcher(base).matches()) {
            resolved = new ResolvedRef(ref, commitByPrefix(repo, base, ref), null, null, "commit");
        }
        if (resolved == null) {
            throw new NotFoundException(NotFoundException.Kind.REF, ref,
                    "repository '" + repo.repository().name() + "' has no branch, tag or commit '" + base + "'");
        }
        CommitId at = resolved.commit();
        for (RefExpression.Step step : expr.steps()) {
            at = step(repo, ref, at, step);
        }
        return at.equals(resolved.commit()) && expr.steps().isEmpty() ? resolved : new ResolvedRef(ref, at, null, null, resolved.kind());
    }

    private CommitId step(RepositoryRecord repo, String ref, CommitId from, RefExpression.Step step) {
        if (step.kind() == RefExpression.Step.Kind.PARENT) {
            if (step.n() == 0) {
                return from;
            }
            List<CommitId> parents = commit(repo, from).parents();
            if (step.n() > parents.size()) {
                throw new NotFoundException(NotFoundException.Kind.REF, ref,
                        "commit " + from.abbreviated() + " has " + parents.size() + (parents.size() == 1 ? " parent" : " parents")
                                + ", so it has no parent " + step.n());
            }
            return parents.get(step.n() - 1);
        }
        CommitId at = from;
        for (int i = 0; i < step.n(); i++) {
            List<CommitId> parents = commit(repo, at).parents();
            if (parents.isEmpty()) {
                throw new NotFoundException(NotFoundException.Kind.REF, ref,
                        "the history reaches its first commit after " + i + " of " + step.n() + " steps back");
            }
            at = parents.get(0);
        }
        return at;
    }

    /** Whether the text is a hex prefix of at least one commit of the repository. */
    boolean isCommitPrefix(RepositoryRecord repo, String text) {
        if (!HEX_PREFIX.matcher(text).matches()) {
            return false;
        }
        try (Stream<KeyValue> s = store.scan(MetaKeys.commitsWithPrefix(repo.uid(), text), null)) {
            return s.findAny().isPresent();
        }
    }

    private CommitId commitByPrefix(RepositoryRecord repo, String prefix, String ref) {
        List<CommitId> found = new ArrayList<>(2);
        try (Stream<KeyValue> s = store.scan(MetaKeys.commitsWithPrefix(repo.uid(), prefix), null)) {
            s.limit(2).forEach(kv -> {
                String key = MetaKeys.string(kv.key(), 0);
                found.add(new CommitId(key.substring(key.length() - 64)));
            });
        }
        if (found.size() > 1) {
            throw new InvalidArgumentException("ref", ref, "the commit id prefix '" + prefix + "' is ambiguous: it matches "
                    + found.get(0).abbreviated() + ", " + found.get(1).abbreviated() + " and maybe more; give more digits");
        }
        if (found.isEmpty()) {
            throw new NotFoundException(NotFoundException.Kind.REF, ref,
                    "repository '" + repo.repository().name() + "' has no branch, tag or commit '" + prefix + "'");
        }
        return found.get(0);
    }

    static boolean isBranchName(String s) {
        return BranchName.isValid(s);
    }

    static boolean isTagName(String s) {
        return TagName.isValid(s);
    }

    void forgetRepository(String uid) {
        commits.keySet().removeIf(k -> k.startsWith(uid));
    }
}
