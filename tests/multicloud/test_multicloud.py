"""One server, repositories on several backends: each gets writes through the S3 gateway, commits,
a merged branch and reads at a commit, and its bytes and range files are checked in the backend
itself. Then a backend goes down: its repository answers 503 naming it, the others keep working."""
import os
import uuid

import lakefs
import pytest
from botocore.exceptions import ClientError

from conftest import AZURE_CONTAINER, GCS_BUCKET, S3_BUCKET


def unique(kind):
    return f"{kind}-{uuid.uuid4().hex[:10]}"


def local_files(tarn, namespace_name):
    """Every file the local blockstore keeps for namespace local://<name>, by path below it."""
    root = os.path.join(tarn.data_dir, "blocks", namespace_name + "%2F")
    out = {}
    for directory, _, files in os.walk(root):
        for name in files:
            path = os.path.join(directory, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, root).replace("%2F", "")] = f.read()
    return out


BACKENDS = ["local", "s3", "gcs", "azure"]


def stored_objects(backend, tarn, emulators, name):
    """What the backend itself holds for the repository: path below its namespace -> bytes."""
    if backend == "local":
        return local_files(tarn, name)
    prefix = f"{name}/"
    found = {"s3": lambda: emulators["s3"].objects(S3_BUCKET, prefix),
             "gcs": lambda: emulators["gcs"].objects(GCS_BUCKET, prefix),
             "azure": lambda: emulators["azure"].objects(AZURE_CONTAINER, prefix)}[backend]()
    return {key[len(prefix):]: body for key, body in found.items()}


# The lakeFS SDK accepts only s3, gs, http(s), mem, local and transient namespaces, so Azure takes
# its https://<account>.blob.core.windows.net form here (az:// works through the REST API itself).
def namespace(backend, name):
    return {"local": f"local://{name}", "s3": f"s3://{S3_BUCKET}/{name}", "gcs": f"gs://{GCS_BUCKET}/{name}",
            "azure": f"https://devstoreaccount1.blob.core.windows.net/{AZURE_CONTAINER}/{name}"}[backend]



def version_controlled_round_trip(client, s3, name):
    """Writes through the S3 gateway, commits, merges a branch and reads at a commit; returns what was written."""
    repo = lakefs.Repository(name, client=client)
    first = b"id,value\n1,one\n" * 1000
    second = os.urandom(300_000)
    s3.put_object(Bucket=name, Key="main/data/first.csv", Body=first)
    c1 = repo.branch("main").commit("first").get_commit().id
    repo.branch("feature").create("main")
    s3.put_object(Bucket=name, Key="feature/data/second.bin", Body=second)
    s3.delete_object(Bucket=name, Key="feature/data/first.csv")
    repo.branch("feature").commit("second, without first")
    repo.branch("feature").merge_into(repo.branch("main"))

    assert s3.get_object(Bucket=name, Key="main/data/second.bin")["Body"].read() == second
    with pytest.raises(ClientError):
        s3.get_object(Bucket=name, Key="main/data/first.csv")
    assert s3.get_object(Bucket=name, Key=f"{c1}/data/first.csv")["Body"].read() == first, "time travel to the first commit"
    return {first, second}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_repository_on_each_backend_keeps_its_data_and_commits_there(tarn, client, s3, emulators, backend):
    name = unique(backend)
    lakefs.Repository(name, client=client).create(storage_namespace=namespace(backend, name))
    written = version_controlled_round_trip(client, s3, name)

    stored = stored_objects(backend, tarn, emulators, name)
    data = [body for path, body in stored.items() if path.startswith("data/")]
    assert written <= set(data), f"the object bytes must be in the {backend} backend"
    assert any(path.startswith("_tarn/ranges/") and path.endswith(".parquet") for path in stored), stored.keys()
    assert any(path.startswith("_tarn/metaranges/") for path in stored), stored.keys()
    for other in BACKENDS:
        if other != backend:
            assert not stored_objects(other, tarn, emulators, name), f"nothing of {name} may land in {other}"


def test_a_backend_that_goes_down_fails_its_repositories_clearly_and_the_others_keep_working(tarn, client, s3, emulators):
    moto = emulators["s3"]
    on_s3 = unique("s3")
    on_local = unique("local")
    lakefs.Repository(on_s3, client=client).create(storage_namespace=namespace("s3", on_s3))
    lakefs.Repository(on_local, client=client).create(storage_namespace=namespace("local", on_local))
    s3.put_object(Bucket=on_s3, Key="main/kept.txt", Body=b"on s3")

    moto.stop()
    with pytest.raises(ClientError) as down:
        s3.get_object(Bucket=on_s3, Key="main/kept.txt")
    assert down.value.response["ResponseMetadata"]["HTTPStatusCode"] == 503
    assert down.value.response["Error"]["Code"] == "ServiceUnavailable"
    assert "s3" in down.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as write:
        s3.put_object(Bucket=on_s3, Key="main/new.txt", Body=b"lost?")
    assert write.value.response["ResponseMetadata"]["HTTPStatusCode"] == 503

    working_repositories = [on_local]
    for backend in ("gcs", "azure"):
        name = unique(backend)
        lakefs.Repository(name, client=client).create(storage_namespace=namespace(backend, name))
        working_repositories.append(name)
    for working in working_repositories:
        s3.put_object(Bucket=working, Key="main/still.txt", Body=b"works")
        lakefs.Repository(working, client=client).branch("main").commit("while s3 is down")
        assert s3.get_object(Bucket=working, Key="main/still.txt")["Body"].read() == b"works"
