"""What a client sees when a request is wrong: S3's error codes, always as an XML document with a
Code, a Message and a RequestId, never a server fault; and a broken upload leaves nothing behind."""
import base64
import hashlib
import socket
import time

import pytest
from botocore.exceptions import ClientError

import s3util
from latebody import LateBody
from s3util import error_code


@pytest.fixture(scope="module")
def admin(tarn):
    return tarn.client(retries={"max_attempts": 0})


@pytest.fixture(scope="module")
def shared_bucket(admin):
    name = "err-" + s3util.uuid_hex()
    admin.create_bucket(Bucket=name)
    admin.put_object(Bucket=name, Key="main/existing", Body=b"still here")
    return name


def exists(admin, bucket, key):
    try:
        admin.head_object(Bucket=bucket, Key=key)
        return True
    except ClientError as e:
        if e.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
            return False
        raise


# --- DeleteObjects with a bad document -------------------------------------------------------

@pytest.mark.parametrize("document", [
    b"<Delete><Object><Key>main/existing</Key></Object>",  # not closed
    b"<Delete><Object><Key>main/existing</Key></Object></Delete> trailing junk <",
    b"not xml at all",
    b"",
    b"<NotDelete><Object><Key>main/existing</Key></Object></NotDelete>",  # the wrong document
    b"<Delete><Quiet>true</Quiet></Delete>",  # names no object
    b"<Delete><Object><VersionId>1</VersionId></Object></Delete>",  # an object without a key
], ids=["unclosed", "trailing-junk", "not-xml", "empty", "wrong-root", "no-object", "no-key"])
def test_a_malformed_delete_objects_body_is_malformed_xml_and_deletes_nothing(tarn, admin, shared_bucket, document):
    md5 = base64.b64encode(hashlib.md5(document).digest()).decode()
    reply = s3util.request(tarn, "POST", f"/{shared_bucket}", query="delete", headers={"Content-MD5": md5}, body=document)
    assert reply.status == 400, reply
    assert reply.error()["Code"] == "MalformedXML"
    assert exists(admin, shared_bucket, "main/existing")


def test_a_delete_objects_body_with_a_dtd_is_refused(tarn, admin, shared_bucket):
    document = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY k "main/existing">]>'
                b"<Delete><Object><Key>&k;</Key></Object></Delete>")
    reply = s3util.request(tarn, "POST", f"/{shared_bucket}", query="delete", body=document)
    assert reply.status == 400, reply
    assert reply.error()["Code"] == "MalformedXML"
    assert exists(admin, shared_bucket, "main/existing")


# --- a body that ends before its Content-Length ----------------------------------------------

def send_short_body(tarn, path, declared, sent, payload=None, half_close=False):
    """Sends a signed PUT declaring `declared` bytes but only `sent` of them, then closes (or only
    shuts down its side and returns the answer, if any)."""
    full = b"z" * declared
    headers = s3util.signed_headers(tarn, "PUT", path, body=full, payload=payload)
    headers["Content-Length"] = str(declared)
    host, port = s3util.host_port(tarn)
    head = f"PUT {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items() if k.lower() != "host") + "\r\n"
    sock = s3util.raw_connection(tarn)
    try:
        sock.sendall(head.encode() + full[:sent])
        if not half_close:
            return None
        sock.shutdown(socket.SHUT_WR)
        answer = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return answer
            answer += chunk
    finally:
        sock.close()


@pytest.mark.parametrize("payload", [None, "UNSIGNED-PAYLOAD"], ids=["signed-sha256", "unsigned-payload"])
def test_an_upload_cut_short_creates_nothing_and_the_server_keeps_serving(tarn, admin, shared_bucket, payload):
    key = f"main/cut-short-{payload or 'signed'}"
    admin.put_object(Bucket=shared_bucket, Key=key + "-old", Body=b"previous version")
    send_short_body(tarn, f"/{shared_bucket}/{key}", declared=100_000, sent=40_000, payload=payload)
    send_short_body(tarn, f"/{shared_bucket}/{key}-old", declared=100_000, sent=10, payload=payload)
    time.sleep(0.5)
    assert not exists(admin, shared_bucket, key)
    assert admin.get_object(Bucket=shared_bucket, Key=key + "-old")["Body"].read() == b"previous version"
    # and the server goes on answering, on new connections
    admin.put_object(Bucket=shared_bucket, Key=key + "-after", Body=b"fine")
    assert admin.get_object(Bucket=shared_bucket, Key=key + "-after")["Body"].read() == b"fine"


def test_an_upload_cut_short_is_answered_400_incomplete_body(tarn, admin, shared_bucket):
    key = "main/half-closed"
    answer = send_short_body(tarn, f"/{shared_bucket}/{key}", declared=5_000, sent=1_000, half_close=True)
    assert not exists(admin, shared_bucket, key)
    assert answer, "the server closed the connection without an answer"
    status_line, _, rest = answer.partition(b"\r\n")
    body = rest.partition(b"\r\n\r\n")[2]
    # A client's short body is the client's fault (S3: 400 IncompleteBody), not the storage's
    # (a 5xx makes SDKs retry a request that can never succeed).
    assert status_line.split()[1] == b"400", answer
    assert s3util.parse_error(body)["Code"] == "IncompleteBody"


# --- arguments ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "99999999999999999999"])
@pytest.mark.parametrize("list_type", ["list-type=2&", ""], ids=["v2", "v1"])
def test_an_invalid_max_keys_is_invalid_argument(tarn, shared_bucket, value, list_type):
    reply = s3util.request(tarn, "GET", f"/{shared_bucket}", query=f"{list_type}max-keys={value}&prefix=main%2F")
    assert reply.status == 400, reply
    error = reply.error()
    assert error["Code"] == "InvalidArgument"
    assert value in error["Message"]


def test_max_keys_through_boto3(admin, shared_bucket):
    with pytest.raises(ClientError) as e:
        admin.list_objects_v2(Bucket=shared_bucket, MaxKeys=-1)
    assert error_code(e) == "InvalidArgument"
    assert admin.list_objects_v2(Bucket=shared_bucket, MaxKeys=0)["KeyCount"] == 0


def test_a_continuation_token_not_issued_by_the_server_is_invalid_argument(admin, shared_bucket):
    with pytest.raises(ClientError) as e:
        admin.list_objects_v2(Bucket=shared_bucket, ContinuationToken="!!not a token!!")
    assert error_code(e) == "InvalidArgument"


# --- buckets -----------------------------------------------------------------------------------

def test_every_operation_on_an_unknown_bucket_is_no_such_bucket(admin):
    missing = "no-such-bucket-" + s3util.uuid_hex()
    calls = {
        "get_object": lambda: admin.get_object(Bucket=missing, Key="main/x"),
        "put_object": lambda: admin.put_object(Bucket=missing, Key="main/x", Body=b"x"),
        "list_objects_v2": lambda: admin.list_objects_v2(Bucket=missing),
        "list_objects_v2 with prefix": lambda: admin.list_objects_v2(Bucket=missing, Prefix="main/"),
        "list_objects": lambda: admin.list_objects(Bucket=missing),
        "delete_object": lambda: admin.delete_object(Bucket=missing, Key="main/x"),
        "delete_objects": lambda: admin.delete_objects(Bucket=missing, Delete={"Objects": [{"Key": "main/x"}]}),
        "copy_object": lambda: admin.copy_object(Bucket=missing, Key="main/y", CopySource={"Bucket": missing, "Key": "main/x"}),
        "get_object_tagging": lambda: admin.get_object_tagging(Bucket=missing, Key="main/x"),
        "get_bucket_location": lambda: admin.get_bucket_location(Bucket=missing),
        "delete_bucket": lambda: admin.delete_bucket(Bucket=missing),
    }
    codes = {}
    for name, call in calls.items():
        try:
            call()
            codes[name] = "succeeded"
        except ClientError as e:
            codes[name] = (e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])
    assert codes == {name: ("NoSuchBucket", 404) for name in calls}
    for head in (lambda: admin.head_bucket(Bucket=missing), lambda: admin.head_object(Bucket=missing, Key="main/x")):
        with pytest.raises(ClientError) as e:
            head()
        assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert missing not in [b["Name"] for b in admin.list_buckets()["Buckets"]]


@pytest.mark.parametrize("name", ["ab", "Upper-Case", "under_score", "-leading-dash", "dots.in.name", "x" * 64])
def test_creating_a_bucket_with_an_invalid_name_is_invalid_bucket_name(admin, name):
    with pytest.raises(ClientError) as e:
        admin.create_bucket(Bucket=name)
    assert error_code(e) == "InvalidBucketName"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert name in e.value.response["Error"]["Message"]
    assert name not in [b["Name"] for b in admin.list_buckets()["Buckets"]]


def test_creating_an_existing_bucket_says_you_own_it(admin, shared_bucket):
    with pytest.raises(ClientError) as e:
        admin.create_bucket(Bucket=shared_bucket)
    assert error_code(e) == "BucketAlreadyOwnedByYou"
    assert exists(admin, shared_bucket, "main/existing")


# --- the shape of every error ------------------------------------------------------------------

def error_cases(bucket):
    """(description, request keyword arguments, expected status, expected code)."""
    obj = f"/{bucket}/main/existing"
    wrong_md5 = base64.b64encode(hashlib.md5(b"other").digest()).decode()
    return [
        ("no such bucket", dict(method="GET", path="/no-such-bucket-zz/main/x"), 404, "NoSuchBucket"),
        ("no such key", dict(method="GET", path=f"/{bucket}/main/missing"), 404, "NoSuchKey"),
        ("no such ref", dict(method="GET", path=f"/{bucket}/no-such-ref/x"), 404, "NoSuchKey"),
        ("key without a path", dict(method="GET", path=f"/{bucket}/main"), 404, "NoSuchKey"),
        ("put without a path", dict(method="PUT", path=f"/{bucket}/main/", body=b"x"), 400, "InvalidArgument"),
        ("put to a ref expression", dict(method="PUT", path=f"/{bucket}/main~1/x", body=b"x"), 403, "AccessDenied"),
        ("invalid bucket name", dict(method="PUT", path="/Not_A_Bucket"), 400, "InvalidBucketName"),
        ("bucket not empty", dict(method="DELETE", path=f"/{bucket}"), 409, "BucketNotEmpty"),
        ("malformed xml", dict(method="POST", path=f"/{bucket}", query="delete", body=b"<Delete>"), 400, "MalformedXML"),
        ("malformed tagging", dict(method="PUT", path=obj, query="tagging", body=b"<Tagging><TagSet>"), 400, "MalformedXML"),
        ("invalid max-keys", dict(method="GET", path=f"/{bucket}", query="list-type=2&max-keys=lots"), 400, "InvalidArgument"),
        ("unsatisfiable range", dict(method="GET", path=obj, headers={"Range": "bytes=1000-2000"}), 416, "InvalidRange"),
        ("if-match fails", dict(method="GET", path=obj, headers={"If-Match": '"0000"'}), 412, "PreconditionFailed"),
        ("if-none-match * on put", dict(method="PUT", path=obj, headers={"If-None-Match": "*"}, body=b"x"), 412, "PreconditionFailed"),
        ("wrong content-md5", dict(method="PUT", path=f"/{bucket}/main/md5", headers={"Content-MD5": wrong_md5}, body=b"x"), 400,
         "BadDigest"),
        ("content-md5 not base64", dict(method="PUT", path=f"/{bucket}/main/md5", headers={"Content-MD5": "%%%"}, body=b"x"), 400,
         "InvalidDigest"),
        ("wrong checksum", dict(method="PUT", path=f"/{bucket}/main/crc", headers={"x-amz-checksum-crc32": "AAAAAA=="}, body=b"x"),
         400, "BadDigest"),
        ("unknown checksum algorithm", dict(method="PUT", path=f"/{bucket}/main/crc", headers={"x-amz-sdk-checksum-algorithm": "MD4"},
                                            body=b"x"), 400, "InvalidRequest"),
        ("copy from nowhere", dict(method="PUT", path=f"/{bucket}/main/copy", headers={"x-amz-copy-source": f"/{bucket}/main/none"}),
         404, "NoSuchKey"),
        ("copy source without a path", dict(method="PUT", path=f"/{bucket}/main/copy", headers={"x-amz-copy-source": "nonsense"}), 400,
         "InvalidArgument"),
        ("unimplemented sub-resource", dict(method="GET", path=f"/{bucket}", query="policy"), 501, "NotImplemented"),
        ("unimplemented method", dict(method="PATCH", path=obj), 501, "NotImplemented"),
        ("body hash mismatch", dict(method="PUT", path=f"/{bucket}/main/h", body=b"x", payload="0" * 64), 400,
         "XAmzContentSHA256Mismatch"),
        ("anonymous", dict(method="GET", path=obj, sign=False), 403, "AccessDenied"),
        ("unsupported authorization", dict(method="GET", path=obj, sign=False, headers={"Authorization": "Bearer abc"}), 400,
         "InvalidArgument"),
        ("malformed sigv4 header", dict(method="GET", path=obj, sign=False,
                                        headers={"Authorization": "AWS4-HMAC-SHA256 Credential=garbage"}), 400,
         "AuthorizationHeaderMalformed"),
        ("incomplete presigned query", dict(method="GET", path=obj, sign=False, query="X-Amz-Algorithm=AWS4-HMAC-SHA256"), 400,
         "AuthorizationQueryParametersError"),
    ]


def test_every_error_is_an_s3_xml_document_with_code_message_and_request_id(tarn, shared_bucket):
    problems = []
    for description, kwargs, status, code in error_cases(shared_bucket):
        kwargs = dict(kwargs)
        reply = s3util.request(tarn, kwargs.pop("method"), kwargs.pop("path"), **kwargs)
        try:
            assert reply.status == status, f"status {reply.status}, expected {status}"
            assert reply.headers.get("content-type", "").startswith("application/xml"), reply.headers.get("content-type")
            error = reply.error()
            assert error.get("Code") == code, f"code {error.get('Code')}, expected {code}"
            assert error.get("Message"), "no Message"
            assert error.get("RequestId"), "no RequestId"
            assert error["RequestId"] == reply.headers.get("x-amz-request-id"), "RequestId differs from x-amz-request-id"
        except Exception as e:  # collect them all: one report shows every case that is off
            problems.append(f"{description}: {e} -- {reply.body[:200]!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", ["if-none-match", "no-such-bucket", "ref-expression"])
def test_an_error_answered_before_the_body_came_leaves_the_connection_serving(tarn, shared_bucket, case):
    """boto3 and the AWS SDKs reuse connections: an error found from the headers alone (before a
    small body has arrived) must not leave the next request on that connection to fail."""
    path, headers, expected = {
        "if-none-match": (f"/{shared_bucket}/main/existing", {"If-None-Match": "*"}, 412),
        "no-such-bucket": ("/no-such-bucket-zz/main/x", {}, 404),
        "ref-expression": (f"/{shared_bucket}/main~1/x", {}, 403),
    }[case]
    body = b"late body"
    with LateBody(tarn.endpoint) as connection:
        status, answer_headers, _ = connection.request("PUT", path, s3util.signed_headers(tarn, "PUT", path, headers=headers, body=body),
                                                       body)
        assert status == expected
        assert answer_headers.get("connection") != "close"
        get = f"/{shared_bucket}/main/existing"
        status, _, content = connection.request("GET", get, s3util.signed_headers(tarn, "GET", get))
        assert (status, content) == (200, b"still here")


@pytest.mark.parametrize("path,expected", [("/no-such-bucket-zz/main/x", 404), ("/{bucket}/main~1/x", 403)],
                         ids=["no-such-bucket", "ref-expression"])
def test_an_error_answered_before_a_large_body_came_closes_the_connection_and_says_so(tarn, shared_bucket, path, expected):
    path, body = path.format(bucket=shared_bucket), b"z" * (8 << 20)
    headers = s3util.signed_headers(tarn, "PUT", path, body=body, payload="UNSIGNED-PAYLOAD")
    with LateBody(tarn.endpoint) as connection:
        status, answer_headers, _ = connection.request("PUT", path, headers, body, send_body=False)
        assert status == expected
        assert answer_headers["connection"] == "close"


def test_errors_to_head_requests_carry_the_status_and_a_request_id_but_no_body(tarn, shared_bucket):
    for path, status in [(f"/{shared_bucket}/main/missing", 404), ("/no-such-bucket-zz", 404), ("/no-such-bucket-zz/main/x", 404)]:
        reply = s3util.request(tarn, "HEAD", path)
        assert reply.status == status, (path, reply)
        assert reply.headers.get("x-amz-request-id")
        assert reply.body == b""


def test_a_malformed_percent_escape_in_the_path_is_an_s3_xml_error(tarn, shared_bucket):
    # S3 answers 400 with an XML <Error> (InvalidURI); an HTML page from the HTTP layer breaks
    # every SDK's error parsing.
    for path in [f"/{shared_bucket}/main/bad%ZZescape", f"/{shared_bucket}/main/bad%"]:
        reply = s3util.request(tarn, "GET", path, sign=False)
        assert 400 <= reply.status < 500, reply
        assert reply.headers.get("content-type", "").startswith("application/xml"), (path, reply)
        error = reply.error()
        assert error["Code"] and error["Message"] and error["RequestId"]


def test_no_error_is_a_server_fault_and_the_server_stays_up(tarn, admin, shared_bucket):
    """A burst of odd requests: none is answered 5xx (except 501 for what is not implemented)."""
    odd = [
        ("GET", f"/{shared_bucket}", "list-type=2&prefix=%00", {}),
        ("GET", f"/{shared_bucket}", "list-type=2&start-after=%FF%FE", {}),
        ("GET", f"/{shared_bucket}", "list-type=2&delimiter=&prefix=", {}),
        ("GET", f"/{shared_bucket}", "list-type=2&prefix=main%2F..%2F..%2F", {}),
        ("GET", f"/{shared_bucket}/main/..%2F..%2Fetc%2Fpasswd", "", {}),
        ("GET", f"/{shared_bucket}/main/existing", "", {"Range": "bytes=5-2"}),
        ("GET", f"/{shared_bucket}/main/existing", "", {"Range": "bytes=-0"}),
        ("GET", f"/{shared_bucket}/main/existing", "", {"Range": "items=0-1"}),
        ("GET", f"/{shared_bucket}/main/existing", "", {"If-Modified-Since": "not a date"}),
        ("GET", f"/{shared_bucket}/main/existing", "response-content-type=" + "a" * 2000, {}),
        ("PUT", f"/{shared_bucket}/main/existing", "tagging", {}),
        ("PUT", f"/{shared_bucket}/main/x", "", {"x-amz-tagging": "%%%=&&="}),
        ("PUT", f"/{shared_bucket}/main/x", "", {"x-amz-copy-source": f"/{shared_bucket}/main/existing",
                                                 "x-amz-copy-source-range": "bytes=0-1"}),
        ("POST", f"/{shared_bucket}/main/existing", "", {}),
        ("DELETE", f"/{shared_bucket}/main/never-there", "", {}),
        ("GET", "/", "versions", {}),
    ]
    answers = []
    for method, path, query, headers in odd:
        body = b"x" if method in ("PUT", "POST") else b""
        reply = s3util.request(tarn, method, path, query=query, headers=headers, body=body)
        answers.append((method, path, query, reply.status))
        if reply.status >= 400 and method != "HEAD":
            error = reply.error()
            assert error["Code"] and error["RequestId"], (method, path, query, reply)
    assert [a for a in answers if a[3] >= 500 and a[3] != 501] == []
    assert admin.get_object(Bucket=shared_bucket, Key="main/existing")["Body"].read() == b"still here"


# --- sizes past S3's limits --------------------------------------------------------------------

def test_a_key_over_1024_bytes_is_key_too_long(admin, shared_bucket):
    with pytest.raises(ClientError) as e:
        admin.put_object(Bucket=shared_bucket, Key="main/" + "é" * 510, Body=b"x")
    assert e.value.response["Error"]["Code"] == "KeyTooLongError"
    assert "1025 bytes" in e.value.response["Error"]["Message"]


def test_user_metadata_over_2_kb_is_metadata_too_large_and_writes_nothing(admin, shared_bucket):
    with pytest.raises(ClientError) as e:
        admin.put_object(Bucket=shared_bucket, Key="main/meta-too-large", Body=b"x", Metadata={"big": "v" * 2046})
    assert e.value.response["Error"]["Code"] == "MetadataTooLarge"
    assert not exists(admin, shared_bucket, "main/meta-too-large")
    admin.put_object(Bucket=shared_bucket, Key="main/meta-just-fits", Body=b"x", Metadata={"big": "v" * 2045})


def test_headers_past_the_servers_limit_get_an_s3_error_and_the_server_keeps_serving(admin, shared_bucket):
    with pytest.raises(ClientError) as e:
        admin.put_object(Bucket=shared_bucket, Key="main/huge-header", Body=b"x", Metadata={"a": "x" * 20_000})
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 431
    assert e.value.response["Error"]["Code"] == "RequestHeaderSectionTooLarge"
    admin.put_object(Bucket=shared_bucket, Key="main/after-huge-header", Body=b"fine")
    assert not exists(admin, shared_bucket, "main/huge-header")


def test_a_client_that_disconnects_in_the_middle_of_a_part_leaves_no_part(tarn, admin, shared_bucket):
    key = "main/part-cut-short"
    uid = admin.create_multipart_upload(Bucket=shared_bucket, Key=key)["UploadId"]
    path = f"/{shared_bucket}/{key}?partNumber=1&uploadId={uid}"
    full = b"z" * 200_000
    query = f"partNumber=1&uploadId={uid}"
    headers = s3util.signed_headers(tarn, "PUT", f"/{shared_bucket}/{key}", query=query, body=full)
    host, port = s3util.host_port(tarn)
    head = f"PUT {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items() if k.lower() != "host") + "\r\n"
    sock = s3util.raw_connection(tarn)
    sock.sendall(head.encode() + full[:50_000])
    sock.close()
    time.sleep(0.5)
    assert admin.list_parts(Bucket=shared_bucket, Key=key, UploadId=uid).get("Parts", []) == []
    admin.upload_part(Bucket=shared_bucket, Key=key, UploadId=uid, PartNumber=1, Body=b"whole part")
    admin.complete_multipart_upload(Bucket=shared_bucket, Key=key, UploadId=uid, MultipartUpload={"Parts": [
        {"PartNumber": 1, "ETag": admin.list_parts(Bucket=shared_bucket, Key=key, UploadId=uid)["Parts"][0]["ETag"]}]})
    assert admin.get_object(Bucket=shared_bucket, Key=key)["Body"].read() == b"whole part"
