package io.tarn.graveler;

import io.tarn.api.RepositoryName;
import io.tarn.graveler.committed.Namespace;

/** An open repository: its stored record and the storage namespace its objects and trees live in. */
record Repo(RepositoryRecord record, Namespace ns) {
    String uid() {
        return record.uid();
    }

    RepositoryName name() {
        return record.repository().name();
    }
}
