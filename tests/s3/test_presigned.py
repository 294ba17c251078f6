"""Presigned URLs as people hand them around: made by boto3's generate_presigned_url (SigV4 and
SigV2, over HTTP and HTTPS) and used by a program that knows nothing of S3 (urllib)."""
import hashlib
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET

import boto3
import botocore.config
import pytest

from s3util import S3_NS, parse_error

SIGNERS = {
    # boto3 left to choose how to presign, as most programs do
    "default": {},
    "sigv4": {"signature_version": "s3v4"},
    "sigv2": {"signature_version": "s3"},
    "sigv4-https": {"signature_version": "s3v4", "https": True},
}


def fetch(url, method="GET", data=None, headers=None, cafile=None):
    """(status, headers with lower-case names, body) of one plain HTTP request."""
    context = ssl.create_default_context(cafile=cafile) if url.startswith("https") else None
    request = urllib.request.Request(url, method=method, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, context=context, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


@pytest.fixture(scope="module")
def admin(tarn):
    return tarn.client()


@pytest.fixture(scope="module")
def shared_bucket(admin):
    name = "pre-" + uuid.uuid4().hex[:12]
    admin.create_bucket(Bucket=name)
    return name


@pytest.fixture(params=list(SIGNERS))
def signer(tarn, request):
    config = dict(SIGNERS[request.param])
    https = config.pop("https", False)
    client = tarn.client(https=https, **config)
    client.cafile = tarn.ca_file if https else None
    client.kind = request.param
    return client


def assert_signed_as_configured(signer, url):
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    if signer.kind.startswith("sigv4"):
        assert "X-Amz-Signature" in query, url
    elif signer.kind == "sigv2":
        assert "Signature" in query and "AWSAccessKeyId" in query, url


def test_presigned_get_downloads_the_object(signer, admin, shared_bucket):
    key = f"main/get/{signer.kind}.txt"
    body = b"shared with a link\n" * 100
    admin.put_object(Bucket=shared_bucket, Key=key, Body=body, ContentType="text/plain")
    url = signer.generate_presigned_url("get_object", Params={"Bucket": shared_bucket, "Key": key}, ExpiresIn=300)
    assert_signed_as_configured(signer, url)
    status, headers, got = fetch(url, cafile=signer.cafile)
    assert status == 200, got
    assert got == body
    assert headers["content-type"] == "text/plain"
    assert headers["etag"] == '"' + hashlib.md5(body).hexdigest() + '"'


def test_presigned_put_uploads_an_object(signer, admin, shared_bucket):
    key = f"main/put/{signer.kind}.csv"
    body = b"a,b\n1,2\n"
    url = signer.generate_presigned_url("put_object", Params={"Bucket": shared_bucket, "Key": key, "ContentType": "text/csv"},
                                        ExpiresIn=300)
    assert_signed_as_configured(signer, url)
    status, headers, reply = fetch(url, "PUT", body, {"Content-Type": "text/csv"}, cafile=signer.cafile)
    assert status == 200, reply
    assert headers["etag"] == '"' + hashlib.md5(body).hexdigest() + '"'
    got = admin.get_object(Bucket=shared_bucket, Key=key)
    assert got["Body"].read() == body
    assert got["ContentType"] == "text/csv"


def test_presigned_urls_for_keys_that_need_encoding(signer, admin, shared_bucket):
    key = f"main/odd names/{signer.kind} with space+plus & ünï~(1).txt"
    body = key.encode()
    put_url = signer.generate_presigned_url("put_object", Params={"Bucket": shared_bucket, "Key": key, "ContentType": "text/plain"},
                                            ExpiresIn=300)
    status, _, reply = fetch(put_url, "PUT", body, {"Content-Type": "text/plain"}, cafile=signer.cafile)
    assert status == 200, reply
    assert admin.get_object(Bucket=shared_bucket, Key=key)["Body"].read() == body
    get_url = signer.generate_presigned_url("get_object", Params={"Bucket": shared_bucket, "Key": key}, ExpiresIn=300)
    status, _, got = fetch(get_url, cafile=signer.cafile)
    assert status == 200, got
    assert got == body


def test_presigned_get_applies_response_header_overrides(signer, admin, shared_bucket):
    key = f"main/report-{signer.kind}.bin"
    admin.put_object(Bucket=shared_bucket, Key=key, Body=b"%PDF-1.7")
    url = signer.generate_presigned_url("get_object", Params={
        "Bucket": shared_bucket, "Key": key,
        "ResponseContentType": "application/pdf",
        "ResponseContentDisposition": 'attachment; filename="report 2026.pdf"'}, ExpiresIn=300)
    status, headers, got = fetch(url, cafile=signer.cafile)
    assert status == 200, got
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"] == 'attachment; filename="report 2026.pdf"'


def test_presigned_get_of_a_missing_key_is_no_such_key(signer, shared_bucket):
    url = signer.generate_presigned_url("get_object", Params={"Bucket": shared_bucket, "Key": "main/never-written"}, ExpiresIn=300)
    status, _, body = fetch(url, cafile=signer.cafile)
    assert status == 404
    assert parse_error(body)["Code"] == "NoSuchKey"


def test_a_presigned_listing_url_lists_the_bucket(signer, admin, shared_bucket):
    for k in [f"main/listed-{signer.kind}/a", f"main/listed-{signer.kind}/b"]:
        admin.put_object(Bucket=shared_bucket, Key=k, Body=b"x")
    url = signer.generate_presigned_url("list_objects_v2", Params={"Bucket": shared_bucket, "Prefix": f"main/listed-{signer.kind}/"},
                                        ExpiresIn=300)
    status, _, body = fetch(url, cafile=signer.cafile)
    assert status == 200, body
    root = ET.fromstring(body)
    assert [k.text for k in root.iter(S3_NS + "Key")] == [f"main/listed-{signer.kind}/a", f"main/listed-{signer.kind}/b"]


@pytest.mark.parametrize("version", ["s3v4", "s3"])
def test_an_expired_presigned_url_is_access_denied(tarn, admin, shared_bucket, version):
    signer = tarn.client(signature_version=version)
    key = f"main/expiring-{version}"
    admin.put_object(Bucket=shared_bucket, Key=key, Body=b"original")
    get_url = signer.generate_presigned_url("get_object", Params={"Bucket": shared_bucket, "Key": key}, ExpiresIn=1)
    put_url = signer.generate_presigned_url("put_object", Params={"Bucket": shared_bucket, "Key": key, "ContentType": "text/plain"},
                                            ExpiresIn=1)
    time.sleep(2.5)
    status, _, body = fetch(get_url)
    assert status == 403, body
    error = parse_error(body)
    assert error["Code"] == "AccessDenied"
    assert "expired" in error["Message"].lower()
    status, _, body = fetch(put_url, "PUT", b"replaced", {"Content-Type": "text/plain"})
    assert status == 403, body
    assert parse_error(body)["Code"] == "AccessDenied"
    assert admin.get_object(Bucket=shared_bucket, Key=key)["Body"].read() == b"original"


def with_query(url, name, change):
    """The URL with one query parameter's value changed by `change`."""
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, change(v) if k == name else v) for k, v in query]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def flip_last(text):
    return text[:-1] + ("A" if text[-1] != "A" else "B")


def flip_signature(url):
    if "X-Amz-Signature=" in url:
        return with_query(url, "X-Amz-Signature", lambda s: s[:-1] + ("0" if s[-1] != "0" else "1"))
    return with_query(url, "Signature", lambda s: s[:2] + ("A" if s[2] != "A" else "B") + s[3:])


@pytest.mark.parametrize("version", ["s3v4", "s3"])
def test_a_tampered_presigned_url_is_signature_does_not_match(tarn, admin, shared_bucket, version):
    signer = tarn.client(signature_version=version)
    admin.put_object(Bucket=shared_bucket, Key="main/public.txt", Body=b"public")
    admin.put_object(Bucket=shared_bucket, Key="main/secret.txt", Body=b"secret")
    url = signer.generate_presigned_url("get_object", Params={"Bucket": shared_bucket, "Key": "main/public.txt"}, ExpiresIn=300)
    assert fetch(url)[0] == 200

    status, _, body = fetch(flip_signature(url))
    assert status == 403, body
    assert parse_error(body)["Code"] == "SignatureDoesNotMatch"

    # the link for one object does not open another
    status, _, body = fetch(url.replace("/main/public.txt?", "/main/secret.txt?"))
    assert status == 403, body
    assert parse_error(body)["Code"] == "SignatureDoesNotMatch"

    # nor does it live longer when its expiry is edited
    if version == "s3v4":
        longer = with_query(url, "X-Amz-Expires", lambda v: "3600")
    else:
        longer = with_query(url, "Expires", lambda v: str(int(v) + 3600))
    status, _, body = fetch(longer)
    assert status == 403, body
    assert parse_error(body)["Code"] == "SignatureDoesNotMatch"


@pytest.mark.parametrize("version", ["s3v4", "s3"])
def test_a_tampered_presigned_put_writes_nothing(tarn, admin, shared_bucket, version):
    signer = tarn.client(signature_version=version)
    key = f"main/tamper-put-{version}"
    url = signer.generate_presigned_url("put_object", Params={"Bucket": shared_bucket, "Key": key, "ContentType": "text/plain"},
                                        ExpiresIn=300)
    status, _, body = fetch(flip_signature(url), "PUT", b"x", {"Content-Type": "text/plain"})
    assert status == 403, body
    assert parse_error(body)["Code"] == "SignatureDoesNotMatch"
    assert admin.list_objects_v2(Bucket=shared_bucket, Prefix=key).get("KeyCount") == 0


@pytest.mark.parametrize("version", ["s3v4", "s3"])
def test_presigned_urls_made_with_a_wrong_key_are_refused(tarn, admin, shared_bucket, version):
    admin.put_object(Bucket=shared_bucket, Key="main/k", Body=b"k")
    cases = [(tarn.access_key, "not-the-secret", "SignatureDoesNotMatch"),
             ("AKNOSUCHKEY000000000", tarn.secret_key, "InvalidAccessKeyId")]
    for access_key, secret, code in cases:
        client = boto3.client("s3", endpoint_url=tarn.endpoint, aws_access_key_id=access_key, aws_secret_access_key=secret,
                              region_name="us-east-1", config=botocore.config.Config(signature_version=version))
        url = client.generate_presigned_url("get_object", Params={"Bucket": shared_bucket, "Key": "main/k"}, ExpiresIn=300)
        status, _, body = fetch(url)
        assert status == 403, body
        assert parse_error(body)["Code"] == code
