"""Object sizes from 0 bytes to 5 GiB. The largest object is generated while it is sent and hashed
while it is read back, so neither side of the test holds it: the server must stream it too."""
import hashlib
import io
import os
import uuid

import boto3.s3.transfer
import pytest
from botocore.exceptions import ClientError

MIB = 1024 * 1024
GIB = 1024 * MIB


class GeneratedStream:
    """`size` bytes, made on the fly from one random block with each MiB numbered, and hashed as read."""

    def __init__(self, size):
        self.size = size
        self.position = 0
        self.block = os.urandom(MIB)
        self.sha256 = hashlib.sha256()

    def _piece(self, offset, n):
        index, within = divmod(offset, MIB)
        block = index.to_bytes(8, "big") + self.block[8:]
        return block[within:within + n]

    def read(self, n=-1):
        if n is None or n < 0:
            n = self.size - self.position
        n = min(n, self.size - self.position)
        out = bytearray()
        while len(out) < n:
            out += self._piece(self.position + len(out), n - len(out))
        self.position += n
        data = bytes(out)
        self.sha256.update(data)
        return data


class HashingSink:
    def __init__(self):
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, data):
        self.sha256.update(data)
        self.size += len(data)
        return len(data)


def test_an_empty_object_round_trips(s3, bucket):
    put = s3.put_object(Bucket=bucket, Key="main/empty", Body=b"")
    assert put["ETag"] == '"d41d8cd98f00b204e9800998ecf8427e"'
    got = s3.get_object(Bucket=bucket, Key="main/empty")
    assert got["ContentLength"] == 0 and got["Body"].read() == b""
    assert s3.head_object(Bucket=bucket, Key="main/empty")["ContentLength"] == 0
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="main/empty", Range="bytes=0-0")
    assert e.value.response["Error"]["Code"] == "InvalidRange"


@pytest.mark.parametrize("size", [1, 5 * MIB - 1, 5 * MIB, 5 * MIB + 1, 8 * MIB + 1], ids=str)
def test_sizes_around_part_boundaries_round_trip(s3, bucket, size):
    data = os.urandom(size)
    s3.upload_fileobj(io.BytesIO(data), bucket, f"main/{size}.bin")
    sink = HashingSink()
    s3.download_fileobj(bucket, f"main/{size}.bin", sink)
    assert sink.size == size and sink.sha256.digest() == hashlib.sha256(data).digest()


def test_a_5_gib_object_streams_up_in_parts_and_back(tarn):
    # One client configuration is enough here: the other modes are covered on smaller objects.
    s3 = tarn.client()
    bucket = "t-" + uuid.uuid4().hex[:12]
    s3.create_bucket(Bucket=bucket)
    source = GeneratedStream(5 * GIB)
    config = boto3.s3.transfer.TransferConfig(multipart_chunksize=64 * MIB, max_concurrency=4)
    s3.upload_fileobj(source, bucket, "main/five.bin", Config=config)
    head = s3.head_object(Bucket=bucket, Key="main/five.bin")
    assert head["ContentLength"] == 5 * GIB
    assert head["ETag"].endswith('-80"')
    sink = HashingSink()
    s3.download_fileobj(bucket, "main/five.bin", sink, Config=config)
    assert sink.size == 5 * GIB
    assert sink.sha256.hexdigest() == source.sha256.hexdigest()
    s3.delete_object(Bucket=bucket, Key="main/five.bin")
