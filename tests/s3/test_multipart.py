"""Multipart uploads through boto3: its transfer manager, and the low-level calls."""
import hashlib
import io
import os

import pytest
from botocore.exceptions import ClientError

MIB = 1024 * 1024


def multipart_etag(parts):
    digest = hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest()
    return f'"{digest}-{len(parts)}"'


def test_upload_fileobj_of_20_mib_uses_parts_and_reads_back(s3, bucket):
    data = os.urandom(20 * MIB)
    s3.upload_fileobj(io.BytesIO(data), bucket, "main/big.bin")
    head = s3.head_object(Bucket=bucket, Key="main/big.bin")
    assert head["ContentLength"] == len(data)
    assert head["ETag"].endswith('-3"')  # 8 MiB parts by default
    out = io.BytesIO()
    s3.download_fileobj(bucket, "main/big.bin", out)
    assert out.getvalue() == data


def test_low_level_calls_give_the_s3_multipart_etag_everywhere(s3, bucket):
    parts = [os.urandom(5 * MIB), os.urandom(5 * MIB), b"tail"]
    upload = s3.create_multipart_upload(Bucket=bucket, Key="main/m.bin", ContentType="application/x-test", Metadata={"a": "b"})
    uid = upload["UploadId"]
    etags = [s3.upload_part(Bucket=bucket, Key="main/m.bin", UploadId=uid, PartNumber=i + 1, Body=p)["ETag"] for i, p in enumerate(parts)]
    listed = s3.list_parts(Bucket=bucket, Key="main/m.bin", UploadId=uid)["Parts"]
    assert [p["PartNumber"] for p in listed] == [1, 2, 3]
    assert [p["Size"] for p in listed] == [len(p) for p in parts]
    done = s3.complete_multipart_upload(Bucket=bucket, Key="main/m.bin", UploadId=uid, MultipartUpload={
        "Parts": [{"PartNumber": i + 1, "ETag": e} for i, e in enumerate(etags)]})
    expected = multipart_etag(parts)
    assert done["ETag"] == expected
    got = s3.get_object(Bucket=bucket, Key="main/m.bin")
    assert got["ETag"] == expected
    assert got["ContentType"] == "application/x-test"
    assert got["Metadata"] == {"a": "b"}
    assert got["Body"].read() == b"".join(parts)
    listing = s3.list_objects_v2(Bucket=bucket, Prefix="main/m.bin")["Contents"]
    assert listing[0]["ETag"] == expected


def test_open_uploads_are_listed_and_abort_ends_them(s3, bucket):
    uid = s3.create_multipart_upload(Bucket=bucket, Key="main/aborted")["UploadId"]
    uploads = s3.list_multipart_uploads(Bucket=bucket)["Uploads"]
    assert [(u["Key"], u["UploadId"]) for u in uploads] == [("main/aborted", uid)]
    s3.abort_multipart_upload(Bucket=bucket, Key="main/aborted", UploadId=uid)
    with pytest.raises(ClientError) as e:
        s3.upload_part(Bucket=bucket, Key="main/aborted", UploadId=uid, PartNumber=1, Body=b"x")
    assert e.value.response["Error"]["Code"] == "NoSuchUpload"
    with pytest.raises(ClientError):
        s3.head_object(Bucket=bucket, Key="main/aborted")


def test_a_completion_naming_a_wrong_etag_is_invalid_part_and_the_upload_stays_open(s3, bucket):
    uid = s3.create_multipart_upload(Bucket=bucket, Key="main/p")["UploadId"]
    s3.upload_part(Bucket=bucket, Key="main/p", UploadId=uid, PartNumber=1, Body=b"one")
    with pytest.raises(ClientError) as e:
        s3.complete_multipart_upload(Bucket=bucket, Key="main/p", UploadId=uid,
                                     MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": '"00000000000000000000000000000000"'}]})
    assert e.value.response["Error"]["Code"] == "InvalidPart"
    assert s3.list_parts(Bucket=bucket, Key="main/p", UploadId=uid)["Parts"][0]["PartNumber"] == 1


def test_parts_out_of_order_are_invalid_part_order(s3, bucket):
    uid = s3.create_multipart_upload(Bucket=bucket, Key="main/o")["UploadId"]
    e1 = s3.upload_part(Bucket=bucket, Key="main/o", UploadId=uid, PartNumber=1, Body=b"1" * 5 * MIB)["ETag"]
    e2 = s3.upload_part(Bucket=bucket, Key="main/o", UploadId=uid, PartNumber=2, Body=b"2")["ETag"]
    with pytest.raises(ClientError) as e:
        s3.complete_multipart_upload(Bucket=bucket, Key="main/o", UploadId=uid,
                                     MultipartUpload={"Parts": [{"PartNumber": 2, "ETag": e2}, {"PartNumber": 1, "ETag": e1}]})
    assert e.value.response["Error"]["Code"] == "InvalidPartOrder"


def test_upload_part_copy_takes_a_byte_range_of_another_object(s3, bucket):
    source = os.urandom(6 * MIB)
    s3.put_object(Bucket=bucket, Key="main/source", Body=source)
    uid = s3.create_multipart_upload(Bucket=bucket, Key="main/copied")["UploadId"]
    p1 = s3.upload_part_copy(Bucket=bucket, Key="main/copied", UploadId=uid, PartNumber=1,
                             CopySource={"Bucket": bucket, "Key": "main/source"}, CopySourceRange=f"bytes=0-{5 * MIB - 1}")
    p2 = s3.upload_part(Bucket=bucket, Key="main/copied", UploadId=uid, PartNumber=2, Body=b"end")
    s3.complete_multipart_upload(Bucket=bucket, Key="main/copied", UploadId=uid, MultipartUpload={"Parts": [
        {"PartNumber": 1, "ETag": p1["CopyPartResult"]["ETag"]}, {"PartNumber": 2, "ETag": p2["ETag"]}]})
    assert s3.get_object(Bucket=bucket, Key="main/copied")["Body"].read() == source[:5 * MIB] + b"end"


def test_an_unknown_upload_id_is_no_such_upload(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.list_parts(Bucket=bucket, Key="main/x", UploadId="does-not-exist")
    assert e.value.response["Error"]["Code"] == "NoSuchUpload"


def test_a_part_under_5_mib_that_is_not_the_last_is_entity_too_small(s3, bucket):
    uid = s3.create_multipart_upload(Bucket=bucket, Key="main/small")["UploadId"]
    e1 = s3.upload_part(Bucket=bucket, Key="main/small", UploadId=uid, PartNumber=1, Body=b"1" * 1024)["ETag"]
    e2 = s3.upload_part(Bucket=bucket, Key="main/small", UploadId=uid, PartNumber=2, Body=b"2")["ETag"]
    with pytest.raises(ClientError) as e:
        s3.complete_multipart_upload(Bucket=bucket, Key="main/small", UploadId=uid,
                                     MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e1}, {"PartNumber": 2, "ETag": e2}]})
    assert e.value.response["Error"]["Code"] == "EntityTooSmall"
    assert "part 1 has 1024 bytes" in e.value.response["Error"]["Message"]
    # the upload is still open: a single small part (the last) completes
    s3.complete_multipart_upload(Bucket=bucket, Key="main/small", UploadId=uid,
                                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e1}]})
    assert s3.get_object(Bucket=bucket, Key="main/small")["Body"].read() == b"1" * 1024
