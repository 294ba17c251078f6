"""Zero-copy import: 100,000 objects that already exist in each cloud emulator become one commit
through the lakeFS SDK's import manager, without being copied. (This file runs before
test_multicloud.py, whose last test stops moto.)"""
import os
import uuid

import lakefs
import pytest

# How many objects each emulator gets (TARN_IMPORT_OBJECTS=2000 for a quick run).
OBJECTS = int(os.environ.get("TARN_IMPORT_OBJECTS", "100000"))
# fake-gcs-server's memory backend scans a bucket's whole object list on every write, so 100,000
# objects in one bucket would take it hours to store: its objects are spread over this many buckets,
# all imported at once (lakeFS's import takes several sources).
GCS_BUCKETS = 200


def key(i):
    return f"data/part-{i:06d}.txt"


def body(i):
    return f"object {i}\n".encode()


class Source:
    """Where the objects to import live: the import's source prefixes, and the external address of object i."""

    def __init__(self, prefixes, address):
        self.prefixes = prefixes
        self.address = address


def s3_source(emulators, name):
    moto = emulators["s3"]
    moto.client().create_bucket(Bucket=name)
    moto.seed(name, ((key(i), body(i)) for i in range(OBJECTS)))
    return Source([f"s3://{name}/data/"], lambda i: f"s3://{name}/{key(i)}")


def gcs_source(emulators, name):
    gcs = emulators["gcs"]
    buckets = [f"{name}-{b:03d}" for b in range(min(GCS_BUCKETS, OBJECTS))]
    for bucket in buckets:
        gcs.create_bucket(bucket)
    gcs.put_many((buckets[i % len(buckets)], key(i), body(i)) for i in range(OBJECTS))
    return Source([f"gs://{bucket}/data/" for bucket in buckets], lambda i: f"gs://{buckets[i % len(buckets)]}/{key(i)}")


def azure_source(emulators, name):
    azure = emulators["azure"]
    azure.service().create_container(name)
    azure.put_many(name, ((key(i), body(i)) for i in range(OBJECTS)))
    root = f"https://{azure.account}.blob.core.windows.net/{name}"
    return Source([f"{root}/data/"], lambda i: f"{root}/{key(i)}")


SOURCES = {"s3": s3_source, "gcs": gcs_source, "azure": azure_source}


@pytest.mark.parametrize("backend", list(SOURCES))
def test_existing_objects_are_imported_as_one_commit_without_copying(tarn, client, s3, emulators, backend):
    name = f"imp-{backend}-{uuid.uuid4().hex[:8]}"
    source = SOURCES[backend](emulators, f"src-{uuid.uuid4().hex[:10]}")
    repo = lakefs.Repository(name, client=client).create(storage_namespace=f"local://{name}")

    manager = repo.branch("main").import_data(commit_message=f"import from {backend}", metadata={"from": backend})
    for prefix in source.prefixes:
        manager.prefix(prefix, destination="imported/")
    status = manager.run()

    assert status.completed and status.error is None
    assert status.ingested_objects == OBJECTS
    head = repo.branch("main").get_commit()
    assert head.message == f"import from {backend}" and head.metadata == {"from": backend}
    listed = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=name, Prefix="main/imported/")
              for o in page.get("Contents", [])]
    assert listed == [f"main/imported/part-{i:06d}.txt" for i in range(OBJECTS)]
    for i in (0, OBJECTS // 2, OBJECTS - 1):
        path = f"imported/part-{i:06d}.txt"
        assert s3.get_object(Bucket=name, Key=f"main/{path}")["Body"].read() == body(i)
        assert repo.branch("main").object(path).stat().physical_address == source.address(i)
    assert not any(f.endswith(".txt") for _, _, files in os.walk(os.path.join(tarn.data_dir, "blocks")) for f in files), \
        "imported objects must not be copied into the repository's storage"


def test_an_import_of_nothing_fails_and_leaves_the_branch_alone(client, emulators):
    name = f"imp-none-{uuid.uuid4().hex[:8]}"
    repo = lakefs.Repository(name, client=client).create(storage_namespace=f"local://{name}")
    before = repo.branch("main").get_commit().id
    emulators["s3"].client().create_bucket(Bucket="empty-source")
    with pytest.raises(lakefs.exceptions.ImportManagerException) as failed:
        repo.branch("main").import_data(commit_message="nothing").prefix("s3://empty-source/none/", destination="x/").run()
    assert "s3://empty-source/none/" in str(failed.value)
    assert repo.branch("main").get_commit().id == before


def test_import_status_of_an_unknown_id_is_not_found(tarn):
    status, body = tarn.call_api("GET", "/repositories/no-such-repo/branches/main/import?id=nope")
    assert status == 404
    assert body["message"]
