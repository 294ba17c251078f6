"""Users, access keys and per-repository permissions: the admin manages them with the generated SDK's
AuthApi (and Tarn's permissions endpoint over plain HTTP), and the same permissions hold for the
REST API (both SDKs) and the S3 gateway (boto3)."""

import boto3
import botocore.config
import lakefs
import lakefs_sdk
import pytest
from botocore.exceptions import ClientError
from lakefs_sdk.client import LakeFSClient
from lakefs_sdk.models import UserCreation

from restutil import unique_name


def call(tarn, method, path, key, secret, body=None):
    return tarn.call_api(method, path, body, key, secret)


def admin_call(tarn, method, path, body=None):
    return tarn.call_api(method, path, body)


def grant(tarn, user, repository, permission):
    status, body = admin_call(tarn, "PUT", f"/auth/users/{user}/permissions/{repository}", {"permission": permission})
    assert status == 200, body
    return body


def s3_client(tarn, key, secret):
    return boto3.client("s3", endpoint_url=tarn.endpoint, aws_access_key_id=key, aws_secret_access_key=secret,
                        region_name="us-east-1", config=botocore.config.Config(s3={"addressing_style": "path"}))


def s3_error(excinfo):
    return excinfo.value.response["Error"]["Code"]


@pytest.fixture
def user(sdk, tarn):
    """A fresh non-admin user with one access key: (user id, key id, secret)."""
    user_id = unique_name("user")
    created = sdk.auth_api.create_user(UserCreation(id=user_id))
    assert created.id == user_id
    credentials = sdk.auth_api.create_credentials(user_id)
    yield user_id, credentials.access_key_id, credentials.secret_access_key
    status, _ = admin_call(tarn, "DELETE", f"/auth/users/{user_id}")
    assert status in (204, 404)


@pytest.fixture
def user_sdk(tarn, user):
    _, key, secret = user
    return LakeFSClient(lakefs_sdk.Configuration(host=tarn.endpoint, username=key, password=secret))


@pytest.fixture
def user_client(tarn, user):
    _, key, secret = user
    return lakefs.Client(host=tarn.endpoint, username=key, password=secret)


def test_the_admin_creates_lists_and_deletes_users_and_their_keys(sdk, tarn):
    user_id = unique_name("user")
    sdk.auth_api.create_user(UserCreation(id=user_id))
    assert user_id in [u.id for u in sdk.auth_api.list_users(amount=1000).results]
    assert sdk.auth_api.get_user(user_id).id == user_id

    first = sdk.auth_api.create_credentials(user_id)
    second = sdk.auth_api.create_credentials(user_id)
    assert first.secret_access_key and first.access_key_id != second.access_key_id
    listed = sdk.auth_api.list_user_credentials(user_id).results
    assert sorted(c.access_key_id for c in listed) == sorted([first.access_key_id, second.access_key_id])
    assert sdk.auth_api.get_credentials(user_id, first.access_key_id).access_key_id == first.access_key_id

    sdk.auth_api.delete_credentials(user_id, first.access_key_id)
    assert [c.access_key_id for c in sdk.auth_api.list_user_credentials(user_id).results] == [second.access_key_id]
    status, _ = call(tarn, "GET", "/user", first.access_key_id, first.secret_access_key)
    assert status == 401

    sdk.auth_api.delete_user(user_id)
    with pytest.raises(lakefs_sdk.exceptions.NotFoundException):
        sdk.auth_api.get_user(user_id)
    status, _ = call(tarn, "GET", "/user", second.access_key_id, second.secret_access_key)
    assert status == 401, "a deleted user's keys must stop working"


def test_a_new_key_authenticates_as_its_user(tarn, user, user_sdk):
    user_id, _, _ = user
    assert user_sdk.auth_api.get_current_user().user.id == user_id


def test_user_management_errors_name_the_value(sdk, tarn, user):
    user_id, _, _ = user
    with pytest.raises(lakefs_sdk.exceptions.ApiException) as conflict:
        sdk.auth_api.create_user(UserCreation(id=user_id))
    assert conflict.value.status == 409 and user_id in conflict.value.body
    status, body = admin_call(tarn, "POST", "/auth/users", {"id": "has space"})
    assert status == 400 and "has space" in body["message"]
    status, body = admin_call(tarn, "POST", "/auth/users", {})
    assert status == 400 and "id" in body["message"]
    status, body = admin_call(tarn, "PUT", f"/auth/users/{user_id}/permissions/some-repo", {"permission": "owner"})
    assert status == 400 and "owner" in body["message"]
    status, body = admin_call(tarn, "PUT", f"/auth/users/{user_id}/permissions/Not_A_Repo", {"permission": "read"})
    assert status == 400 and "Not_A_Repo" in body["message"]
    status, body = admin_call(tarn, "PUT", "/auth/users/nobody-here/permissions/some-repo", {"permission": "read"})
    assert status == 404 and "nobody-here" in body["message"]


def test_without_a_permission_a_user_sees_no_repository_in_either_api(tarn, repo, user, user_sdk):
    _, key, secret = user
    assert repo.id not in [r.id for r in user_sdk.repositories_api.list_repositories(amount=1000).results]
    with pytest.raises(lakefs_sdk.exceptions.UnauthorizedException) as denied:
        user_sdk.repositories_api.get_repository(repo.id)
    assert "insufficient permissions" in denied.value.body and repo.id in denied.value.body
    s3 = s3_client(tarn, key, secret)
    assert repo.id not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    with pytest.raises(ClientError) as s3_denied:
        s3.get_object(Bucket=repo.id, Key="main/anything")
    assert s3_error(s3_denied) == "AccessDenied"


def test_read_permission_reads_everywhere_and_writes_nowhere(tarn, repo, user, user_client):
    user_id, key, secret = user
    main = repo.branch("main")
    main.object("data/a.csv").upload("x,y\n1,2\n")
    main.commit("add a.csv")
    grant(tarn, user_id, repo.id, "read")

    mine = lakefs.Repository(repo.id, client=user_client)
    assert mine.branch("main").object("data/a.csv").reader(mode="r").read() == "x,y\n1,2\n"
    assert [c.message for c in mine.branch("main").log(max_amount=1)] == ["add a.csv"]
    with pytest.raises(lakefs.exceptions.NotAuthorizedException):
        mine.branch("main").object("data/b.csv").upload("nope")
    with pytest.raises(lakefs.exceptions.NotAuthorizedException):
        mine.branch("feature").create("main")

    s3 = s3_client(tarn, key, secret)
    assert s3.get_object(Bucket=repo.id, Key="main/data/a.csv")["Body"].read() == b"x,y\n1,2\n"
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=repo.id, Prefix="main/")["Contents"]] == ["main/data/a.csv"]
    with pytest.raises(ClientError) as put:
        s3.put_object(Bucket=repo.id, Key="main/data/b.csv", Body=b"nope")
    assert s3_error(put) == "AccessDenied" and user_id in put.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as delete:
        s3.delete_object(Bucket=repo.id, Key="main/data/a.csv")
    assert s3_error(delete) == "AccessDenied"
    assert not list(repo.branch("main").uncommitted()), "a refused write must leave nothing staged"


def test_write_permission_writes_commits_and_merges_but_cannot_delete_the_repository(tarn, repo, user, user_client):
    user_id, key, secret = user
    grant(tarn, user_id, repo.id, "write")
    mine = lakefs.Repository(repo.id, client=user_client)
    feature = mine.branch("feature").create("main")
    feature.object("data/c.csv").upload("c\n")
    feature.commit("add c")
    feature.merge_into(mine.branch("main"))

    s3 = s3_client(tarn, key, secret)
    s3.put_object(Bucket=repo.id, Key="main/data/d.csv", Body=b"d\n")
    s3.copy_object(Bucket=repo.id, Key="main/data/e.csv", CopySource={"Bucket": repo.id, "Key": "main/data/c.csv"})
    assert s3.get_object(Bucket=repo.id, Key="main/data/e.csv")["Body"].read() == b"c\n"

    with pytest.raises(lakefs.exceptions.NotAuthorizedException):
        mine.delete()
    with pytest.raises(ClientError) as s3_delete:
        s3.delete_bucket(Bucket=repo.id)
    assert s3_error(s3_delete) == "AccessDenied"
    assert repo.properties.id == repo.id, "the repository must still be there"


def test_a_copy_needs_read_permission_on_its_source(tarn, client, user):
    user_id, key, secret = user
    source = lakefs.Repository(unique_name(), client=client).create(storage_namespace=f"local://{unique_name('ns')}")
    target = lakefs.Repository(unique_name(), client=client).create(storage_namespace=f"local://{unique_name('ns')}")
    source.branch("main").object("secret.txt").upload("classified")
    grant(tarn, user_id, target.id, "write")
    s3 = s3_client(tarn, key, secret)
    with pytest.raises(ClientError) as denied:
        s3.copy_object(Bucket=target.id, Key="main/stolen.txt", CopySource={"Bucket": source.id, "Key": "main/secret.txt"})
    assert s3_error(denied) == "AccessDenied" and source.id in denied.value.response["Error"]["Message"]
    grant(tarn, user_id, source.id, "read")
    s3.copy_object(Bucket=target.id, Key="main/copied.txt", CopySource={"Bucket": source.id, "Key": "main/secret.txt"})
    assert s3.get_object(Bucket=target.id, Key="main/copied.txt")["Body"].read() == b"classified"


def test_admin_permission_creates_and_deletes_its_repository_only(tarn, user, user_client):
    user_id, key, secret = user
    name = unique_name()
    grant(tarn, user_id, name, "admin")
    created = lakefs.Repository(name, client=user_client).create(storage_namespace=f"local://{unique_name('ns')}")
    assert created.properties.id == name
    with pytest.raises(lakefs.exceptions.NotAuthorizedException):
        lakefs.Repository(unique_name(), client=user_client).create(storage_namespace=f"local://{unique_name('ns')}")
    s3 = s3_client(tarn, key, secret)
    with pytest.raises(ClientError) as denied:
        s3.create_bucket(Bucket=unique_name())
    assert s3_error(denied) == "AccessDenied"
    created.delete()


def test_a_grant_on_every_repository_and_its_revocation_take_effect_at_once(tarn, repo, user, user_sdk):
    user_id, key, secret = user
    grant(tarn, user_id, "*", "read")
    assert repo.id in [r.id for r in user_sdk.repositories_api.list_repositories(amount=1000).results]
    s3 = s3_client(tarn, key, secret)
    assert repo.id in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    status, body = admin_call(tarn, "GET", f"/auth/users/{user_id}/permissions")
    assert status == 200 and body["results"] == [{"repository": "*", "permission": "read"}]

    status, _ = admin_call(tarn, "DELETE", f"/auth/users/{user_id}/permissions/*")
    assert status == 204
    with pytest.raises(ClientError) as denied:
        s3.list_objects_v2(Bucket=repo.id)
    assert s3_error(denied) == "AccessDenied"


def test_only_superusers_manage_users_and_a_user_manages_its_own_keys(tarn, user, user_sdk):
    user_id, key, secret = user
    with pytest.raises(lakefs_sdk.exceptions.UnauthorizedException):
        user_sdk.auth_api.list_users()
    with pytest.raises(lakefs_sdk.exceptions.UnauthorizedException):
        user_sdk.auth_api.create_user(UserCreation(id=unique_name("user")))
    status, body = call(tarn, "PUT", f"/auth/users/{user_id}/permissions/any-repo", key, secret, {"permission": "admin"})
    assert status == 401 and "superuser" in body["message"]

    extra = user_sdk.auth_api.create_credentials(user_id)
    assert len(user_sdk.auth_api.list_user_credentials(user_id).results) == 2
    status, body = call(tarn, "DELETE", f"/auth/users/{user_id}/credentials/{key}", key, secret)
    assert status == 400 and key in body["message"], "the key signing the request cannot delete itself"
    user_sdk.auth_api.delete_credentials(user_id, extra.access_key_id)


def test_a_superuser_created_by_the_admin_can_manage_users(tarn):
    name = unique_name("root")
    status, body = admin_call(tarn, "POST", "/auth/users", {"id": name, "superuser": True})
    assert status == 201 and body["id"] == name
    status, key = admin_call(tarn, "POST", f"/auth/users/{name}/credentials")
    assert status == 201
    status, users = call(tarn, "GET", "/auth/users?amount=1000", key["access_key_id"], key["secret_access_key"])
    assert status == 200 and name in [u["id"] for u in users["results"]]
    status, _ = admin_call(tarn, "DELETE", f"/auth/users/{name}")
    assert status == 204
