"""The everyday S3 operations through boto3, against a real Tarn server."""
import hashlib

import pytest
from botocore.exceptions import ClientError


def error_code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def test_created_buckets_are_listed(s3, bucket):
    names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
    assert bucket in names


def test_head_bucket_of_a_missing_bucket_is_404(s3):
    with pytest.raises(ClientError) as e:
        s3.head_bucket(Bucket="no-such-bucket-here")
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_put_then_get_returns_the_bytes_etag_and_metadata(s3, bucket):
    body = b"hello, tarn\n" * 1000
    put = s3.put_object(Bucket=bucket, Key="main/dir/hello.txt", Body=body, ContentType="text/plain",
                        Metadata={"owner": "data-team"})
    assert put["ETag"] == '"' + hashlib.md5(body).hexdigest() + '"'
    got = s3.get_object(Bucket=bucket, Key="main/dir/hello.txt")
    assert got["Body"].read() == body
    assert got["ContentType"] == "text/plain"
    assert got["Metadata"] == {"owner": "data-team"}
    assert got["ETag"] == put["ETag"]


def test_head_object_reports_size_without_a_body(s3, bucket):
    s3.put_object(Bucket=bucket, Key="main/a", Body=b"12345")
    head = s3.head_object(Bucket=bucket, Key="main/a")
    assert head["ContentLength"] == 5


def test_a_missing_key_is_no_such_key(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="main/missing")
    assert error_code(e) == "NoSuchKey"


def test_ranges_return_partial_content_and_bad_ranges_are_416(s3, bucket):
    s3.put_object(Bucket=bucket, Key="main/r", Body=b"0123456789")
    assert s3.get_object(Bucket=bucket, Key="main/r", Range="bytes=2-4")["Body"].read() == b"234"
    assert s3.get_object(Bucket=bucket, Key="main/r", Range="bytes=7-")["Body"].read() == b"789"
    assert s3.get_object(Bucket=bucket, Key="main/r", Range="bytes=-3")["Body"].read() == b"789"
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="main/r", Range="bytes=20-30")
    assert error_code(e) == "InvalidRange"


def test_listing_the_bucket_root_shows_branches_as_common_prefixes(s3, bucket):
    s3.put_object(Bucket=bucket, Key="main/x", Body=b"x")
    listing = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
    assert [p["Prefix"] for p in listing["CommonPrefixes"]] == ["main/"]


def test_listing_pages_through_every_key_in_order(s3, bucket):
    keys = [f"main/data/part-{i:04d}" for i in range(25)]
    for k in keys:
        s3.put_object(Bucket=bucket, Key=k, Body=b"x")
    seen = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="main/data/", PaginationConfig={"PageSize": 7}):
        seen += [o["Key"] for o in page.get("Contents", [])]
    assert seen == keys
    v1 = []
    for page in s3.get_paginator("list_objects").paginate(Bucket=bucket, Prefix="main/", PaginationConfig={"PageSize": 10}):
        v1 += [o["Key"] for o in page.get("Contents", [])]
    assert v1 == keys


def test_delimiter_rolls_up_directories(s3, bucket):
    for k in ["main/a/1", "main/a/2", "main/b/1", "main/c"]:
        s3.put_object(Bucket=bucket, Key=k, Body=b"x")
    listing = s3.list_objects_v2(Bucket=bucket, Prefix="main/", Delimiter="/")
    assert [o["Key"] for o in listing["Contents"]] == ["main/c"]
    assert [p["Prefix"] for p in listing["CommonPrefixes"]] == ["main/a/", "main/b/"]


def test_delete_object_and_delete_objects(s3, bucket):
    for k in ["main/d1", "main/d2", "main/d3"]:
        s3.put_object(Bucket=bucket, Key=k, Body=b"x")
    s3.delete_object(Bucket=bucket, Key="main/d1")
    result = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "main/d2"}, {"Key": "main/d3"}]})
    assert sorted(d["Key"] for d in result["Deleted"]) == ["main/d2", "main/d3"]
    assert s3.list_objects_v2(Bucket=bucket, Prefix="main/").get("KeyCount") == 0


def test_copy_object_within_and_across_branches_keeps_the_bytes(s3, bucket):
    s3.put_object(Bucket=bucket, Key="main/src", Body=b"payload", Metadata={"k": "v"})
    s3.copy_object(Bucket=bucket, Key="main/dst", CopySource={"Bucket": bucket, "Key": "main/src"})
    got = s3.get_object(Bucket=bucket, Key="main/dst")
    assert got["Body"].read() == b"payload"
    assert got["Metadata"] == {"k": "v"}


def test_conditional_get_answers_304_and_412(s3, bucket):
    etag = s3.put_object(Bucket=bucket, Key="main/c", Body=b"x")["ETag"]
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="main/c", IfNoneMatch=etag)
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 304
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="main/c", IfMatch='"0000"')
    assert error_code(e) == "PreconditionFailed"


def test_put_if_none_match_star_refuses_to_overwrite(s3, bucket):
    s3.put_object(Bucket=bucket, Key="main/once", Body=b"1")
    with pytest.raises(ClientError) as e:
        s3.put_object(Bucket=bucket, Key="main/once", Body=b"2", IfNoneMatch="*")
    assert error_code(e) == "PreconditionFailed"
    assert s3.get_object(Bucket=bucket, Key="main/once")["Body"].read() == b"1"


def test_object_tagging_round_trips(s3, bucket):
    s3.put_object(Bucket=bucket, Key="main/t", Body=b"x", Tagging="team=data&tier=gold")
    tags = s3.get_object_tagging(Bucket=bucket, Key="main/t")["TagSet"]
    assert {t["Key"]: t["Value"] for t in tags} == {"team": "data", "tier": "gold"}
    s3.put_object_tagging(Bucket=bucket, Key="main/t", Tagging={"TagSet": [{"Key": "a", "Value": "b"}]})
    assert s3.get_object_tagging(Bucket=bucket, Key="main/t")["TagSet"] == [{"Key": "a", "Value": "b"}]


def test_a_key_with_only_a_ref_is_refused_clearly(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.put_object(Bucket=bucket, Key="main/", Body=b"x")
    assert error_code(e) == "InvalidArgument"
    assert "no object path" in e.value.response["Error"]["Message"]


def test_writing_to_a_ref_expression_is_access_denied(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.put_object(Bucket=bucket, Key="main~1/x", Body=b"x")
    assert error_code(e) == "AccessDenied"
    assert "main~1" in e.value.response["Error"]["Message"]


def test_unimplemented_sub_resources_answer_501(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.get_bucket_policy(Bucket=bucket)
    assert error_code(e) == "NotImplemented"


def test_keys_with_spaces_unicode_and_double_slashes(s3, bucket):
    for key in ["main/with space.txt", "main/ünïcödé/файл", "main/a//b", "main/p%2Fq", "main/plus+sign"]:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
        assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == key.encode()


def test_delete_bucket_refuses_a_bucket_with_objects(s3, bucket):
    s3.put_object(Bucket=bucket, Key="main/x", Body=b"x")
    with pytest.raises(ClientError) as e:
        s3.delete_bucket(Bucket=bucket)
    assert error_code(e) == "BucketNotEmpty"
    s3.delete_object(Bucket=bucket, Key="main/x")
    s3.delete_bucket(Bucket=bucket)
    with pytest.raises(ClientError):
        s3.head_bucket(Bucket=bucket)


def test_delete_object_with_if_match_deletes_only_that_version(s3, bucket):
    etag = s3.put_object(Bucket=bucket, Key="main/c.txt", Body=b"v1")["ETag"]
    with pytest.raises(ClientError) as e:
        s3.delete_object(Bucket=bucket, Key="main/c.txt", IfMatch='"0123456789abcdef0123456789abcdef"')
    assert e.value.response["Error"]["Code"] == "PreconditionFailed"
    assert s3.get_object(Bucket=bucket, Key="main/c.txt")["Body"].read() == b"v1"
    s3.delete_object(Bucket=bucket, Key="main/c.txt", IfMatch=etag)
    with pytest.raises(ClientError):
        s3.head_object(Bucket=bucket, Key="main/c.txt")


def test_delete_objects_honours_each_entrys_etag(s3, bucket):
    kept = s3.put_object(Bucket=bucket, Key="main/kept", Body=b"a")["ETag"]
    gone = s3.put_object(Bucket=bucket, Key="main/gone", Body=b"b")["ETag"]
    result = s3.delete_objects(Bucket=bucket, Delete={"Objects": [
        {"Key": "main/kept", "ETag": gone}, {"Key": "main/gone", "ETag": gone}]})
    assert [d["Key"] for d in result["Deleted"]] == ["main/gone"]
    assert [(x["Key"], x["Code"]) for x in result["Errors"]] == [("main/kept", "PreconditionFailed")]
    assert s3.head_object(Bucket=bucket, Key="main/kept")["ETag"] == kept
