"""Fixtures for the REST API suite: one packaged tarn.jar per session on 127.0.0.1 (a free port, a
fresh data directory), the high-level `lakefs` client and the generated `lakefs_sdk` client pointed
at it with the admin key from its start-up banner, and a fresh repository per test."""
import os
import sys

import lakefs
import lakefs_sdk
import pytest
from lakefs_sdk.client import LakeFSClient

from restutil import unique_name

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from tarnserver import TarnServer  # noqa: E402  (tests/ is put on the path just above)


class TarnProcess(TarnServer):
    """A running tarn.jar, over HTTP only."""

    def __init__(self):
        super().__init__(https=False, prefix="tarn-rest-")

    @property
    def key(self):
        return self.access_key

    @property
    def secret(self):
        return self.secret_key

    def api(self, path=""):
        return self.endpoint + "/api/v1" + path


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
