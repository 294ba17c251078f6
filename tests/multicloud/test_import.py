"""Zero-copy import: objects that already exist in a bucket or container of each cloud emulator
become one commit through the lakeFS SDK's import manager, without being copied. (This file runs
before test_multicloud.py, whose last test stops moto.)"""
import concurrent.futures
import os
import uuid

import lakefs
import pytest

# How many objects each emulator gets; TARN_IMPORT_OBJECTS=100000 for the full-size run.
OBJECTS = int(os.environ.get("TARN_IMPORT_OBJECTS", "2000"))


def body(i):
    return f"object {i}\n".encode()


def fill(put, count):
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda i: put(f"data/part-{i:06d}.txt", body(i)), range(count)))


def s3_source(emulators, bucket):
    s3 = emulators["s3"].client()
    s3.create_bucket(Bucket=bucket)
    fill(lambda key, data: s3.put_object(Bucket=bucket, Key=key, Body=data), OBJECTS)
    return f"s3://{bucket}/data/"


def gcs_source(emulators, bucket):
    gcs = emulators["gcs"]
    gcs.create_bucket(bucket)
    fill(lambda key, data: gcs.put(bucket, key, data), OBJECTS)
    return f"gs://{bucket}/data/"


def azure_source(emulators, container):
    service = emulators["azure"].service()
    client = service.create_container(container)
    fill(lambda key, data: client.upload_blob(key, data), OBJECTS)
    return f"https://devstoreaccount1.blob.core.windows.net/{container}/data/"


SOURCES = {"s3": s3_source, "gcs": gcs_source, "azure": azure_source}


@pytest.mark.parametrize("backend", list(SOURCES))
def test_existing_objects_are_imported_as_one_commit_without_copying(tarn, client, s3, emulators, backend):
    name = f"imp-{backend}-{uuid.uuid4().hex[:8]}"
    source = SOURCES[backend](emulators, f"src-{uuid.uuid4().hex[:10]}")
    repo = lakefs.Repository(name, client=client).create(storage_namespace=f"local://{name}")

    manager = repo.branch("main").import_data(commit_message=f"import from {backend}", metadata={"from": backend})
    status = manager.prefix(source, destination="imported/").run()

    assert status.completed and status.error is None
    assert status.ingested_objects == OBJECTS
    head = repo.branch("main").get_commit()
    assert head.message == f"import from {backend}" and head.metadata == {"from": backend}
    listed = sum(len(page.get("Contents", [])) for page in
                 s3.get_paginator("list_objects_v2").paginate(Bucket=name, Prefix="main/imported/"))
    assert listed == OBJECTS
    for i in (0, OBJECTS // 2, OBJECTS - 1):
        path = f"imported/part-{i:06d}.txt"
        assert s3.get_object(Bucket=name, Key=f"main/{path}")["Body"].read() == body(i)
        assert repo.branch("main").object(path).stat().physical_address.startswith(source.rstrip("/").split("/data")[0])
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
