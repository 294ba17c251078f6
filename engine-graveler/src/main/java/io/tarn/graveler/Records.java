package io.tarn.graveler;

import io.tarn.api.Commit;
import io.tarn.api.CommitId;
import io.tarn.graveler.committed.EntryCodec.ByteSink;
import io.tarn.graveler.committed.EntryCodec.ByteSource;
import io.tarn.graveler.meta.MetadataStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Encodings of commits and the version check shared by every stored record. */
final class Records {
    private static final byte COMMIT_ID_VERSION = 1;
    private static final byte COMMIT_RECORD_VERSION = 1;

    private Records() {
    }

    static void checkVersion(ByteSource in, byte expected, String what) {
        byte version = in.readByte();
        if (version != expected) {
            throw new MetadataStoreException("Invalid " + what + " record: version " + version + ", this Tarn reads version " + expected, null);
        }
    }

    /**
     * The id of a commit with these fields: SHA-256 over a versioned encoding of every field but the
     * generation (which follows from the parents).
     */
    static CommitId commitId(List<CommitId> parents, String metaRangeId, String message, String committer, Instant creationDate,
            Map<String, String> metadata) {
        ByteSink out = new ByteSink(256 + message.length());
        out.writeByte(COMMIT_ID_VERSION);
        writeFields(out, parents, metaRangeId, message, committer, creationDate, metadata);
        return new CommitId(HexFormat.of().formatHex(Hashing.sha256(out.toByteArray())));
    }

    private static void writeFields(ByteSink out, List<CommitId> parents, String metaRangeId, String message, String committer,
            Instant creationDate, Map<String, String> metadata) {
        out.writeInt(parents.size());
        for (CommitId p : parents) {
            out.writeString(p.value());
        }
        out.writeString(metaRangeId);
        out.writeString(message);
        out.writeString(committer);
        out.writeLong(creationDate.toEpochMilli());
        out.writeMap(metadata);
    }

    static byte[] encodeCommit(Commit c) {
        ByteSink out = new ByteSink(256 + c.message().length());
        out.writeByte(COMMIT_RECORD_VERSION);
        writeFields(out, c.parents(), c.metaRangeId(), c.message(), c.committer(), c.creationDate(), c.metadata());
        out.writeLong(c.generation());
        return out.toByteArray();
    }

    static Commit decodeCommit(CommitId id, byte[] bytes) {
        ByteSource in = new ByteSource(bytes);
        checkVersion(in, COMMIT_RECORD_VERSION, "commit");
        int n = in.readInt();
        List<CommitId> parents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parents.add(new CommitId(in.readString()));
        }
        String metaRangeId = in.readString();
        String message = in.readString();
        String committer = in.readString();
        Instant created = Instant.ofEpochMilli(in.readLong());
        Map<String, String> metadata = in.readMap();
        long generation = in.readLong();
        in.requireEnd();
        return new Commit(id, parents, metaRangeId, message, committer, created, metadata, generation);
    }
}
