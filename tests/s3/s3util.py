"""Helpers shared by the S3 gateway tests: raw requests signed the way botocore signs them, sent
with http.client so that a test controls every byte, and S3's XML error documents parsed."""
import datetime
import http.client
import socket
import urllib.parse
import uuid
import xml.etree.ElementTree as ET
from unittest import mock

import botocore.auth
import botocore.credentials
from botocore.awsrequest import AWSRequest

S3_NS = "{http://s3.amazonaws.com/doc/2006-03-01/}"


class Reply:
    """An HTTP answer: status, headers (names lower-case) and the body bytes."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def error(self):
        """The S3 error document as a dict (Code, Message, RequestId, Resource…)."""
        return parse_error(self.body)

    def xml(self):
        return ET.fromstring(self.body)

    def __repr__(self):
        return f"Reply({self.status}, {self.body[:300]!r})"


def parse_error(body):
    """The children of an S3 <Error> document by tag; fails the test when the body is not one."""
    root = ET.fromstring(body)
    assert strip_ns(root.tag) == "Error", body
    return {strip_ns(child.tag): (child.text or "") for child in root}


def strip_ns(tag):
    return tag.split("}", 1)[1] if tag.startswith("{") else tag


def error_code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def signed_headers(tarn, method, path, query="", headers=None, body=b"", when=None, payload=None):
    """Headers of a SigV4-signed request (botocore's S3SigV4Auth, as boto3 signs), optionally signed
    at another time (`when`, a naive UTC datetime). `path` and `query` are sent as they are (already
    percent-encoded). `payload` replaces the x-amz-content-sha256 value (for example
    UNSIGNED-PAYLOAD); by default it is the body's SHA-256."""
    url = tarn.endpoint + path + ("?" + query if query else "")
    request = AWSRequest(method=method, url=url, data=body, headers=dict(headers or {}))
    credentials = botocore.credentials.Credentials(tarn.access_key, tarn.secret_key)
    signer = _Signer(credentials, "s3", "us-east-1", payload)
    if when is None:
        signer.add_auth(request)
    else:
        with mock.patch("botocore.auth.get_current_datetime", return_value=when):
            signer.add_auth(request)
    return dict(request.headers.items())


class _Signer(botocore.auth.S3SigV4Auth):
    def __init__(self, credentials, service, region, payload):
        super().__init__(credentials, service, region)
        self._payload = payload

    def payload(self, request):
        return self._payload if self._payload is not None else super().payload(request)


def request(tarn, method, path, query="", headers=None, body=b"", sign=True, when=None, payload=None):
    """Sends one request (signed unless sign=False) and returns its Reply."""
    all_headers = dict(headers or {})
    if sign:
        all_headers = signed_headers(tarn, method, path, query, headers, body, when, payload)
    return send(tarn, method, path + ("?" + query if query else ""), all_headers, body)


def send(tarn, method, target, headers, body=b""):
    host, port = host_port(tarn)
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request(method, target, body=body, headers=headers)
        response = connection.getresponse()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


def host_port(tarn):
    parsed = urllib.parse.urlsplit(tarn.endpoint)
    return parsed.hostname, parsed.port


def raw_connection(tarn):
    host, port = host_port(tarn)
    return socket.create_connection((host, port), timeout=30)


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def uuid_hex(n=12):
    return uuid.uuid4().hex[:n]
