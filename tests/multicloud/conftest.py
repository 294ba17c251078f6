"""One Tarn with repositories on several backends at once, each backend's emulator started here."""
import os
import sys

import lakefs
import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from emulators import Azurite, FakeGcs, Moto  # noqa: E402  (tests/ is put on the path just above)
from tarnserver import TarnServer  # noqa: E402

S3_BUCKET = "tarn-data"
AZURE_CONTAINER = "tarn-data"
GCS_BUCKET = "tarn-data"


@pytest.fixture(scope="session")
def moto():
    emulator = Moto()
    emulator.client().create_bucket(Bucket=S3_BUCKET)
    yield emulator
    emulator.stop()


@pytest.fixture(scope="session")
def azurite():
    emulator = Azurite()
    emulator.service().create_container(AZURE_CONTAINER)
    yield emulator
    emulator.stop()


@pytest.fixture(scope="session")
def gcs():
    emulator = FakeGcs()
    emulator.create_bucket(GCS_BUCKET)
    yield emulator
    emulator.stop()


@pytest.fixture(scope="session")
def tarn(moto, azurite, gcs):
    server = TarnServer(env={**moto.tarn_env(), **azurite.tarn_env(), **gcs.tarn_env()}, https=False, prefix="tarn-multicloud-")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def emulators(moto, azurite, gcs):
    return {"s3": moto, "azure": azurite, "gcs": gcs}


@pytest.fixture(scope="session")
def client(tarn):
    return lakefs.Client(host=tarn.endpoint, username=tarn.access_key, password=tarn.secret_key)


@pytest.fixture(scope="session")
def s3(tarn):
    return tarn_client(tarn)


def tarn_client(tarn):
    import boto3
    import botocore.config
    return boto3.client("s3", endpoint_url=tarn.endpoint, aws_access_key_id=tarn.access_key,
                        aws_secret_access_key=tarn.secret_key, region_name="us-east-1",
                        config=botocore.config.Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
