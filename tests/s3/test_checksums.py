"""Integrity checks on upload and download: x-amz-checksum-* (CRC32, CRC32C, CRC64NVME, SHA1,
SHA256) and Content-MD5 are verified on the way in (BadDigest, and nothing is written), stored, and
returned with ChecksumMode=ENABLED so that the SDK can verify the bytes it downloads."""
import base64
import hashlib
import zlib

import botocore.httpchecksum
import pytest
from botocore.exceptions import ClientError

import s3util
from s3util import error_code

CONFIGS = {
    "default": {},
    "when_required": {"request_checksum_calculation": "when_required", "response_checksum_validation": "when_required"},
    "https": {"https": True},
}

try:
    import awscrt  # noqa: F401  (botocore computes CRC32C and CRC64NVME only with it)
    HAVE_CRT = True
except ImportError:
    HAVE_CRT = False


# Pure-Python CRCs, so the expected values do not depend on awscrt.
def _table(poly):
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ poly if c & 1 else c >> 1
        table.append(c)
    return table


_CRC32C = _table(0x82F63B78)
_CRC64NVME = _table(0x9A6C9329AC4BC9B5)


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = _CRC32C[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def crc64nvme(data):
    c = 0xFFFFFFFFFFFFFFFF
    for b in data:
        c = _CRC64NVME[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFFFFFFFFFF


def b64(raw):
    return base64.b64encode(raw).decode()


def expected_checksum(algorithm, data):
    return {
        "CRC32": lambda: b64(zlib.crc32(data).to_bytes(4, "big")),
        "CRC32C": lambda: b64(crc32c(data).to_bytes(4, "big")),
        "CRC64NVME": lambda: b64(crc64nvme(data).to_bytes(8, "big")),
        "SHA1": lambda: b64(hashlib.sha1(data).digest()),
        "SHA256": lambda: b64(hashlib.sha256(data).digest()),
    }[algorithm]()


def test_the_reference_crcs_match_their_published_check_values():
    assert crc32c(b"123456789") == 0xE3069283
    assert crc64nvme(b"123456789") == 0xAE8B14860A799888


@pytest.fixture(params=list(CONFIGS))
def client(tarn, request):
    """boto3 in each checksum configuration, over HTTP and HTTPS, without retries (boto3 retries
    BadDigest, which only slows the tests down)."""
    config = dict(CONFIGS[request.param])
    https = config.pop("https", False)
    return tarn.client(https=https, retries={"max_attempts": 0}, **config)


@pytest.fixture
def bucket_(client):
    name = "ck-" + s3util.uuid_hex()
    client.create_bucket(Bucket=name)
    return name


BODY = b"integrity matters\n" * 5000  # 90 kB


def checksums_of(response):
    return {k[len("Checksum"):].upper(): v for k, v in response.items() if k.startswith("Checksum") and k != "ChecksumType"}


def assert_round_trip(client, bucket, key, algorithm, put_response):
    expected = expected_checksum(algorithm, BODY)
    assert checksums_of(put_response).get(algorithm) == expected
    got = client.get_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED")
    assert checksums_of(got).get(algorithm) == expected
    assert got["Body"].read() == BODY  # botocore checks the bytes against the checksum as it reads
    head = client.head_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED")
    assert checksums_of(head).get(algorithm) == expected


@pytest.mark.parametrize("algorithm", ["CRC32", "SHA1", "SHA256"])
def test_put_with_checksum_algorithm_then_get_returns_and_validates_it(client, bucket_, algorithm):
    key = f"main/{algorithm}.bin"
    put = client.put_object(Bucket=bucket_, Key=key, Body=BODY, ChecksumAlgorithm=algorithm)
    assert_round_trip(client, bucket_, key, algorithm, put)
    got = client.get_object(Bucket=bucket_, Key=key, ChecksumMode="ENABLED")
    # botocore validates what it supports natively: the body it hands out is its checking wrapper
    assert isinstance(got["Body"], botocore.httpchecksum.StreamingChecksumBody)
    got["Body"].read()


@pytest.mark.parametrize("algorithm", ["CRC32C", "CRC64NVME"])
def test_put_with_a_crt_checksum_algorithm_then_get_returns_and_validates_it(client, bucket_, algorithm):
    if not HAVE_CRT:
        pytest.skip(f"botocore computes {algorithm} only with awscrt (botocore[crt]), which is not installed; "
                    f"test_put_with_a_precomputed_checksum covers the server side")
    key = f"main/{algorithm}.bin"
    put = client.put_object(Bucket=bucket_, Key=key, Body=BODY, ChecksumAlgorithm=algorithm)
    assert_round_trip(client, bucket_, key, algorithm, put)


@pytest.mark.parametrize("algorithm", ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"])
def test_put_with_a_precomputed_checksum_stores_and_returns_it(client, bucket_, algorithm):
    key = f"main/pre-{algorithm}.bin"
    value = expected_checksum(algorithm, BODY)
    put = client.put_object(Bucket=bucket_, Key=key, Body=BODY, **{"Checksum" + algorithm: value})
    assert_round_trip(client, bucket_, key, algorithm, put)


def test_a_ranged_get_does_not_claim_the_whole_objects_checksum(client, bucket_):
    client.put_object(Bucket=bucket_, Key="main/r.bin", Body=BODY, ChecksumAlgorithm="SHA256")
    part = client.get_object(Bucket=bucket_, Key="main/r.bin", Range="bytes=0-16", ChecksumMode="ENABLED")
    assert part["Body"].read() == BODY[:17]
    assert "SHA256" not in checksums_of(part)


def test_an_upload_with_boto3_defaults_can_be_verified_on_download(client, bucket_):
    put = client.put_object(Bucket=bucket_, Key="main/plain.bin", Body=BODY)
    got = client.get_object(Bucket=bucket_, Key="main/plain.bin", ChecksumMode="ENABLED")
    assert got["Body"].read() == BODY
    sent = checksums_of(put)
    # boto3 sends a CRC32 by default (when_supported); whatever it sent comes back
    for algorithm, value in sent.items():
        assert checksums_of(got).get(algorithm) == value == expected_checksum(algorithm, BODY)


WRONG = {
    "CRC32": "AAAAAA==",
    "CRC32C": "AAAAAA==",
    "CRC64NVME": "AAAAAAAAAAA=",
    "SHA1": b64(b"\0" * 20),
    "SHA256": b64(b"\0" * 32),
}


@pytest.mark.parametrize("algorithm", list(WRONG))
def test_a_wrong_checksum_is_bad_digest_and_creates_nothing(client, bucket_, algorithm):
    key = f"main/bad-{algorithm}"
    with pytest.raises(ClientError) as e:
        client.put_object(Bucket=bucket_, Key=key, Body=BODY, **{"Checksum" + algorithm: WRONG[algorithm]})
    assert error_code(e) == "BadDigest"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert client.list_objects_v2(Bucket=bucket_, Prefix=key)["KeyCount"] == 0


def test_a_wrong_crc32_does_not_overwrite_the_existing_object(client, bucket_):
    client.put_object(Bucket=bucket_, Key="main/keep", Body=b"version 1")
    with pytest.raises(ClientError) as e:
        client.put_object(Bucket=bucket_, Key="main/keep", Body=b"version 2", ChecksumCRC32="AAAAAA==")
    assert error_code(e) == "BadDigest"
    assert client.get_object(Bucket=bucket_, Key="main/keep")["Body"].read() == b"version 1"


def test_a_wrong_content_md5_is_bad_digest_and_changes_nothing(client, bucket_):
    wrong = b64(hashlib.md5(b"something else").digest())
    with pytest.raises(ClientError) as e:
        client.put_object(Bucket=bucket_, Key="main/md5-new", Body=BODY, ContentMD5=wrong)
    assert error_code(e) == "BadDigest"
    assert client.list_objects_v2(Bucket=bucket_, Prefix="main/md5-new")["KeyCount"] == 0
    client.put_object(Bucket=bucket_, Key="main/md5-old", Body=b"version 1")
    with pytest.raises(ClientError) as e:
        client.put_object(Bucket=bucket_, Key="main/md5-old", Body=b"version 2", ContentMD5=wrong)
    assert error_code(e) == "BadDigest"
    assert client.get_object(Bucket=bucket_, Key="main/md5-old")["Body"].read() == b"version 1"


def test_a_right_content_md5_is_accepted(client, bucket_):
    put = client.put_object(Bucket=bucket_, Key="main/md5-ok", Body=BODY, ContentMD5=b64(hashlib.md5(BODY).digest()))
    assert put["ETag"] == '"' + hashlib.md5(BODY).hexdigest() + '"'


# A checksum in the trailer of an aws-chunked body, as SDKs send it over HTTPS; crafted by hand
# here so that the trailer can be wrong.
def chunked_put(tarn, path, data, trailer_name, trailer_value, chunk=8192):
    body = b""
    for i in range(0, len(data), chunk):
        piece = data[i:i + chunk]
        body += b"%x\r\n" % len(piece) + piece + b"\r\n"
    body += b"0\r\n" + f"{trailer_name}:{trailer_value}\r\n\r\n".encode()
    headers = {
        "Content-Encoding": "aws-chunked",
        "x-amz-decoded-content-length": str(len(data)),
        "x-amz-trailer": trailer_name,
        "x-amz-sdk-checksum-algorithm": trailer_name[len("x-amz-checksum-"):].upper(),
    }
    return s3util.request(tarn, "PUT", path, headers=headers, body=body, payload="STREAMING-UNSIGNED-PAYLOAD-TRAILER")


@pytest.fixture
def plain_bucket(tarn):
    client = tarn.client(retries={"max_attempts": 0})
    name = "ckt-" + s3util.uuid_hex()
    client.create_bucket(Bucket=name)
    return name, client


@pytest.mark.parametrize("algorithm", ["CRC32", "CRC32C", "SHA256"])
def test_a_checksum_in_a_chunked_trailer_is_verified(tarn, plain_bucket, algorithm):
    bucket, client = plain_bucket
    name = "x-amz-checksum-" + algorithm.lower()
    good = chunked_put(tarn, f"/{bucket}/main/trailer-ok", BODY, name, expected_checksum(algorithm, BODY))
    assert good.status == 200, good
    got = client.get_object(Bucket=bucket, Key="main/trailer-ok", ChecksumMode="ENABLED")
    assert got["Body"].read() == BODY
    assert checksums_of(got)[algorithm] == expected_checksum(algorithm, BODY)
    bad = chunked_put(tarn, f"/{bucket}/main/trailer-bad", BODY, name, WRONG[algorithm])
    assert bad.status == 400, bad
    assert bad.error()["Code"] == "BadDigest"
    assert client.list_objects_v2(Bucket=bucket, Prefix="main/trailer-bad")["KeyCount"] == 0
