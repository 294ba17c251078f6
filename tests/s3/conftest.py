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
    def __init__(self, endpoint, access_key, secret_key, process, data_dir):
        self.endpoint = endpoint
        self.access_key = access_key
        self.secret_key = secret_key
        self.process = process
        self.data_dir = data_dir

    def client(self, **config):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
            config=botocore.config.Config(**config) if config else None,
        )


@pytest.fixture(scope="session")
def tarn():
    jar = os.environ.get("TARN_JAR", os.path.join(ROOT, "server", "target", "tarn.jar"))
    if not os.path.exists(jar):
        pytest.fail(f"{jar} does not exist: build it first with `mvn -B -DskipTests package`")
    data_dir = tempfile.mkdtemp(prefix="tarn-s3-")
    process = subprocess.Popen(
        ["java", "-jar", jar, "run", "--address", "127.0.0.1", "--port", "0", "--data-dir", data_dir],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    banner = {}
    lines = []
    deadline = time.time() + 60
    while time.time() < deadline and not {"endpoint", "key", "secret"} <= banner.keys():
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        for name, pattern in (("endpoint", r"Endpoint:\s+(\S+)"), ("key", r"Access key id:\s+(\S+)"), ("secret", r"Secret key:\s+(\S+)")):
            m = re.search(pattern, line)
            if m:
                banner[name] = m.group(1)
    if not {"endpoint", "key", "secret"} <= banner.keys():
        process.kill()
        pytest.fail("Tarn did not start; it printed:\n" + "".join(lines))
    # Keep draining the server's output so it never blocks on a full pipe.
    threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
    server = Tarn(banner["endpoint"], banner["key"], banner["secret"], process, data_dir)
    yield server
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(params=["default", "when_required"])
def s3(tarn, request):
    """boto3 with its default settings, and again computing checksums only when required."""
    if request.param == "default":
        return tarn.client()
    return tarn.client(request_checksum_calculation="when_required", response_checksum_validation="when_required")


@pytest.fixture
def bucket(s3):
    name = "t-" + uuid.uuid4().hex[:12]
    s3.create_bucket(Bucket=name)
    return name
