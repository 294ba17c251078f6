"""Fixtures for the REST API suite: one packaged tarn.jar per session on 127.0.0.1 (a free port, a
fresh data directory), the high-level `lakefs` client and the generated `lakefs_sdk` client pointed
at it with the admin key from its start-up banner, and a fresh repository per test."""
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time

import lakefs
import lakefs_sdk
import pytest
from lakefs_sdk.client import LakeFSClient

from restutil import unique_name

HERE = os.path.dirname(os.path.abspath(__file__))
JAR = os.environ.get("TARN_JAR", os.path.join(HERE, "..", "..", "server", "target", "tarn.jar"))
BANNER = {
    "endpoint": re.compile(r"^\s*Endpoint:\s+(\S+)"),
    "key": re.compile(r"^\s*Access key id:\s+(\S+)"),
    "secret": re.compile(r"^\s*Secret key:\s+(\S+)"),
}


class TarnProcess:
    """A running tarn.jar and what its banner said."""

    def __init__(self):
        if not os.path.exists(JAR):
            pytest.fail(f"{JAR} does not exist: build it first with `mvn -B -DskipTests package`")
        self.data_dir = tempfile.mkdtemp(prefix="tarn-rest-")
        command = ["java", "-jar", JAR, "run", "--address", "127.0.0.1", "--port", "0", "--data-dir", self.data_dir]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.banner = self._read_banner(timeout=60)
        # The server keeps logging: drain its output so that it never blocks on a full pipe.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def _read_banner(self, timeout):
        found, seen = {}, []
        deadline = time.time() + timeout
        while time.time() < deadline and len(found) < len(BANNER):
            line = self.process.stdout.readline()
            if not line:
                break
            seen.append(line)
            for name, pattern in BANNER.items():
                match = pattern.search(line)
                if match:
                    found[name] = match.group(1)
        if len(found) < len(BANNER):
            self.process.kill()
            pytest.fail("Tarn did not start; it printed:\n" + "".join(seen))
        return found

    @property
    def endpoint(self):
        return self.banner["endpoint"]

    @property
    def key(self):
        return self.banner["key"]

    @property
    def secret(self):
        return self.banner["secret"]

    def api(self, path=""):
        return self.endpoint + "/api/v1" + path

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def tarn():
    server = TarnProcess()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def client(tarn):
    """The high-level SDK, configured as its documentation shows: an endpoint and a key pair."""
    return lakefs.Client(host=tarn.endpoint, username=tarn.key, password=tarn.secret)


@pytest.fixture(scope="session")
def sdk(tarn):
    """The generated SDK, configured as its README shows."""
    configuration = lakefs_sdk.Configuration(host=tarn.endpoint, username=tarn.key, password=tarn.secret)
    return LakeFSClient(configuration)


@pytest.fixture
def repo(client):
    """A fresh repository (default branch main) through the high-level SDK."""
    name = unique_name()
    return lakefs.Repository(name, client=client).create(storage_namespace=f"local://{name}")
