"""Real service emulators, each started on 127.0.0.1 at a free port and stopped at the end: moto's S3
server for S3 (in this process, or in its own with IAM signature checks), Azurite for Azure Blob Storage,
fake-gcs-server for GCS."""
import concurrent.futures
import contextlib
import datetime
import http.client
import logging
import os
import json
import shutil
import urllib.parse
import urllib.request
import socket
import subprocess
import sys
import threading
import time

import boto3
import pytest


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, process, name, timeout=60):
    deadline = time.time() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.time() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"{name} did not start on 127.0.0.1:{port}")
            time.sleep(0.1)


def send_all(port, requests, connections=8):
    """Sends (method, path, headers, body) requests to 127.0.0.1:port over a few keep-alive
    connections at once; fails on the first answer that is not 2xx."""
    requests = iter(requests)
    pending = threading.Lock()

    def next_request():
        with pending:
            return next(requests, None)

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            while (request := next_request()) is not None:
                method, path, headers, body = request
                connection.request(method, path, body=body, headers=headers)
                with connection.getresponse() as reply:
                    answer = reply.read()
                    if not 200 <= reply.status < 300:
                        raise AssertionError(f"{method} {path.split('?')[0]} -> {reply.status}: {answer[:300]!r}")
        finally:
            connection.close()

    with concurrent.futures.ThreadPoolExecutor(connections) as pool:
        for done in [pool.submit(worker) for _ in range(connections)]:
            done.result()


class Emulator:
    """A running emulator process: `endpoint`, and `stop()` (idempotent)."""

    def __init__(self, name, command, port, env=None):
        self.name = name
        self.port = port
        self.endpoint = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        env={**os.environ, **(env or {})})
        wait_for_port(port, self.process, name)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


class S3Endpoint:
    """An S3 emulator at `endpoint` that takes the keys `key` and `secret`: its boto3 client, and what it holds."""

    def client(self):
        return boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id=self.key, aws_secret_access_key=self.secret,
                            region_name="us-east-1")

    def objects(self, bucket, prefix):
        """Every object under a prefix: key -> bytes."""
        s3 = self.client()
        out = {}
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            for o in page.get("Contents", []):
                out[o["Key"]] = s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read()
        return out


class Moto(S3Endpoint):
    """moto's S3 server, run in this process (moto.server.ThreadedMotoServer) so that a test can seed
    objects straight into its backend: over HTTP moto stores about 450 small objects a second, which
    makes 100,000 take minutes. Tarn reaches it over HTTP like any S3. Keys `test`/`test`, no signature checks."""

    key = "test"
    secret = "test"

    def __init__(self):
        from moto.server import ThreadedMotoServer
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.server.start()
        self.port = self.server.get_host_and_port()[1]
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.stopped = False

    def stop(self):
        if not self.stopped:
            self.stopped = True
            self.server.stop()

    def seed(self, bucket, objects):
        """Stores (key, bytes) pairs in an existing bucket through moto's own backend, as its PUT handler would."""
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.s3.models import s3_backends
        backend = s3_backends[DEFAULT_ACCOUNT_ID]["aws"]
        for key, data in objects:
            backend.put_object(bucket, key, data)

    def tarn_env(self):
        """What Tarn's S3 plugin needs to reach this emulator."""
        return {"TARN_BLOCKSTORE_S3_ENDPOINT": self.endpoint, "TARN_BLOCKSTORE_S3_PATH_STYLE": "true",
                "TARN_BLOCKSTORE_S3_REGION": "us-east-1", "TARN_BLOCKSTORE_S3_ACCESS_KEY_ID": self.key,
                "TARN_BLOCKSTORE_S3_SECRET_ACCESS_KEY": self.secret,
                # A backend that is down fails fast: two attempts, five seconds each call.
                "TARN_BLOCKSTORE_S3_TIMEOUT": "5s", "TARN_BLOCKSTORE_S3_MAX_RETRIES": "1"}


class SignatureCheckingMoto(Emulator, S3Endpoint):
    """moto_server with IAM: it creates a user `tarn` with a key allowed everything, then checks the
    signature of every request. Run in a process of its own, because moto holds this mode process-wide
    (INITIAL_NO_AUTH_ACTION_COUNT, read at import, and one request counter): in this process it would
    check the requests of the in-process `Moto` too."""

    # The requests that create the IAM user, its policy and its key; moto checks signatures after them.
    SETUP_REQUESTS = 3
    ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'

    def __init__(self):
        port = free_port()
        super().__init__("moto_server", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], port,
                         env={"INITIAL_NO_AUTH_ACTION_COUNT": str(self.SETUP_REQUESTS)})
        try:
            iam = boto3.client("iam", endpoint_url=self.endpoint, aws_access_key_id="setup", aws_secret_access_key="setup",
                               region_name="us-east-1")
            iam.create_user(UserName="tarn")
            key = iam.create_access_key(UserName="tarn")["AccessKey"]
            iam.put_user_policy(UserName="tarn", PolicyName="all", PolicyDocument=self.ALLOW_ALL)
        except BaseException:
            self.stop()
            raise
        self.key = key["AccessKeyId"]
        self.secret = key["SecretAccessKey"]

    @contextlib.contextmanager
    def signatures_unchecked(self):
        """moto's own check computes a wrong signature for query values that need encoding (it
        signs them decoded: boto3's own `Prefix="dir/"` fails it), so listings with such values
        run with the check off."""
        self._requests_before_checks(b"inf")
        try:
            yield
        finally:
            self._requests_before_checks(b"0")

    def _requests_before_checks(self, count):
        urllib.request.urlopen(urllib.request.Request(self.endpoint + "/moto-api/reset-auth", data=count, method="POST",
                                                      headers={"Content-Type": "text/plain"}))


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Azurite(Emulator):
    """Azurite's blob service (from `npm ci --prefix blockstore-azure`), with its well-known account."""

    account = "devstoreaccount1"
    key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

    def __init__(self):
        executable = os.environ.get("TARN_AZURITE", os.path.join(ROOT, "blockstore-azure", "node_modules", ".bin", "azurite-blob"))
        if not os.path.exists(executable):
            pytest.fail(f"Azurite is not installed at {executable}: run 'npm ci --prefix blockstore-azure'")
        port = free_port()
        super().__init__("Azurite", [executable, "--blobHost", "127.0.0.1", "--blobPort", str(port), "--inMemoryPersistence",
                                     "--disableTelemetry", "--skipApiVersionCheck", "--silent"], port)
        self.blob_endpoint = f"{self.endpoint}/{self.account}"

    def service(self):
        from azure.storage.blob import BlobServiceClient
        return BlobServiceClient(account_url=self.blob_endpoint, credential={"account_name": self.account, "account_key": self.key})

    def tarn_env(self):
        return {"TARN_BLOCKSTORE_AZURE_ACCOUNT_NAME": self.account, "TARN_BLOCKSTORE_AZURE_ACCOUNT_KEY": self.key,
                "TARN_BLOCKSTORE_AZURE_ENDPOINT": self.blob_endpoint,
                "TARN_BLOCKSTORE_AZURE_TIMEOUT": "5s", "TARN_BLOCKSTORE_AZURE_MAX_RETRIES": "1",
                "TARN_BLOCKSTORE_AZURE_RETRY_DELAY": "100ms"}

    def objects(self, container, prefix):
        client = self.service().get_container_client(container)
        return {b.name: client.download_blob(b.name).readall() for b in client.list_blobs(name_starts_with=prefix)}

    def put_many(self, container, objects):
        """Uploads (key, bytes) pairs to an existing container as block blobs, several at a time, through
        a container SAS (the Python SDK's own overhead would halve the rate)."""
        from azure.storage.blob import ContainerSasPermissions, generate_container_sas
        sas = generate_container_sas(self.account, container, account_key=self.key, permission=ContainerSasPermissions(write=True),
                                     expiry=datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=2))
        send_all(self.port, (("PUT", f"/{self.account}/{container}/{urllib.parse.quote(key)}?{sas}",
                              {"x-ms-blob-type": "BlockBlob"}, data) for key, data in objects))


class FakeGcs(Emulator):
    """fake-gcs-server (`go install github.com/fsouza/fake-gcs-server@v1.56.1`, as .ci/run does), in memory."""

    project = "tarn-test"

    def __init__(self):
        executable = os.environ.get("TARN_FAKE_GCS_SERVER") or shutil.which("fake-gcs-server") or os.path.join(
            os.environ.get("GOPATH", os.path.expanduser("~/go")), "bin", "fake-gcs-server")
        if not os.path.exists(executable):
            pytest.fail(f"fake-gcs-server is not installed at {executable}: run 'go install github.com/fsouza/fake-gcs-server@v1.56.1'")
        port = free_port()
        endpoint = f"http://127.0.0.1:{port}"
        super().__init__("fake-gcs-server", [executable, "-scheme", "http", "-host", "127.0.0.1", "-port", str(port),
                                             "-backend", "memory", "-external-url", endpoint, "-public-host", f"127.0.0.1:{port}",
                                             "-log-level", "warn"], port)

    def create_bucket(self, name):
        request = urllib.request.Request(f"{self.endpoint}/storage/v1/b?project={self.project}", method="POST",
                                         data=json.dumps({"name": name}).encode(), headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request).read()

    def put_many(self, objects):
        """Uploads (bucket, key, bytes) triples, several at a time."""
        send_all(self.port, (("POST", f"/upload/storage/v1/b/{bucket}/o?uploadType=media&name={urllib.parse.quote(key, safe='')}",
                              {"Content-Type": "text/plain"}, data) for bucket, key, data in objects))

    def tarn_env(self):
        return {"TARN_BLOCKSTORE_GCS_PROJECT_ID": self.project, "TARN_BLOCKSTORE_GCS_ENDPOINT": self.endpoint,
                "TARN_BLOCKSTORE_GCS_ANONYMOUS": "true", "TARN_BLOCKSTORE_GCS_TIMEOUT": "5s",
                "TARN_BLOCKSTORE_GCS_MAX_RETRIES": "1"}

    def objects(self, bucket, prefix):
        out, token = {}, None
        while True:
            query = {"prefix": prefix} | ({"pageToken": token} if token else {})
            with urllib.request.urlopen(f"{self.endpoint}/storage/v1/b/{bucket}/o?{urllib.parse.urlencode(query)}") as reply:
                page = json.load(reply)
            for item in page.get("items", []):
                name = urllib.parse.quote(item["name"], safe="")
                with urllib.request.urlopen(f"{self.endpoint}/storage/v1/b/{bucket}/o/{name}?alt=media") as body:
                    out[item["name"]] = body.read()
            token = page.get("nextPageToken")
            if not token:
                return out
