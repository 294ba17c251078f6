package io.tarn.graveler;

import io.tarn.api.CommitId;
import io.tarn.graveler.committed.EntryCodec.ByteSink;
import io.tarn.graveler.committed.EntryCodec.ByteSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A branch as stored.
 *
 * @param head the commit the branch is at
 * @param stagingToken where new writes are staged
 * @param sealed tokens a commit has sealed but not yet finished (newest first): still read, never
 *     written; a commit interrupted by a crash leaves them here, and the next commit takes them in
 */
record BranchRecord(CommitId head, String stagingToken, List<String> sealed) {
    private static final byte VERSION = 1;

    BranchRecord {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(stagingToken, "stagingToken");
        sealed = List.copyOf(sealed);
    }

    static BranchRecord fresh(CommitId head) {
        return new BranchRecord(head, Hashing.randomId(), List.of());
    }

    /** Every token to read, newest first: the staging token, then the sealed ones. */
    List<String> readTokens() {
        List<String> all = new ArrayList<>(sealed.size() + 1);
        all.add(stagingToken);
        all.addAll(sealed);
        return all;
    }

    /** The staging token sealed, with a fresh one for new writes. */
    BranchRecord seal() {
        return new BranchRecord(head, Hashing.randomId(), readTokens());
    }

    byte[] encode() {
        ByteSink out = new ByteSink(64 + 20 * sealed.size());
        out.writeByte(VERSION);
        out.writeString(head.value());
        out.writeString(stagingToken);
        out.writeInt(sealed.size());
        for (String s : sealed) {
            out.writeString(s);
        }
        return out.toByteArray();
    }

    static BranchRecord decode(byte[] bytes) {
        ByteSource in = new ByteSource(bytes);
        Records.checkVersion(in, VERSION, "branch");
        CommitId head = new CommitId(in.readString());
        String token = in.readString();
        int n = in.readInt();
        List<String> sealed = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sealed.add(in.readString());
        }
        in.requireEnd();
        return new BranchRecord(head, token, sealed);
    }
}
