"""A storage plugin built outside Tarn (examples/files-blockstore) is found in the server's plugins
directory, without rebuilding Tarn, and serves repositories whose namespace uses its scheme."""
import os
import shutil
import tempfile

import pytest

from conftest import tarn_client
from emulators import ROOT
from tarnserver import TarnServer

PLUGIN_JAR = os.path.join(ROOT, "examples", "files-blockstore", "target", "tarn-files-blockstore.jar")


def api(server, method, path, body=None):
    return server.call_api(method, path, body)


@pytest.fixture(scope="module")
def share():
    path = tempfile.mkdtemp(prefix="tarn-share-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def plugged(share):
    if not os.path.exists(PLUGIN_JAR):
        pytest.fail(f"{PLUGIN_JAR} is missing: build it with `mvn -B -pl examples/files-blockstore -am package`")
    plugins = tempfile.mkdtemp(prefix="tarn-plugins-")
    shutil.copy(PLUGIN_JAR, plugins)
    server = TarnServer(env={"TARN_PLUGINS_DIR": plugins, "TARN_BLOCKSTORE_FILES_ROOT": share}, https=False,
                        prefix="tarn-plugins-")
    yield server
    server.stop()
    shutil.rmtree(plugins, ignore_errors=True)


def test_a_plugin_in_the_plugins_directory_serves_its_scheme(plugged, share):
    status, repo = api(plugged, "POST", "/repositories", {"name": "on-files", "storage_namespace": "files://share/on-files"})
    assert status == 201, repo
    s3 = tarn_client(plugged)
    s3.put_object(Bucket="on-files", Key="main/report.csv", Body=b"a,b\n1,2\n")
    status, commit = api(plugged, "POST", "/repositories/on-files/branches/main/commits", {"message": "through the plugin"})
    assert status == 201, commit
    assert s3.get_object(Bucket="on-files", Key=f"{commit['id']}/report.csv")["Body"].read() == b"a,b\n1,2\n"

    stored = []
    for directory, _, files in os.walk(share):
        for name in files:
            with open(os.path.join(directory, name), "rb") as f:
                stored.append(f.read())
    # The example keeps a 512-byte header (ETag, checksums) in front of each object's bytes.
    assert any(body.endswith(b"a,b\n1,2\n") for body in stored), "the object's bytes must be in the plugin's directory"
    assert any(body.endswith(b"PAR1") for body in stored), "the commit's Parquet range files too"


def test_without_the_plugin_its_scheme_is_refused_naming_the_plugins_found():
    server = TarnServer(https=False, prefix="tarn-noplugins-")
    try:
        status, body = api(server, "POST", "/repositories", {"name": "nowhere", "storage_namespace": "files://share/nowhere"})
        assert status == 400
        assert "files" in body["message"] and "local" in body["message"]
    finally:
        server.stop()


def test_an_upload_the_plugin_cannot_assemble_is_refused_as_not_implemented(plugged):
    """The example plugin has no multipart capability: boto3's multipart upload gets S3's 501, naming
    the blockstore, and leaves nothing behind; a single PUT of the same bytes works."""
    import boto3.s3.transfer
    from botocore.exceptions import ClientError
    status, repo = api(plugged, "POST", "/repositories", {"name": "no-parts", "storage_namespace": "files://share/no-parts"})
    assert status == 201, repo
    s3 = tarn_client(plugged)
    with pytest.raises(ClientError) as refused:
        s3.create_multipart_upload(Bucket="no-parts", Key="main/big.bin")
    error = refused.value.response["Error"]
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert error["Code"] == "NotImplemented" and "'files'" in error["Message"] and "multipart" in error["Message"]

    data = os.urandom(9 << 20)
    with tempfile.NamedTemporaryFile() as f:
        f.write(data)
        f.flush()
        with pytest.raises(boto3.exceptions.S3UploadFailedError, match="NotImplemented"):
            s3.upload_file(f.name, "no-parts", "main/big.bin")  # above boto3's 8 MiB threshold: multipart
        s3.upload_file(f.name, "no-parts", "main/big.bin",
                       Config=boto3.s3.transfer.TransferConfig(multipart_threshold=16 << 20))
    assert s3.get_object(Bucket="no-parts", Key="main/big.bin")["Body"].read() == data
    assert not s3.list_multipart_uploads(Bucket="no-parts").get("Uploads")
