package io.tarn.properties;

import io.tarn.api.BranchName;
import io.tarn.api.Commit;
import io.tarn.api.CommitId;
import io.tarn.api.CommitRequest;
import io.tarn.api.DiffEntry;
import io.tarn.api.DiffRequest;
import io.tarn.api.Entry;
import io.tarn.api.ListRequest;
import io.tarn.api.MergeConflict;
import io.tarn.api.MergeRequest;
import io.tarn.api.MergeResult;
import io.tarn.api.MergeStrategy;
import io.tarn.api.NotFoundException;
import io.tarn.api.ObjectContent;
import io.tarn.api.ObjectListing;
import io.tarn.api.ObjectWrite;
import io.tarn.api.Page;
import io.tarn.api.RepositoryName;
import io.tarn.api.ResetScope;
import io.tarn.api.TagName;
import io.tarn.api.VersionControl;
import io.tarn.properties.model.MergeRule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One repository of the {@link EngineUnderTest}, spoken to in the model's terms: an object's value is
 * its content (UTF-8 text, stored as real bytes), and entries read back are turned into values by
 * their ETag (the MD5 of the content).
 */
public final class EngineRepository {
    private static final Map<String, String> VALUES_BY_ETAG = new ConcurrentHashMap<>();
    private static final String COMMITTER = "property-tests";

    private final EngineUnderTest owner;
    private final RepositoryName name;
    /** The entry each value was first written as, in this repository. */
    private final Map<String, Entry> written = new java.util.HashMap<>();
    private final boolean reuseEntries;

    EngineRepository(EngineUnderTest owner, RepositoryName name, boolean reuseEntries) {
        this.owner = owner;
        this.name = name;
        this.reuseEntries = reuseEntries;
    }

    public RepositoryName name() {
        return name;
    }

    public VersionControl engine() {
        return owner.engine();
    }

    public EngineUnderTest owner() {
        return owner;
    }

    // Writes

    /**
     * Writes the value's bytes to the path. When the repository reuses entries, a value written
     * before is staged as the entry it was first written as, so that equal content is an equal
     * record (address and time included); see {@link EngineUnderTest#newRepository(boolean)}.
     */
    public Entry put(String branch, String path, String value) {
        Entry first = reuseEntries ? written.get(value) : null;
        if (first != null) {
            stage(branch, path, first);
            return first;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        VALUES_BY_ETAG.put(md5(bytes), value);
        Entry entry = engine().writeObject(name, new BranchName(branch), path, new ByteArrayInputStream(bytes), bytes.length,
                ObjectWrite.of("text/plain"));
        written.put(value, entry);
        return entry;
    }

    public void stage(String branch, String path, Entry entry) {
        engine().stageObject(name, new BranchName(branch), path, entry);
    }

    public void delete(String branch, String path) {
        engine().deleteObject(name, new BranchName(branch), path);
    }

    public Commit commit(String branch) {
        return engine().commit(name, new BranchName(branch), CommitRequest.of("commit on " + branch, COMMITTER));
    }

    public void createBranch(String branch, String sourceRef) {
        engine().createBranch(name, new BranchName(branch), sourceRef);
    }

    public void createTag(String tag, String ref) {
        engine().createTag(name, new TagName(tag), ref);
    }

    public void reset(String branch, ResetScope scope) {
        engine().reset(name, new BranchName(branch), scope);
    }

    public MergeResult merge(String sourceRef, String destination, MergeRule.Strategy strategy, boolean squash, boolean forceMergeCommit) {
        MergeRequest request = new MergeRequest(MergeStrategy.valueOf(strategy.name()), "", COMMITTER, Map.of(), forceMergeCommit, squash,
                false);
        return engine().merge(name, sourceRef, new BranchName(destination), request);
    }

    public Commit cherryPick(String branch, String ref, int parentNumber) {
        return engine().cherryPick(name, new BranchName(branch), ref, parentNumber, CommitRequest.of("", COMMITTER));
    }

    public Commit revert(String branch, String ref, int parentNumber) {
        return engine().revert(name, new BranchName(branch), ref, parentNumber, CommitRequest.of("", COMMITTER));
    }

    // Reads

    public Commit getCommit(CommitId id) {
        return engine().getCommit(name, id);
    }

    public CommitId resolve(String ref) {
        return engine().resolve(name, ref);
    }

    /** Every object of the ref, path → value, in the engine's order, read in pages of {@code pageSize}. */
    public LinkedHashMap<String, String> list(String ref, String prefix, int pageSize) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        String after = "";
        while (true) {
            ObjectListing page = engine().listObjects(name, ref, new ListRequest(prefix, "", after, pageSize));
            for (ObjectListing.PathEntry o : page.objects()) {
                if (out.put(o.path(), value(o.entry())) != null) {
                    out.put(o.path() + " (listed twice)", value(o.entry()));
                }
            }
            if (!page.hasMore()) {
                return out;
            }
            after = page.nextAfter();
        }
    }

    /** A delimited listing, objects and common prefixes merged in the engine's order ("prefix/" items for prefixes). */
    public List<String> listDelimited(String ref, String prefix, String delimiter, int pageSize) {
        List<String> out = new ArrayList<>();
        String after = "";
        for (int pages = 0; pages < 10_000; pages++) {
            ObjectListing page = engine().listObjects(name, ref, new ListRequest(prefix, delimiter, after, pageSize));
            List<String> items = new ArrayList<>();
            page.objects().forEach(o -> items.add("object " + o.path()));
            page.commonPrefixes().forEach(p -> items.add("prefix " + p));
            items.sort((a, b) -> io.tarn.properties.model.PathOrder.compare(a.substring(a.indexOf(' ') + 1), b.substring(b.indexOf(' ') + 1)));
            out.addAll(items);
            if (!page.hasMore()) {
                return out;
            }
            after = page.nextAfter();
        }
        throw new AssertionError("listing of '" + ref + "' did not end after 10,000 pages");
    }

    /** The value at the path (its metadata only), or {@code null} when there is none. */
    public String stat(String ref, String path) {
        try {
            return value(engine().statObject(name, ref, path));
        } catch (NotFoundException e) {
            if (e.kind() == NotFoundException.Kind.OBJECT) {
                return null;
            }
            throw e;
        }
    }

    /** The object's bytes as text, or {@code null} when there is none. */
    public String read(String ref, String path) {
        try (ObjectContent content = engine().readObject(name, ref, path, 0, -1)) {
            return new String(content.stream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (NotFoundException e) {
            if (e.kind() == NotFoundException.Kind.OBJECT) {
                return null;
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A two-dot or three-dot diff as "path type left right" lines, read in pages. */
    public List<String> diff(String left, String right, boolean threeDot, int pageSize) {
        return diffEntries(left, right, threeDot, pageSize).stream().map(EngineRepository::describe).toList();
    }

    /** Every entry of a diff, read in pages of {@code pageSize}. */
    public List<DiffEntry> diffEntries(String left, String right, boolean threeDot, int pageSize) {
        List<DiffEntry> out = new ArrayList<>();
        String after = "";
        while (true) {
            Page<DiffEntry> page = engine().diff(name, left, right, new DiffRequest(threeDot, "", after, pageSize));
            out.addAll(page.items());
            if (!page.hasMore()) {
                return out;
            }
            after = page.nextAfter();
        }
    }

    public List<String> diffUncommitted(String branch) {
        List<String> out = new ArrayList<>();
        engine().diffUncommitted(name, new BranchName(branch), DiffRequest.twoDot(ListRequest.MAX_AMOUNT)).items()
                .forEach(d -> out.add(describe(d)));
        return out;
    }

    public static String describe(DiffEntry d) {
        return diffLine(d.path(), d.left() == null ? null : value(d.left()), d.right() == null ? null : value(d.right()));
    }

    /** The line a diff entry is compared by: path, type, and the two values. */
    public static String diffLine(String path, String left, String right) {
        String type = left == null ? "ADDED" : right == null ? "REMOVED" : "CHANGED";
        return path + " " + type + " " + left + " -> " + right;
    }

    public static MergeRule.Conflict conflict(MergeConflict c) {
        return new MergeRule.Conflict(c.path(), value(c.base()), value(c.source()), value(c.destination()));
    }

    /** The value an entry holds, known by its ETag; {@code null} for none. */
    public static String value(Entry entry) {
        if (entry == null) {
            return null;
        }
        return VALUES_BY_ETAG.getOrDefault(entry.etag(), "<unknown content, etag " + entry.etag() + ">");
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute MD5: the JDK lacks it", e);
        }
    }
}
