package io.tarn.graveler;

import io.tarn.api.BranchName;
import io.tarn.api.Repository;
import io.tarn.api.RepositoryName;
import io.tarn.graveler.committed.EntryCodec.ByteSink;
import io.tarn.graveler.committed.EntryCodec.ByteSource;
import java.time.Instant;

/** A repository as stored: its public description and the uid its metadata keys live under. */
record RepositoryRecord(String uid, Repository repository) {
    private static final byte VERSION = 1;

    byte[] encode() {
        ByteSink out = new ByteSink(128);
        out.writeByte(VERSION);
        out.writeString(uid);
        out.writeString(repository.name().value());
        out.writeString(repository.storageNamespace());
        out.writeString(repository.defaultBranch().value());
        out.writeLong(repository.creationDate().toEpochMilli());
        return out.toByteArray();
    }

    static RepositoryRecord decode(byte[] bytes) {
        ByteSource in = new ByteSource(bytes);
        Records.checkVersion(in, VERSION, "repository");
        String uid = in.readString();
        Repository repository = new Repository(new RepositoryName(in.readString()), in.readString(), new BranchName(in.readString()),
                Instant.ofEpochMilli(in.readLong()));
        in.requireEnd();
        return new RepositoryRecord(uid, repository);
    }
}
