"""Request routing: virtual-host style addressing under s3.domain, and the fallback to an upstream
S3 for buckets that are not Tarn repositories (a real moto_server that checks signatures, so that
every forwarded request proves Tarn's re-signing)."""
import base64
import hashlib
import os
import socket
import urllib.parse
import uuid
import zlib

import boto3
import botocore.config
import pytest
from botocore.exceptions import ClientError

from conftest import start_tarn, stop_tarn
from emulators import SignatureCheckingMoto, free_port
from s3util import error_code, parse_error, request
from test_presigned import fetch

DOMAIN = "s3.localtest"
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def moto():
    server = SignatureCheckingMoto()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def routed(moto):
    """A Tarn with virtual hosts under s3.localtest (and localhost) and moto as its upstream."""
    server = start_tarn({"TARN_S3_DOMAIN": f"{DOMAIN},localhost",
                         "TARN_UPSTREAM_ENDPOINT": moto.endpoint,
                         "TARN_UPSTREAM_ACCESS_KEY_ID": moto.key,
                         "TARN_UPSTREAM_SECRET_ACCESS_KEY": moto.secret})
    yield server
    stop_tarn(server)


@pytest.fixture
def resolve_test_domain(monkeypatch):
    """Makes s3.localtest and its subdomains resolve to 127.0.0.1 in this process, as a wildcard
    DNS record would."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, str) and (host == DOMAIN or host.endswith("." + DOMAIN)):
            host = "127.0.0.1"
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def domain_endpoint(tarn, scheme="http"):
    port = urllib.parse.urlsplit(tarn.https_endpoint if scheme == "https" else tarn.endpoint).port
    return f"{scheme}://{DOMAIN}:{port}"


def virtual_client(tarn, **config):
    client = boto3.client("s3", endpoint_url=domain_endpoint(tarn), aws_access_key_id=tarn.access_key,
                          aws_secret_access_key=tarn.secret_key, region_name="us-east-1",
                          config=botocore.config.Config(s3={"addressing_style": "virtual"}, **config))
    client.hosts = []
    client.meta.events.register("before-send.s3", lambda request, **kw: client.hosts.append(urllib.parse.urlsplit(request.url).hostname))
    return client


def unique(prefix):
    return prefix + "-" + uuid.uuid4().hex[:10]


# --- virtual-host style ----------------------------------------------------------------------

@pytest.mark.parametrize("signature", ["s3v4", "s3"])
def test_virtual_host_requests_address_the_bucket_by_host(routed, resolve_test_domain, signature):
    s3 = virtual_client(routed, signature_version=signature)
    bucket = unique("vh")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="main/dir/a b.txt", Body=b"by host")
    assert s3.get_object(Bucket=bucket, Key="main/dir/a b.txt")["Body"].read() == b"by host"
    assert s3.head_object(Bucket=bucket, Key="main/dir/a b.txt")["ContentLength"] == 7
    listing = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
    assert [p["Prefix"] for p in listing["CommonPrefixes"]] == ["main/"]
    s3.head_bucket(Bucket=bucket)
    s3.delete_object(Bucket=bucket, Key="main/dir/a b.txt")
    assert set(s3.hosts) == {f"{bucket}.{DOMAIN}"}
    # The same repository, path-style on the loopback address.
    assert routed.client().list_objects_v2(Bucket=bucket, Prefix="main/")["KeyCount"] == 0


def test_the_domain_itself_is_path_style(routed, resolve_test_domain):
    s3 = boto3.client("s3", endpoint_url=domain_endpoint(routed), aws_access_key_id=routed.access_key,
                      aws_secret_access_key=routed.secret_key, region_name="us-east-1",
                      config=botocore.config.Config(s3={"addressing_style": "path"}))
    bucket = unique("ps")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="main/x", Body=b"path style")
    assert s3.get_object(Bucket=bucket, Key="main/x")["Body"].read() == b"path style"
    assert bucket in [b["Name"] for b in s3.list_buckets()["Buckets"]]


@pytest.mark.parametrize("signature", ["s3v4", "s3"])
def test_virtual_host_presigned_urls_verify(routed, resolve_test_domain, signature):
    bucket = unique("vp")
    routed.client().create_bucket(Bucket=bucket)
    routed.client().put_object(Bucket=bucket, Key="main/shared.txt", Body=b"a link by host")
    s3 = virtual_client(routed, signature_version=signature)
    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "main/shared.txt"}, ExpiresIn=300)
    assert urllib.parse.urlsplit(url).hostname == f"{bucket}.{DOMAIN}"
    status, _, body = fetch(url)
    assert (status, body) == (200, b"a link by host")


def test_virtual_host_signature_over_another_bucket_fails(routed, resolve_test_domain):
    """SigV2 signs /<bucket><path>: a signature made for one bucket does not open another."""
    bucket = unique("vs")
    routed.client().create_bucket(Bucket=bucket)
    s3 = virtual_client(routed, signature_version="s3")
    url = s3.generate_presigned_url("list_objects", Params={"Bucket": bucket}, ExpiresIn=300)
    parts = urllib.parse.urlsplit(url)
    other = parts._replace(netloc=parts.netloc.replace(bucket, unique("other"), 1)).geturl()
    status, _, body = fetch(other)
    assert status == 403
    assert parse_error(body)["Code"] == "SignatureDoesNotMatch"


# --- the fallback to an upstream S3 ------------------------------------------------------------

@pytest.fixture(scope="module")
def legacy(moto):
    """A bucket that exists only upstream, with a few objects."""
    name = unique("legacy")
    upstream = moto.client()
    upstream.create_bucket(Bucket=name)
    for key in ("a.txt", "dir/b.txt", "dir/c d.txt"):
        upstream.put_object(Bucket=name, Key=key, Body=key.encode() * 100, ContentType="text/plain")
    return name


@pytest.fixture(params=["default", "when_required", "https"])
def client(routed, request):
    """boto3 as the `s3` fixture has it: defaults, checksums only when required, and HTTPS (where
    uploads are aws-chunked with a checksum trailer)."""
    if request.param == "https":
        return routed.client(https=True)
    if request.param == "when_required":
        return routed.client(request_checksum_calculation="when_required", response_checksum_validation="when_required")
    return routed.client()


def test_list_buckets_shows_repositories_and_upstream_buckets(routed, moto, legacy):
    repo = unique("repo")
    routed.client().create_bucket(Bucket=repo)
    names = [b["Name"] for b in routed.client().list_buckets()["Buckets"]]
    assert repo in names and legacy in names
    assert names == sorted(names)
    assert len(names) == len(set(names))


def test_list_objects_is_forwarded(routed, legacy):
    s3 = routed.client()
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=legacy, Prefix="dir")["Contents"]] == ["dir/b.txt", "dir/c d.txt"]
    assert [o["Key"] for o in s3.list_objects(Bucket=legacy, MaxKeys=1)["Contents"]] == ["a.txt"]


def test_list_parameters_that_need_encoding_are_forwarded(routed, moto, legacy):
    s3 = routed.client()
    with moto.signatures_unchecked():
        listing = s3.list_objects_v2(Bucket=legacy, Prefix="dir/", Delimiter="/")
        v1 = s3.list_objects(Bucket=legacy, Delimiter="/")
        spaced = s3.list_objects_v2(Bucket=legacy, Prefix="dir/c d")
    assert [o["Key"] for o in listing["Contents"]] == ["dir/b.txt", "dir/c d.txt"]
    assert [p["Prefix"] for p in v1["CommonPrefixes"]] == ["dir/"]
    assert [o["Key"] for o in v1["Contents"]] == ["a.txt"]
    assert [o["Key"] for o in spaced["Contents"]] == ["dir/c d.txt"]


def test_get_and_head_are_forwarded_with_ranges(client, legacy):
    body = b"dir/c d.txt" * 100
    got = client.get_object(Bucket=legacy, Key="dir/c d.txt")
    assert got["Body"].read() == body
    assert got["ContentType"] == "text/plain"
    assert got["ETag"] == '"' + hashlib.md5(body).hexdigest() + '"'
    ranged = client.get_object(Bucket=legacy, Key="dir/c d.txt", Range="bytes=5-14")
    assert ranged["Body"].read() == body[5:15]
    assert ranged["ContentRange"] == f"bytes 5-14/{len(body)}"
    head = client.head_object(Bucket=legacy, Key="a.txt")
    assert head["ContentLength"] == 500
    with pytest.raises(ClientError) as missing:
        client.get_object(Bucket=legacy, Key="no/such/key")
    assert error_code(missing) == "NoSuchKey"


def test_put_object_is_forwarded(client, moto, legacy):
    key = "put/" + uuid.uuid4().hex
    body = os.urandom(300_000)
    client.put_object(Bucket=legacy, Key=key, Body=body, ContentType="application/x-test", Metadata={"origin": "tarn"})
    stored = moto.client().get_object(Bucket=legacy, Key=key)
    assert stored["Body"].read() == body
    assert stored["ContentType"] == "application/x-test"
    assert stored["Metadata"] == {"origin": "tarn"}
    assert stored.get("ContentEncoding") in (None, "")


@pytest.mark.parametrize("https", [False, True], ids=["http", "https"])
@pytest.mark.parametrize("algorithm", ["CRC32", "SHA256"])
def test_the_clients_checksum_reaches_the_upstream(routed, moto, legacy, https, algorithm):
    """boto3 sends its checksum as a header over HTTP and as an aws-chunked trailer over HTTPS (known
    only after the last byte); either way the upstream receives, checks and stores it."""
    key = "checksum/" + uuid.uuid4().hex
    body = os.urandom(200_000)  # several of the 64 KiB chunks Tarn frames again
    routed.client(https=https).put_object(Bucket=legacy, Key=key, Body=body, ChecksumAlgorithm=algorithm)
    head = moto.client().head_object(Bucket=legacy, Key=key, ChecksumMode="ENABLED")
    digest = zlib.crc32(body).to_bytes(4, "big") if algorithm == "CRC32" else hashlib.sha256(body).digest()
    assert head["Checksum" + algorithm] == base64.b64encode(digest).decode()
    assert moto.client().get_object(Bucket=legacy, Key=key)["Body"].read() == body


def test_a_malformed_checksum_trailer_is_refused_before_it_reaches_the_upstream(routed, moto, legacy):
    key = "checksum/" + uuid.uuid4().hex
    data = b"x" * 100_000
    body = b"%x\r\n" % len(data) + data + b"\r\n0\r\nx-amz-checksum-crc32:not-base64-at-all\r\n\r\n"
    reply = request(routed, "PUT", f"/{legacy}/{key}", headers={
        "Content-Encoding": "aws-chunked", "x-amz-decoded-content-length": str(len(data)),
        "x-amz-trailer": "x-amz-checksum-crc32", "x-amz-sdk-checksum-algorithm": "CRC32"},
        body=body, payload="STREAMING-UNSIGNED-PAYLOAD-TRAILER")
    assert reply.status == 400 and reply.error()["Code"] == "InvalidRequest", reply
    assert "not-base64-at-all" in reply.error()["Message"]
    with pytest.raises(ClientError):
        moto.client().head_object(Bucket=legacy, Key=key)


def test_empty_put_is_forwarded(routed, moto, legacy):
    routed.client().put_object(Bucket=legacy, Key="empty", Body=b"")
    assert moto.client().get_object(Bucket=legacy, Key="empty")["Body"].read() == b""


def test_multipart_upload_is_forwarded(client, moto, legacy):
    key = "multipart/" + uuid.uuid4().hex
    parts = [os.urandom(5 * MIB), os.urandom(5 * MIB), b"tail" * 1000]
    upload = client.create_multipart_upload(Bucket=legacy, Key=key)["UploadId"]
    etags = [client.upload_part(Bucket=legacy, Key=key, UploadId=upload, PartNumber=n + 1, Body=part)["ETag"]
             for n, part in enumerate(parts)]
    assert [p["PartNumber"] for p in client.list_parts(Bucket=legacy, Key=key, UploadId=upload)["Parts"]] == [1, 2, 3]
    done = client.complete_multipart_upload(Bucket=legacy, Key=key, UploadId=upload, MultipartUpload={
        "Parts": [{"PartNumber": n + 1, "ETag": etag} for n, etag in enumerate(etags)]})
    digests = b"".join(hashlib.md5(part).digest() for part in parts)
    assert done["ETag"] == f'"{hashlib.md5(digests).hexdigest()}-3"'
    assert moto.client().get_object(Bucket=legacy, Key=key)["Body"].read() == b"".join(parts)
    assert client.get_object(Bucket=legacy, Key=key)["Body"].read() == b"".join(parts)


def test_delete_and_copy_are_forwarded(routed, moto, legacy):
    s3 = routed.client()
    upstream = moto.client()
    upstream.put_object(Bucket=legacy, Key="copy/source", Body=b"copied upstream")
    s3.copy_object(Bucket=legacy, Key="copy/target", CopySource={"Bucket": legacy, "Key": "copy/source"})
    assert upstream.get_object(Bucket=legacy, Key="copy/target")["Body"].read() == b"copied upstream"
    s3.delete_object(Bucket=legacy, Key="copy/source")
    with pytest.raises(ClientError) as gone:
        upstream.head_object(Bucket=legacy, Key="copy/source")
    assert gone.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    deleted = s3.delete_objects(Bucket=legacy, Delete={"Objects": [{"Key": "copy/target"}]})
    assert [d["Key"] for d in deleted["Deleted"]] == ["copy/target"]


def test_virtual_host_requests_for_upstream_buckets_are_forwarded(routed, moto, legacy, resolve_test_domain):
    s3 = virtual_client(routed)
    s3.put_object(Bucket=legacy, Key="vh/x.txt", Body=b"by host, upstream")
    assert moto.client().get_object(Bucket=legacy, Key="vh/x.txt")["Body"].read() == b"by host, upstream"
    assert s3.get_object(Bucket=legacy, Key="vh/x.txt")["Body"].read() == b"by host, upstream"


def test_presigned_urls_for_upstream_buckets_are_forwarded(routed, legacy):
    url = routed.client().generate_presigned_url("get_object", Params={"Bucket": legacy, "Key": "a.txt"}, ExpiresIn=300)
    status, _, body = fetch(url)
    assert (status, body) == (200, b"a.txt" * 100)


def test_a_repository_is_never_forwarded(routed, moto):
    """A bucket that is both a repository and an upstream bucket is the repository's, and writes
    to it stay in Tarn."""
    name = unique("both")
    upstream = moto.client()
    upstream.create_bucket(Bucket=name)
    upstream.put_object(Bucket=name, Key="main/only-upstream", Body=b"upstream")
    s3 = routed.client()
    s3.create_bucket(Bucket=name)
    s3.put_object(Bucket=name, Key="main/only-tarn", Body=b"tarn")
    with pytest.raises(ClientError) as missing:
        s3.get_object(Bucket=name, Key="main/only-upstream")
    assert error_code(missing) == "NoSuchKey"
    assert [o["Key"] for o in upstream.list_objects_v2(Bucket=name)["Contents"]] == ["main/only-upstream"]
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=name, Prefix="main/")["Contents"]] == ["main/only-tarn"]
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]].count(name) == 1


def test_create_bucket_makes_a_repository_not_an_upstream_bucket(routed, moto):
    name = unique("new")
    routed.client().create_bucket(Bucket=name)
    assert name not in [b["Name"] for b in moto.client().list_buckets()["Buckets"]]
    assert [p["Prefix"] for p in routed.client().list_objects_v2(Bucket=name, Delimiter="/")["CommonPrefixes"]] == ["main/"]


def test_a_bucket_in_neither_is_the_upstreams_no_such_bucket(routed):
    with pytest.raises(ClientError) as missing:
        routed.client().list_objects_v2(Bucket=unique("nowhere"))
    assert error_code(missing) == "NoSuchBucket"


def test_requests_are_authenticated_by_tarn_before_forwarding(routed, moto, legacy):
    with_upstream_keys = boto3.client("s3", endpoint_url=routed.endpoint, aws_access_key_id=moto.key,
                                      aws_secret_access_key=moto.secret, region_name="us-east-1")
    with pytest.raises(ClientError) as refused:
        with_upstream_keys.get_object(Bucket=legacy, Key="a.txt")
    assert error_code(refused) == "InvalidAccessKeyId"
    reply = request(routed, "GET", f"/{legacy}/a.txt", sign=False)
    assert (reply.status, reply.error()["Code"]) == (403, "AccessDenied")


def test_a_body_that_fails_its_check_is_not_stored_upstream(routed, moto, legacy):
    """The body's SHA-256 is checked before its last byte goes upstream, so the upstream sees a
    request cut short and keeps nothing."""
    body = b"the body as sent" * 1000
    reply = request(routed, "PUT", f"/{legacy}/tampered", body=body, payload=hashlib.sha256(b"another body").hexdigest())
    assert (reply.status, reply.error()["Code"]) == (400, "XAmzContentSHA256Mismatch")
    with pytest.raises(ClientError) as missing:
        moto.client().head_object(Bucket=legacy, Key="tampered")
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


@pytest.fixture(scope="module")
def stranded():
    """A Tarn whose upstream listens nowhere."""
    server = start_tarn({"TARN_UPSTREAM_ENDPOINT": f"http://127.0.0.1:{free_port()}",
                         "TARN_UPSTREAM_ACCESS_KEY_ID": "key", "TARN_UPSTREAM_SECRET_ACCESS_KEY": "secret"})
    yield server
    stop_tarn(server)


def test_an_unreachable_upstream_is_service_unavailable_naming_it(stranded):
    s3 = stranded.client(retries={"max_attempts": 1})
    with pytest.raises(ClientError) as unavailable:
        s3.get_object(Bucket="somewhere-else", Key="a.txt")
    assert error_code(unavailable) == "ServiceUnavailable"
    assert unavailable.value.response["ResponseMetadata"]["HTTPStatusCode"] == 503
    assert "upstream S3 http://127.0.0.1:" in unavailable.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as listing:
        s3.list_buckets()
    assert error_code(listing) == "ServiceUnavailable"
    # Repositories are served all the same.
    s3.create_bucket(Bucket="still-here")
    s3.put_object(Bucket="still-here", Key="main/a", Body=b"local")
    assert s3.get_object(Bucket="still-here", Key="main/a")["Body"].read() == b"local"
