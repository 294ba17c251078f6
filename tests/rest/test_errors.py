"""Bad input over plain HTTP: each answers the status and the {"message": ...} body lakeFS gives,
never a 500."""
import json
import urllib.parse

import boto3
import pytest
import urllib3

from latebody import LateBody
from restutil import unique_name

HTTP = urllib3.PoolManager()


class Api:
    """Raw HTTP to /api/v1 with the admin's basic credentials."""

    def __init__(self, tarn):
        self.tarn = tarn
        self.auth = urllib3.util.make_headers(basic_auth=f"{tarn.key}:{tarn.secret}")

    def call(self, method, route, body=None, headers=None, auth=True, **query):
        all_headers = dict(self.auth if auth else {})
        all_headers.update(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
            all_headers.setdefault("Content-Type", "application/json")
        url = self.tarn.api(route)
        if query:
            url += "?" + urllib.parse.urlencode(query)
        return HTTP.request(method, url, body=body, headers=all_headers)


@pytest.fixture(scope="module")
def api(tarn):
    return Api(tarn)


@pytest.fixture
def repo_id(api):
    name = unique_name()
    assert api.call("POST", "/repositories", {"name": name, "storage_namespace": f"local://{name}"}).status == 201
    return name


def message(response):
    assert response.headers["Content-Type"] == "application/json"
    body = json.loads(response.data)
    assert isinstance(body["message"], str) and body["message"]
    return body["message"]


def test_a_body_that_is_not_json_is_400(api):
    r = api.call("POST", "/repositories", "{not json", headers={"Content-Type": "application/json"})
    assert r.status == 400
    assert "request body" in message(r)


def test_a_body_that_is_not_an_object_is_400(api):
    r = api.call("POST", "/repositories", ["a", "b"])
    assert r.status == 400
    message(r)


def test_a_missing_required_field_is_400_naming_it(api, repo_id):
    r = api.call("POST", "/repositories", {"name": unique_name()})
    assert r.status == 400
    assert '"storage_namespace"' in message(r)
    r = api.call("POST", f"/repositories/{repo_id}/branches", {"name": "b"})
    assert r.status == 400
    assert '"source"' in message(r)
    r = api.call("POST", f"/repositories/{repo_id}/branches/main/commits", {})
    assert r.status == 400
    assert '"message"' in message(r)


def test_a_field_of_the_wrong_type_is_400(api, repo_id):
    r = api.call("POST", f"/repositories/{repo_id}/branches", {"name": 7, "source": "main"})
    assert r.status == 400
    assert '"name"' in message(r)
    r = api.call("POST", f"/repositories/{repo_id}/branches/main/commits", {"message": "m", "metadata": {"k": 1}})
    assert r.status == 400


def test_invalid_names_are_400(api, repo_id):
    r = api.call("POST", "/repositories", {"name": "Bad_Name", "storage_namespace": "local://bad"})
    assert r.status == 400
    assert "Bad_Name" in message(r)
    r = api.call("POST", f"/repositories/{repo_id}/branches", {"name": "has space", "source": "main"})
    assert r.status == 400
    r = api.call("POST", f"/repositories/{repo_id}/tags", {"id": "a~b", "ref": "main"})
    assert r.status == 400


def test_a_storage_namespace_no_blockstore_serves_is_400(api):
    name = unique_name()
    r = api.call("POST", "/repositories", {"name": name, "storage_namespace": f"gs://bucket/{name}"})
    assert r.status == 400
    message(r)


def test_unknown_repository_branch_ref_and_object_are_404(api, repo_id):
    for method, path, query in [
        ("GET", "/repositories/no-such-repo", {}),
        ("GET", "/repositories/no-such-repo/branches", {}),
        ("GET", f"/repositories/{repo_id}/branches/no-such-branch", {}),
        ("GET", f"/repositories/{repo_id}/refs/main/diff/no-such-ref", {}),
        ("GET", f"/repositories/{repo_id}/refs/no-such-ref/commits", {}),
        ("GET", f"/repositories/{repo_id}/commits/no-such-ref", {}),
        ("GET", f"/repositories/{repo_id}/tags/no-such-tag", {}),
        ("GET", f"/repositories/{repo_id}/refs/main/objects/stat", {"path": "no/such/object"}),
        ("POST", f"/repositories/{repo_id}/branches/no-such-branch/objects", {"path": "x"}),
    ]:
        r = api.call(method, path, b"x" if method == "POST" else None, **query)
        assert r.status == 404, (method, path, r.status, r.data)
        message(r)


def test_a_head_of_a_missing_object_is_404_without_a_body(api, repo_id):
    r = api.call("HEAD", f"/repositories/{repo_id}/refs/main/objects", path="missing")
    assert r.status == 404
    assert r.data == b""


def test_missing_or_wrong_credentials_are_401(api, tarn):
    r = api.call("GET", "/repositories", auth=False)
    assert r.status == 401
    assert message(r) == "error authenticating request"
    assert r.headers["WWW-Authenticate"].startswith("Basic")
    for header in ["Basic !!!", "Basic " + "bm9jb2xvbg==", "Bearer token"]:
        assert api.call("GET", "/repositories", auth=False, headers={"Authorization": header}).status == 401
    wrong = urllib3.util.make_headers(basic_auth=f"{tarn.key}:wrong")
    assert api.call("GET", "/repositories", auth=False, headers=wrong).status == 401


def test_public_routes_need_no_credentials(api):
    assert api.call("GET", "/healthcheck", auth=False).status == 204
    assert json.loads(api.call("GET", "/setup_lakefs", auth=False).data)["state"] == "initialized"
    r = api.call("POST", "/setup_lakefs", {"username": "admin"}, auth=False)
    assert r.status == 409
    message(r)


def test_an_unknown_path_is_404_and_a_wrong_method_405(api):
    r = api.call("GET", "/no/such/route")
    assert r.status == 404
    message(r)
    r = api.call("PATCH", "/repositories")
    assert r.status == 405
    assert r.headers["Allow"] == "GET, POST"
    message(r)


def test_paging_parameters_out_of_range_are_400(api, repo_id):
    for amount in ["1001", "-2", "many"]:
        r = api.call("GET", f"/repositories/{repo_id}/branches", amount=amount)
        assert r.status == 400, amount
        assert "amount" in message(r)
    r = api.call("GET", f"/repositories/{repo_id}/refs/main/commits", since="yesterday")
    assert r.status == 400
    r = api.call("GET", f"/repositories/{repo_id}/refs/main/diff/main", type="four_dot")
    assert r.status == 400


def test_uploads_with_a_malformed_form_or_condition_are_400(api, repo_id):
    path = f"/repositories/{repo_id}/branches/main/objects"
    form = b"--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nvalue\r\n--XyZ--\r\n"
    r = api.call("POST", path, form, headers={"Content-Type": "multipart/form-data; boundary=XyZ"}, path="f")
    assert r.status == 400
    assert "content" in message(r)
    r = api.call("POST", path, b"--XyZ\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\nno end",
                 headers={"Content-Type": "multipart/form-data; boundary=XyZ"}, path="f")
    assert r.status == 400
    r = api.call("POST", path, b"x", headers={"Content-Type": "multipart/form-data"}, path="f")
    assert r.status == 400
    r = api.call("POST", path, b"x", headers={"If-None-Match": "\"abc\""}, path="f")
    assert r.status == 400
    r = api.call("POST", path, b"x", path="")
    assert r.status == 400
    assert api.call("GET", f"/repositories/{repo_id}/refs/main/objects/stat", path="f").status == 404


def test_a_multipart_upload_streams_the_content_part_with_its_type(api, repo_id):
    payload = bytes(range(256)) * 1024 + b"\r\n--almost-a-boundary\r\n"
    form = (b"--b0undary\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nskipped\r\n"
            b"--b0undary\r\nContent-Disposition: form-data; name=\"content\"; filename=\"f\"\r\n"
            b"Content-Type: image/png\r\n\r\n" + payload + b"\r\n--b0undary--\r\n")
    r = api.call("POST", f"/repositories/{repo_id}/branches/main/objects", form,
                 headers={"Content-Type": "multipart/form-data; boundary=b0undary"}, path="img.png")
    assert r.status == 201, r.data
    stats = json.loads(r.data)
    assert (stats["size_bytes"], stats["content_type"]) == (len(payload), "image/png")
    got = api.call("GET", f"/repositories/{repo_id}/refs/main/objects", path="img.png")
    assert got.data == payload
    assert got.headers["Content-Type"] == "image/png"


def test_conditional_uploads_are_412(api, repo_id):
    path = f"/repositories/{repo_id}/branches/main/objects"
    first = json.loads(api.call("POST", path, b"1", path="c").data)
    assert api.call("POST", path, b"2", headers={"If-None-Match": "*"}, path="c").status == 412
    assert api.call("POST", path, b"2", headers={"If-Match": "\"0000\""}, path="c").status == 412
    assert api.call("POST", path, b"2", headers={"If-Match": '"' + first["checksum"] + '"'}, path="c").status == 201
    assert api.call("GET", f"/repositories/{repo_id}/refs/main/objects", path="c",
                    ).data == b"2"


def test_a_refused_upload_whose_body_comes_late_leaves_the_connection_serving(tarn, api, repo_id):
    """The answer to a failed precondition is ready before the body has arrived: a small body is
    still read, and the same connection serves the next request (urllib3 reuses it)."""
    path = f"/api/v1/repositories/{repo_id}/branches/main/objects?path=late"
    api.call("POST", f"/repositories/{repo_id}/branches/main/objects", b"first", path="late")
    with LateBody(tarn.endpoint) as connection:
        status, headers, _ = connection.request("POST", path, {**api.auth, "If-None-Match": "*"}, b"second")
        assert status == 412
        assert headers.get("connection") != "close"
        status, _, body = connection.request("GET", f"/api/v1/repositories/{repo_id}/refs/main/objects?path=late", api.auth)
        assert (status, body) == (200, b"first")


def test_a_refused_upload_with_a_large_unsent_body_closes_the_connection_and_says_so(tarn, api, repo_id):
    path = f"/api/v1/repositories/{repo_id}/branches/main/objects?path=late"
    api.call("POST", f"/repositories/{repo_id}/branches/main/objects", b"first", path="late")
    with LateBody(tarn.endpoint) as connection:
        status, headers, _ = connection.request("POST", path, {**api.auth, "If-None-Match": "*"}, b"x" * (10 << 20),
                                                send_body=False)
        assert status == 412
        assert headers["connection"] == "close"


def test_writing_to_a_tag_is_refused_and_the_default_branch_cannot_be_deleted(api, repo_id):
    assert api.call("POST", f"/repositories/{repo_id}/tags", {"id": "v1", "ref": "main"}).status == 201
    r = api.call("POST", f"/repositories/{repo_id}/branches/v1/commits", {"message": "m", "allow_empty": True})
    assert r.status == 403
    assert "'v1': it is a tag" in message(r)
    r = api.call("POST", f"/repositories/{repo_id}/branches/v1/objects", b"x", path="x")
    assert r.status == 403
    assert "'v1': it is a tag" in message(r)
    r = api.call("DELETE", f"/repositories/{repo_id}/branches/main")
    assert r.status == 400
    assert "default branch" in message(r)


def test_a_merge_into_a_branch_with_uncommitted_changes_is_400(api, repo_id):
    assert api.call("POST", f"/repositories/{repo_id}/branches", {"name": "dev", "source": "main"}).status == 201
    api.call("POST", f"/repositories/{repo_id}/branches/dev/objects", b"d", path="d")
    assert api.call("POST", f"/repositories/{repo_id}/branches/dev/commits", {"message": "d"}).status == 201
    api.call("POST", f"/repositories/{repo_id}/branches/main/objects", b"m", path="m")
    r = api.call("POST", f"/repositories/{repo_id}/refs/dev/merge/main", {})
    assert r.status == 400
    assert "uncommitted" in message(r)


def test_batch_delete_of_too_many_paths_is_400(api, repo_id):
    r = api.call("POST", f"/repositories/{repo_id}/branches/main/objects/delete", {"paths": [str(i) for i in range(1001)]})
    assert r.status == 400
    message(r)


def test_the_openapi_document_lists_the_implemented_paths(api):
    r = api.call("GET", "/openapi.json", auth=False)
    assert r.status == 200
    doc = json.loads(r.data)
    assert doc["openapi"].startswith("3.")
    assert doc["servers"][0]["url"] == "/api/v1"
    assert "post" in doc["paths"]["/repositories/{repository}/refs/{sourceRef}/merge/{destinationBranch}"]
    assert "get" in doc["paths"]["/repositories/{repository}/refs/{ref}/objects"]


def test_s3_requests_under_api_v1_still_reach_the_s3_gateway(api, tarn):
    # A repository named "api" with a branch "v1": its S3 keys start with /api/v1/.
    s3 = boto3.client("s3", endpoint_url=tarn.endpoint, aws_access_key_id=tarn.key, aws_secret_access_key=tarn.secret,
                      region_name="us-east-1")
    s3.create_bucket(Bucket="api")
    assert api.call("POST", "/repositories/api/branches", {"name": "v1", "source": "main"}).status == 201
    s3.put_object(Bucket="api", Key="v1/file.txt", Body=b"through s3")
    assert s3.get_object(Bucket="api", Key="v1/file.txt")["Body"].read() == b"through s3"
    got = api.call("GET", "/repositories/api/refs/v1/objects", path="file.txt")
    assert got.data == b"through s3"
