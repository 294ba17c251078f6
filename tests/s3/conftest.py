"""Fixtures for the S3 gateway suite: one real Tarn server (the packaged tarn.jar) per session,
bound to 127.0.0.1, and boto3 clients with their default configuration."""
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import uuid

import boto3
import botocore.config
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Tarn:
    def __init__(self, endpoint, access_key, secret_key, process, data_dir, https_endpoint=None, ca_file=None):
        self.endpoint = endpoint
        self.https_endpoint = https_endpoint
        self.ca_file = ca_file
        self.access_key = access_key
        self.secret_key = secret_key
        self.process = process
        self.data_dir = data_dir

    def client(self, https=False, **config):
        return boto3.client(
            "s3",
            endpoint_url=self.https_endpoint if https else self.endpoint,
            verify=self.ca_file if https else None,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
            config=botocore.config.Config(**config) if config else None,
        )


@pytest.fixture(scope="session")
def tarn():
    server = start_tarn()
    yield server
    stop_tarn(server)


def start_tarn(env=None):
    """Starts the packaged tarn.jar on 127.0.0.1 (HTTP and HTTPS, free ports, a fresh data
    directory) and reads its banner. `env` adds TARN_* settings to the environment."""
    jar = os.environ.get("TARN_JAR", os.path.join(ROOT, "server", "target", "tarn.jar"))
    if not os.path.exists(jar):
        pytest.fail(f"{jar} does not exist: build it first with `mvn -B -DskipTests package`")
    data_dir = tempfile.mkdtemp(prefix="tarn-s3-")
    process = subprocess.Popen(
        ["java", "-jar", jar, "run", "--address", "127.0.0.1", "--port", "0", "--tls-port", "0", "--data-dir", data_dir],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, **(env or {})})
    banner = {}
    lines = []
    deadline = time.time() + 60
    wanted = {"endpoint", "https", "ca", "key", "secret"}
    while time.time() < deadline and not wanted <= banner.keys():
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        for name, pattern in (("endpoint", r"  Endpoint:\s+(\S+)"), ("https", r"HTTPS endpoint:\s+(\S+)"), ("ca", r"CA file:\s+(\S+)"),
                              ("key", r"Access key id:\s+(\S+)"), ("secret", r"Secret key:\s+(\S+)")):
            m = re.search(pattern, line)
            if m:
                banner[name] = m.group(1)
    if not wanted <= banner.keys():
        process.kill()
        pytest.fail("Tarn did not start; it printed:\n" + "".join(lines))
    # Keep draining the server's output so it never blocks on a full pipe.
    threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
    return Tarn(banner["endpoint"], banner["key"], banner["secret"], process, data_dir, banner["https"], banner["ca"])


def stop_tarn(server):
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
    shutil.rmtree(server.data_dir, ignore_errors=True)


@pytest.fixture(params=["default", "when_required", "https"])
def s3(tarn, request):
    """boto3 with its default settings, again computing checksums only when required, and over
    HTTPS (where its uploads are aws-chunked with a checksum trailer)."""
    if request.param == "default":
        return tarn.client()
    if request.param == "https":
        return tarn.client(https=True)
    return tarn.client(request_checksum_calculation="when_required", response_checksum_validation="when_required")


@pytest.fixture
def bucket(s3):
    name = "t-" + uuid.uuid4().hex[:12]
    s3.create_bucket(Bucket=name)
    return name
