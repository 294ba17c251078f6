"""Fixtures for the S3 gateway suite: one real Tarn server (the packaged tarn.jar) per session,
bound to 127.0.0.1, and boto3 clients with their default configuration."""
import os
import sys
import uuid

import boto3
import botocore.config
import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from tarnserver import TarnServer  # noqa: E402  (tests/ is put on the path just above)


class Tarn(TarnServer):
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
    server = Tarn(prefix="tarn-s3-")
    yield server
    server.stop()


def start_tarn(env=None):
    """Another server, with `env` adding TARN_* settings to its environment."""
    return Tarn(env=env, prefix="tarn-s3-")


def stop_tarn(server):
    server.stop()


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
