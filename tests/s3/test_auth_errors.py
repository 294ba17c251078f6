"""Who may talk to the gateway: wrong keys, wrong secrets, old signatures, requests signed at the
wrong time or altered after signing, and SigV2 clients."""
import datetime
import hashlib
from email.utils import format_datetime
from unittest import mock

import boto3
import botocore.config
import pytest
from botocore.exceptions import ClientError

import s3util
from s3util import error_code


def client_with(tarn, access_key, secret_key, **config):
    config.setdefault("retries", {"max_attempts": 0})
    return boto3.client("s3", endpoint_url=tarn.endpoint, aws_access_key_id=access_key, aws_secret_access_key=secret_key,
                        region_name="us-east-1", config=botocore.config.Config(**config))


@pytest.fixture(scope="module")
def admin(tarn):
    return tarn.client()


@pytest.fixture(scope="module")
def shared_bucket(admin):
    name = "auth-" + s3util.uuid_hex()
    admin.create_bucket(Bucket=name)
    admin.put_object(Bucket=name, Key="main/readme.txt", Body=b"hello")
    return name


def absent(admin, bucket, key):
    return admin.list_objects_v2(Bucket=bucket, Prefix=key).get("KeyCount") == 0


@pytest.mark.parametrize("version", ["s3v4", "s3"])
def test_an_unknown_access_key_is_invalid_access_key_id(tarn, admin, shared_bucket, version):
    stranger = client_with(tarn, "AKNOSUCHKEY000000000", tarn.secret_key, signature_version=version)
    with pytest.raises(ClientError) as e:
        stranger.list_buckets()
    assert error_code(e) == "InvalidAccessKeyId"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    with pytest.raises(ClientError) as e:
        stranger.get_object(Bucket=shared_bucket, Key="main/readme.txt")
    assert error_code(e) == "InvalidAccessKeyId"
    with pytest.raises(ClientError) as e:
        stranger.put_object(Bucket=shared_bucket, Key=f"main/intruder-{version}", Body=b"x")
    assert error_code(e) == "InvalidAccessKeyId"
    assert absent(admin, shared_bucket, f"main/intruder-{version}")


@pytest.mark.parametrize("version", ["s3v4", "s3"])
def test_a_wrong_secret_is_signature_does_not_match(tarn, admin, shared_bucket, version):
    impostor = client_with(tarn, tarn.access_key, tarn.secret_key[:-1] + ("x" if tarn.secret_key[-1] != "x" else "y"),
                           signature_version=version)
    with pytest.raises(ClientError) as e:
        impostor.list_buckets()
    assert error_code(e) == "SignatureDoesNotMatch"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    with pytest.raises(ClientError) as e:
        impostor.get_object(Bucket=shared_bucket, Key="main/readme.txt")
    assert error_code(e) == "SignatureDoesNotMatch"
    with pytest.raises(ClientError) as e:
        impostor.put_object(Bucket=shared_bucket, Key=f"main/impostor-{version}", Body=b"x")
    assert error_code(e) == "SignatureDoesNotMatch"
    assert absent(admin, shared_bucket, f"main/impostor-{version}")


def test_a_request_without_a_signature_is_access_denied(tarn, shared_bucket):
    reply = s3util.request(tarn, "GET", f"/{shared_bucket}/main/readme.txt", sign=False)
    assert reply.status == 403
    assert reply.error()["Code"] == "AccessDenied"
    reply = s3util.request(tarn, "PUT", f"/{shared_bucket}/main/anonymous", body=b"x", sign=False)
    assert reply.status == 403
    assert reply.error()["Code"] == "AccessDenied"


@pytest.fixture
def sigv2(tarn):
    return tarn.client(signature_version="s3")


def test_sigv2_header_auth_puts_gets_heads_and_deletes_objects(sigv2, admin, shared_bucket):
    key = "main/v2/with space+plus ünï.txt"
    put = sigv2.put_object(Bucket=shared_bucket, Key=key, Body=b"signed with v2", ContentType="text/plain",
                           Metadata={"signed-by": "sigv2"})
    assert put["ETag"] == '"' + hashlib.md5(b"signed with v2").hexdigest() + '"'
    got = sigv2.get_object(Bucket=shared_bucket, Key=key)
    assert got["Body"].read() == b"signed with v2"
    assert got["ContentType"] == "text/plain"
    assert got["Metadata"] == {"signed-by": "sigv2"}
    assert sigv2.get_object(Bucket=shared_bucket, Key=key, Range="bytes=0-5")["Body"].read() == b"signed"
    assert sigv2.head_object(Bucket=shared_bucket, Key=key)["ContentLength"] == len(b"signed with v2")
    sigv2.put_object_tagging(Bucket=shared_bucket, Key=key, Tagging={"TagSet": [{"Key": "k", "Value": "v"}]})
    assert sigv2.get_object_tagging(Bucket=shared_bucket, Key=key)["TagSet"] == [{"Key": "k", "Value": "v"}]
    sigv2.copy_object(Bucket=shared_bucket, Key="main/v2/copy", CopySource={"Bucket": shared_bucket, "Key": key})
    assert admin.get_object(Bucket=shared_bucket, Key="main/v2/copy")["Body"].read() == b"signed with v2"
    sigv2.delete_object(Bucket=shared_bucket, Key=key)
    assert absent(admin, shared_bucket, key)


def test_sigv2_header_auth_lists_objects(sigv2, admin, shared_bucket):
    for k in ["main/v2list/a", "main/v2list/b/c"]:
        admin.put_object(Bucket=shared_bucket, Key=k, Body=b"x")
    assert shared_bucket in [b["Name"] for b in sigv2.list_buckets()["Buckets"]]
    v2 = sigv2.list_objects_v2(Bucket=shared_bucket, Prefix="main/v2list/")
    assert [o["Key"] for o in v2["Contents"]] == ["main/v2list/a", "main/v2list/b/c"]
    v1 = sigv2.list_objects(Bucket=shared_bucket, Prefix="main/v2list/", Delimiter="/")
    assert [o["Key"] for o in v1["Contents"]] == ["main/v2list/a"]
    assert [p["Prefix"] for p in v1["CommonPrefixes"]] == ["main/v2list/b/"]


def test_sigv2_header_auth_creates_heads_and_cleans_buckets(sigv2, admin):
    name = "v2-" + s3util.uuid_hex()
    sigv2.create_bucket(Bucket=name)
    assert sigv2.head_bucket(Bucket=name)["ResponseMetadata"]["HTTPStatusCode"] == 200
    admin.put_object(Bucket=name, Key="main/a", Body=b"a")
    admin.put_object(Bucket=name, Key="main/b", Body=b"b")
    deleted = sigv2.delete_objects(Bucket=name, Delete={"Objects": [{"Key": "main/a"}, {"Key": "main/b"}]})
    assert sorted(d["Key"] for d in deleted["Deleted"]) == ["main/a", "main/b"]
    sigv2.delete_bucket(Bucket=name)
    assert name not in [b["Name"] for b in admin.list_buckets()["Buckets"]]


def skewed(minutes):
    return s3util.utc_now() + datetime.timedelta(minutes=minutes)


@pytest.mark.parametrize("minutes", [-20, 20])
def test_a_sigv4_request_signed_20_minutes_off_is_request_time_too_skewed(tarn, admin, shared_bucket, minutes):
    reply = s3util.request(tarn, "GET", f"/{shared_bucket}/main/readme.txt", when=skewed(minutes))
    assert reply.status == 403, reply
    error = reply.error()
    assert error["Code"] == "RequestTimeTooSkewed"
    key = f"main/skewed-{minutes}"
    reply = s3util.request(tarn, "PUT", f"/{shared_bucket}/{key}", body=b"late", when=skewed(minutes))
    assert reply.status == 403, reply
    assert reply.error()["Code"] == "RequestTimeTooSkewed"
    assert absent(admin, shared_bucket, key)


def test_a_sigv4_request_with_a_date_header_20_minutes_off_is_request_time_too_skewed(tarn, shared_bucket):
    # With a Date header botocore signs the Date and sends no x-amz-date.
    when = skewed(-20)
    headers = s3util.signed_headers(tarn, "GET", f"/{shared_bucket}/main/readme.txt", headers={"Date": "placeholder"}, when=when)
    assert "X-Amz-Date" not in headers
    reply = s3util.send(tarn, "GET", f"/{shared_bucket}/main/readme.txt", headers)
    assert reply.status == 403, reply
    assert reply.error()["Code"] == "RequestTimeTooSkewed"


def test_a_request_signed_within_the_allowed_skew_is_accepted(tarn, shared_bucket):
    for minutes in (-10, 10):
        reply = s3util.request(tarn, "GET", f"/{shared_bucket}/main/readme.txt", when=skewed(minutes))
        assert reply.status == 200, reply
        assert reply.body == b"hello"


def test_a_sigv2_request_with_a_date_20_minutes_off_is_request_time_too_skewed(sigv2, shared_bucket):
    late = format_datetime(datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=20), usegmt=True)
    with mock.patch("botocore.auth.formatdate", return_value=late):
        with pytest.raises(ClientError) as e:
            sigv2.get_object(Bucket=shared_bucket, Key="main/readme.txt")
    assert error_code(e) == "RequestTimeTooSkewed"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_an_amz_header_added_after_signing_is_refused(tarn, admin, shared_bucket):
    key = "main/unsigned-header"
    path = f"/{shared_bucket}/{key}"
    headers = s3util.signed_headers(tarn, "PUT", path, body=b"data")
    headers["x-amz-meta-injected"] = "yes"
    reply = s3util.send(tarn, "PUT", path, headers, b"data")
    assert reply.status == 403, reply
    assert reply.error()["Code"] in ("AccessDenied", "SignatureDoesNotMatch")
    assert absent(admin, shared_bucket, key)


def test_a_body_changed_after_signing_is_refused(tarn, admin, shared_bucket):
    key = "main/tampered-body"
    path = f"/{shared_bucket}/{key}"
    headers = s3util.signed_headers(tarn, "PUT", path, body=b"pay alice 10")
    for forged in (b"pay alice 99", b"pay mallory 1000"):
        reply = s3util.send(tarn, "PUT", path, headers, forged)
        assert reply.status == 400, reply
        assert reply.error()["Code"] == "XAmzContentSHA256Mismatch"
        assert absent(admin, shared_bucket, key)
