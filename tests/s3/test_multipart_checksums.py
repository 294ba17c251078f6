"""Multipart objects: checksums formed from the parts (COMPOSITE, as boto3's transfer manager asks
by default, and FULL_OBJECT), per-part checksums in listings and completions, and reading one part
back with partNumber."""
import base64
import io
import os

import boto3.s3.transfer
import pytest
from botocore.exceptions import ClientError

from s3util import error_code
from test_checksums import expected_checksum

MIB = 1024 * 1024


def composite(algorithm, parts):
    raw = b"".join(base64.b64decode(expected_checksum(algorithm, p)) for p in parts)
    return expected_checksum(algorithm, raw) + f"-{len(parts)}"


def upload(s3, bucket, key, parts, algorithm=None, checksum_type=None, complete_extra=None):
    create = {"Bucket": bucket, "Key": key}
    if algorithm:
        create["ChecksumAlgorithm"] = algorithm
    if checksum_type:
        create["ChecksumType"] = checksum_type
    uid = s3.create_multipart_upload(**create)["UploadId"]
    done = []
    for i, p in enumerate(parts):
        extra = {"Checksum" + algorithm: expected_checksum(algorithm, p)} if algorithm else {}
        r = s3.upload_part(Bucket=bucket, Key=key, UploadId=uid, PartNumber=i + 1, Body=p, **extra)
        entry = {"PartNumber": i + 1, "ETag": r["ETag"]}
        if algorithm:
            entry["Checksum" + algorithm] = r["Checksum" + algorithm]
        done.append(entry)
    return uid, s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=uid, MultipartUpload={"Parts": done},
                                             **(complete_extra or {}))


def test_the_transfer_managers_default_crc32_comes_back_composite(s3, bucket):
    data = os.urandom(12 * MIB)
    config = boto3.s3.transfer.TransferConfig(multipart_threshold=5 * MIB, multipart_chunksize=5 * MIB)
    s3.upload_fileobj(io.BytesIO(data), bucket, "main/tm.bin", Config=config)
    head = s3.head_object(Bucket=bucket, Key="main/tm.bin", ChecksumMode="ENABLED")
    parts = [data[:5 * MIB], data[5 * MIB:10 * MIB], data[10 * MIB:]]
    if "ChecksumCRC32" in head:  # boto3 asks for CRC32 unless checksums are only computed when required
        assert head["ChecksumCRC32"] == composite("CRC32", parts)
        assert head["ChecksumType"] == "COMPOSITE"
    out = io.BytesIO()
    s3.download_fileobj(bucket, "main/tm.bin", out)
    assert out.getvalue() == data


@pytest.mark.parametrize("algorithm", ["CRC32", "CRC32C", "SHA1", "SHA256"])
def test_a_composite_checksum_is_returned_on_completion_get_and_head(s3, bucket, algorithm):
    parts = [os.urandom(5 * MIB), b"the last part"]
    _, done = upload(s3, bucket, "main/c.bin", parts, algorithm)
    expected = composite(algorithm, parts)
    assert done["Checksum" + algorithm] == expected
    assert done["ChecksumType"] == "COMPOSITE"
    got = s3.get_object(Bucket=bucket, Key="main/c.bin", ChecksumMode="ENABLED")
    assert got["Checksum" + algorithm] == expected
    assert got["ChecksumType"] == "COMPOSITE"
    assert got["Body"].read() == b"".join(parts)


@pytest.mark.parametrize("algorithm", ["CRC32", "CRC32C", "CRC64NVME"])
def test_a_full_object_checksum_is_the_crc_of_the_whole_object(s3, bucket, algorithm):
    parts = [os.urandom(5 * MIB), os.urandom(5 * MIB), b"tail"]
    whole = b"".join(parts)
    expected = expected_checksum(algorithm, whole)
    _, done = upload(s3, bucket, "main/f.bin", parts, algorithm, "FULL_OBJECT",
                     {"Checksum" + algorithm: expected})
    assert done["Checksum" + algorithm] == expected
    assert done["ChecksumType"] == "FULL_OBJECT"
    head = s3.head_object(Bucket=bucket, Key="main/f.bin", ChecksumMode="ENABLED")
    assert head["Checksum" + algorithm] == expected
    assert head["ChecksumType"] == "FULL_OBJECT"


def test_a_full_object_checksum_that_does_not_match_is_bad_digest_and_stages_nothing(s3, bucket):
    parts = [os.urandom(5 * MIB), b"tail"]
    with pytest.raises(ClientError) as e:
        upload(s3, bucket, "main/bad.bin", parts, "CRC32", "FULL_OBJECT", {"ChecksumCRC32": "AAAAAA=="})
    assert error_code(e) == "BadDigest"
    with pytest.raises(ClientError) as e:
        s3.head_object(Bucket=bucket, Key="main/bad.bin")
    assert e.value.response["Error"]["Code"] == "404"


def test_a_part_checksum_in_the_completion_that_differs_is_invalid_part(s3, bucket):
    key = "main/p.bin"
    uid = s3.create_multipart_upload(Bucket=bucket, Key=key, ChecksumAlgorithm="SHA256")["UploadId"]
    part = os.urandom(1024)
    r = s3.upload_part(Bucket=bucket, Key=key, UploadId=uid, PartNumber=1, Body=part, ChecksumSHA256=expected_checksum("SHA256", part))
    listed = s3.list_parts(Bucket=bucket, Key=key, UploadId=uid)["Parts"]
    assert listed[0]["ChecksumSHA256"] == expected_checksum("SHA256", part)
    with pytest.raises(ClientError) as e:
        s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=uid, MultipartUpload={"Parts": [
            {"PartNumber": 1, "ETag": r["ETag"], "ChecksumSHA256": expected_checksum("SHA256", b"other")}]})
    assert error_code(e) == "InvalidPart"
    assert "part 1" in e.value.response["Error"]["Message"]


def test_a_checksum_type_that_does_not_suit_the_algorithm_is_refused(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.create_multipart_upload(Bucket=bucket, Key="main/x", ChecksumAlgorithm="SHA256", ChecksumType="FULL_OBJECT")
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "SHA256" in e.value.response["Error"]["Message"]


def test_each_part_can_be_read_back_by_number(s3, bucket):
    parts = [os.urandom(5 * MIB), os.urandom(5 * MIB), b"short tail"]
    upload(s3, bucket, "main/n.bin", parts)
    for number, part in enumerate(parts, start=1):
        got = s3.get_object(Bucket=bucket, Key="main/n.bin", PartNumber=number)
        assert got["PartsCount"] == 3
        assert got["ContentLength"] == len(part)
        assert got["Body"].read() == part
        head = s3.head_object(Bucket=bucket, Key="main/n.bin", PartNumber=number)
        assert head["ContentLength"] == len(part)
        assert head["ResponseMetadata"]["HTTPStatusCode"] == 206
    offset = len(parts[0])
    assert got["ContentRange"] == f"bytes {2 * offset}-{2 * offset + len(parts[2]) - 1}/{2 * offset + len(parts[2])}"


def test_a_part_past_the_last_is_invalid_part_number(s3, bucket):
    upload(s3, bucket, "main/n.bin", [os.urandom(5 * MIB), b"x"])
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="main/n.bin", PartNumber=3)
    assert error_code(e) == "InvalidPartNumber"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 416


def test_an_object_put_whole_is_its_own_part_one(s3, bucket):
    s3.put_object(Bucket=bucket, Key="main/whole", Body=b"all of it")
    got = s3.get_object(Bucket=bucket, Key="main/whole", PartNumber=1)
    assert got["Body"].read() == b"all of it"
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="main/whole", PartNumber=2)
    assert error_code(e) == "InvalidPartNumber"


def test_part_number_and_range_together_are_refused(s3, bucket):
    s3.put_object(Bucket=bucket, Key="main/whole", Body=b"all of it")
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="main/whole", PartNumber=1, Range="bytes=0-1")
    assert error_code(e) == "InvalidRequest"
