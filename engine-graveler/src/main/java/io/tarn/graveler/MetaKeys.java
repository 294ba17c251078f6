package io.tarn.graveler;

import io.tarn.api.BranchName;
import io.tarn.api.CommitId;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.RepositoryName;
import io.tarn.api.TagName;
import io.tarn.graveler.meta.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The metadata store's key layout. Everything a repository owns sits under {@code r/<uid>/}, where
 * the uid is drawn when the repository is created, so deleting a repository is one atomic removal of
 * its {@code repo/<name>} record followed by a sweep, and a new repository of the same name never
 * sees the old one's keys.
 *
 * <pre>
 * repo/&lt;name&gt;                      repository record
 * nsp/&lt;storage namespace&gt;          name of the repository using it
 * r/&lt;uid&gt;/b/&lt;branch&gt;              branch record (head, staging token, sealed tokens)
 * r/&lt;uid&gt;/t/&lt;tag&gt;                 commit id
 * r/&lt;uid&gt;/c/&lt;commit id&gt;           commit record
 * r/&lt;uid&gt;/s/&lt;token&gt;/&lt;path key&gt;   staged entry or tombstone
 * r/&lt;uid&gt;/u/&lt;upload id&gt;           open multipart upload
 * r/&lt;uid&gt;/p/&lt;upload id&gt;/&lt;nnnnn&gt;   one of its parts (number zero-padded to 5 digits)
 * r/&lt;uid&gt;/g                       garbage collection rules
 * </pre>
 *
 * A path key is the path's UTF-8 bytes when they fit in {@link #MAX_PATH_KEY} bytes; a longer path
 * keeps that many bytes followed by the SHA-256 of the whole path, and its staged value carries the
 * full path (see {@link Staging}).
 */
final class MetaKeys {
    /** Bytes of a path used in a staging key before it is cut and hashed. */
    static final int MAX_PATH_KEY = 400;
    /** Bytes a branch or tag name may take in UTF-8, so that every key fits the store's limit. */
    static final int MAX_NAME_BYTES = 400;

    private MetaKeys() {
    }

    static byte[] repository(RepositoryName name) {
        return utf8("repo/" + name.value());
    }

    static byte[] repositories() {
        return utf8("repo/");
    }

    static byte[] namespace(String storageNamespace) {
        return utf8("nsp/" + storageNamespace);
    }

    static byte[] namespaces() {
        return utf8("nsp/");
    }

    static byte[] repositoryData(String uid) {
        return utf8("r/" + uid + "/");
    }

    static byte[] branch(String uid, BranchName branch) {
        return utf8(branches(uid, branch.value()));
    }

    static byte[] branches(String uid) {
        return utf8("r/" + uid + "/b/");
    }

    static byte[] tag(String uid, TagName tag) {
        return utf8("r/" + uid + "/t/" + checkName("tag name", tag.value()));
    }

    static byte[] tags(String uid) {
        return utf8("r/" + uid + "/t/");
    }

    static byte[] commit(String uid, CommitId id) {
        return utf8("r/" + uid + "/c/" + id.value());
    }

    /** Keys of commits whose hex id starts with {@code hexPrefix}. */
    static byte[] commitsWithPrefix(String uid, String hexPrefix) {
        return utf8("r/" + uid + "/c/" + hexPrefix);
    }

    static byte[] upload(String uid, String uploadId) {
        return utf8("r/" + uid + "/u/" + uploadId);
    }

    static byte[] uploadPart(String uid, String uploadId, int partNumber) {
        return utf8("r/" + uid + "/p/" + uploadId + "/" + String.format(java.util.Locale.ROOT, "%05d", partNumber));
    }

    static byte[] uploadParts(String uid, String uploadId) {
        return utf8("r/" + uid + "/p/" + uploadId + "/");
    }

    static byte[] uploads(String uid) {
        return utf8("r/" + uid + "/u/");
    }

    static byte[] gcRules(String uid) {
        return utf8("r/" + uid + "/g");
    }

    static byte[] stagingToken(String uid, String token) {
        return utf8("r/" + uid + "/s/" + token + "/");
    }

    static byte[] staged(String uid, String token, String path) {
        return concat(stagingToken(uid, token), pathKey(path));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The path's part of a staging key. */
    static byte[] pathKey(String path) {
        byte[] bytes = utf8(path);
        if (bytes.length <= MAX_PATH_KEY) {
            return bytes;
        }
        byte[] key = Arrays.copyOf(bytes, MAX_PATH_KEY + 32);
        System.arraycopy(Hashing.sha256(bytes), 0, key, MAX_PATH_KEY, 32);
        return key;
    }

    static boolean isCut(String path) {
        return utf8(path).length > MAX_PATH_KEY;
    }

    private static String branches(String uid, String name) {
        return "r/" + uid + "/b/" + checkName("branch name", name);
    }

    private static String checkName(String what, String name) {
        int bytes = utf8(name).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new InvalidArgumentException(what, name, "it takes " + bytes + " bytes in UTF-8, more than " + MAX_NAME_BYTES);
        }
        return name;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] bytes, int from) {
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }

    static { // keep the longest key within the store's limit
        int longest = "r/".length() + 16 + "/s/".length() + 16 + 1 + MAX_PATH_KEY + 32;
        if (longest > MetadataStore.MAX_KEY_BYTES) {
            throw new AssertionError("staging keys of " + longest + " bytes exceed the metadata store's limit");
        }
    }
}
