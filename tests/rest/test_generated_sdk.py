"""The generated `lakefs_sdk` client against Tarn: its README's flow, then each API it offers that
Tarn implements, called as its documentation shows."""
import datetime
import json

import pytest
from lakefs_sdk.exceptions import ApiException, NotFoundException, UnauthorizedException, BadRequestException
from lakefs_sdk.models import (BranchCreation, CherryPickCreation, CommitCreation, Merge, ObjectCopyCreation, PathList,
                               RepositoryCreation, ResetCreation, RevertCreation, TagCreation)
import lakefs_sdk
from lakefs_sdk.client import LakeFSClient

from restutil import unique_name


@pytest.fixture
def repo_name(sdk):
    name = unique_name()
    sdk.repositories_api.create_repository(RepositoryCreation(name=name, storage_namespace=f"local://{name}"))
    return name


def commit(sdk, repo, branch, message, **metadata):
    return sdk.commits_api.commit(repo, branch, CommitCreation(message=message, metadata=metadata))


def test_start_up_calls_answer(sdk):
    sdk.health_check_api.health_check()
    assert sdk.internal_api.get_setup_state().state == "initialized"
    assert sdk.internal_api.get_lake_fs_version().version
    assert sdk.auth_api.get_current_user().user.id == "admin"
    config = sdk.config_api.get_config()
    assert config.storage_config.blockstore_type == "local"
    assert config.version_config.version == sdk.internal_api.get_lake_fs_version().version
    assert sdk.internal_api.get_storage_config().pre_sign_support is False


def test_the_readme_flow(sdk):
    name = unique_name()
    repo = sdk.repositories_api.create_repository(RepositoryCreation(name=name, storage_namespace=f"local://{name}"))
    assert (repo.id, repo.default_branch) == (name, "main")
    head = sdk.branches_api.create_branch(repository=name, branch_creation=BranchCreation(name="experiment", source="main"))
    assert head == sdk.branches_api.get_branch(name, "main").commit_id
    assert [b.id for b in sdk.branches_api.list_branches(repository=name).results] == ["experiment", "main"]
    stats = sdk.objects_api.upload_object(repository=name, branch="experiment", path="path/to/file.csv", content=b"a,b\n1,2\n")
    assert (stats.path, stats.size_bytes, stats.path_type) == ("path/to/file.csv", 8, "object")
    assert [(d.type, d.path) for d in sdk.branches_api.diff_branch(repository=name, branch="experiment").results] == [
        ("added", "path/to/file.csv")]
    made = commit(sdk, name, "experiment", "Added a CSV", source="readme")
    assert made.metadata == {"source": "readme"} and made.committer == "admin"
    diff = sdk.refs_api.diff_refs(repository=name, left_ref="main", right_ref="experiment").results
    assert [(d.type, d.path, d.size_bytes) for d in diff] == [("added", "path/to/file.csv", 8)]
    merged = sdk.refs_api.merge_into_branch(repository=name, source_ref="experiment", destination_branch="main")
    assert sdk.branches_api.get_branch(name, "main").commit_id == merged.reference
    assert bytes(sdk.objects_api.get_object(name, "main", "path/to/file.csv")) == b"a,b\n1,2\n"


def test_get_object_with_a_range_is_partial_content(sdk, repo_name):
    sdk.objects_api.upload_object(repo_name, "main", "r", content=b"0123456789")
    response = sdk.objects_api.get_object_with_http_info(repo_name, "main", "r", range="bytes=2-4")
    assert response.status_code == 206
    assert bytes(response.data) == b"234"
    assert response.headers["Content-Range"] == "bytes 2-4/10"
    with pytest.raises(ApiException) as e:
        sdk.objects_api.get_object(repo_name, "main", "r", range="bytes=20-")
    assert e.value.status == 416
    assert e.value.headers["Content-Range"] == "bytes */10"


def test_head_and_stat_an_object(sdk, repo_name):
    sdk.objects_api.upload_object(repo_name, "main", "h", content=b"abc")
    response = sdk.objects_api.head_object_with_http_info(repo_name, "main", "h")
    assert response.status_code == 200 and response.headers["Content-Length"] == "3"
    stat = sdk.objects_api.stat_object(repo_name, "main", "h")
    assert stat.size_bytes == 3 and stat.checksum == "900150983cd24fb0d6963f7d28e17f72"
    with pytest.raises(NotFoundException):
        sdk.objects_api.head_object(repo_name, "main", "missing")


def test_listings_page_with_amount_and_after(sdk):
    prefix = unique_name("page")
    names = [f"{prefix}-{i}" for i in range(3)]
    for n in names:
        sdk.repositories_api.create_repository(RepositoryCreation(name=n, storage_namespace=f"local://{n}"))
    first = sdk.repositories_api.list_repositories(prefix=prefix, amount=2)
    assert [r.id for r in first.results] == names[:2]
    assert first.pagination.has_more and first.pagination.next_offset == names[1] and first.pagination.max_per_page == 1000
    rest = sdk.repositories_api.list_repositories(prefix=prefix, amount=2, after=first.pagination.next_offset)
    assert [r.id for r in rest.results] == names[2:]
    assert not rest.pagination.has_more and rest.pagination.next_offset == ""


def test_list_objects_pages_and_rolls_up_prefixes(sdk, repo_name):
    for path in ["a/1", "a/2", "b", "c/1"]:
        sdk.objects_api.upload_object(repo_name, "main", path, content=b"x")
    page = sdk.objects_api.list_objects(repo_name, "main", delimiter="/", amount=2)
    assert [(o.path, o.path_type) for o in page.results] == [("a/", "common_prefix"), ("b", "object")]
    rest = sdk.objects_api.list_objects(repo_name, "main", delimiter="/", after=page.pagination.next_offset)
    assert [(o.path, o.path_type) for o in rest.results] == [("c/", "common_prefix")]


def test_log_filters_by_object_prefix_first_parent_and_stop_at(sdk, repo_name):
    sdk.objects_api.upload_object(repo_name, "main", "data/a", content=b"1")
    first = commit(sdk, repo_name, "main", "data a")
    sdk.objects_api.upload_object(repo_name, "main", "other", content=b"1")
    commit(sdk, repo_name, "main", "other")
    sdk.objects_api.upload_object(repo_name, "main", "data/b", content=b"1")
    third = commit(sdk, repo_name, "main", "data b")
    log = sdk.refs_api.log_commits
    assert [c.message for c in log(repo_name, "main", objects=["other"]).results] == ["other"]
    assert [c.message for c in log(repo_name, "main", prefixes=["data/"]).results] == ["data b", "data a"]
    # As in lakeFS, a prefix need not end at a '/': "dat" covers data/a and data/b.
    assert [c.message for c in log(repo_name, "main", prefixes=["dat"]).results] == ["data b", "data a"]
    assert [c.message for c in log(repo_name, "main", stop_at=first.id).results] == ["data b", "other", "data a"]
    assert [c.id for c in log(repo_name, "main", amount=1).results] == [third.id]
    page = log(repo_name, "main", amount=1)
    assert page.pagination.has_more and page.pagination.next_offset == third.id
    later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    assert log(repo_name, "main", since=later).results == []
    assert len(log(repo_name, "main", first_parent=True).results) == 4


def test_a_conflicting_merge_is_409_listing_every_path(sdk, repo_name):
    for path in ("x", "y", "z"):
        sdk.objects_api.upload_object(repo_name, "main", path, content=b"base")
    commit(sdk, repo_name, "main", "base")
    sdk.branches_api.create_branch(repo_name, BranchCreation(name="dev", source="main"))
    for path in ("x", "y"):
        sdk.objects_api.upload_object(repo_name, "dev", path, content=b"dev")
        sdk.objects_api.upload_object(repo_name, "main", path, content=b"main")
    sdk.objects_api.delete_object(repo_name, "dev", "z")
    sdk.objects_api.upload_object(repo_name, "main", "z", content=b"main")
    commit(sdk, repo_name, "dev", "dev")
    commit(sdk, repo_name, "main", "main")
    with pytest.raises(ApiException) as e:
        sdk.refs_api.merge_into_branch(repo_name, "dev", "main", merge=Merge(message="try"))
    assert e.value.status == 409
    body = json.loads(e.value.body)
    assert sorted((c["path"], c["type"]) for c in body["conflicts"]) == [
        ("x", "changed_on_both"), ("y", "changed_on_both"), ("z", "removed_in_source")]
    merged = sdk.refs_api.merge_into_branch(repo_name, "dev", "main", merge=Merge(strategy="source-wins"))
    assert bytes(sdk.objects_api.get_object(repo_name, merged.reference, "x")) == b"dev"
    with pytest.raises(NotFoundException):
        sdk.objects_api.stat_object(repo_name, "main", "z")


def test_find_merge_base(sdk, repo_name):
    base = sdk.branches_api.get_branch(repo_name, "main").commit_id
    sdk.branches_api.create_branch(repo_name, BranchCreation(name="dev", source="main"))
    sdk.objects_api.upload_object(repo_name, "dev", "f", content=b"f")
    dev = commit(sdk, repo_name, "dev", "f")
    result = sdk.refs_api.find_merge_base(repo_name, "dev", "main")
    assert (result.base_commit_id, result.source_commit_id, result.destination_commit_id) == (base, dev.id, base)


def test_tags_api(sdk, repo_name):
    head = sdk.branches_api.get_branch(repo_name, "main").commit_id
    created = sdk.tags_api.create_tag(repo_name, TagCreation(id="v1", ref="main"))
    assert (created.id, created.commit_id) == ("v1", head)
    assert sdk.tags_api.get_tag(repo_name, "v1").commit_id == head
    assert [t.id for t in sdk.tags_api.list_tags(repo_name).results] == ["v1"]
    sdk.tags_api.delete_tag(repo_name, "v1")
    with pytest.raises(NotFoundException):
        sdk.tags_api.get_tag(repo_name, "v1")


def test_revert_cherry_pick_and_reset(sdk, repo_name):
    sdk.objects_api.upload_object(repo_name, "main", "f", content=b"1")
    commit(sdk, repo_name, "main", "one")
    sdk.objects_api.upload_object(repo_name, "main", "f", content=b"2")
    two = commit(sdk, repo_name, "main", "two")
    sdk.branches_api.revert_branch(repo_name, "main", RevertCreation(ref=two.id, parent_number=0))
    assert bytes(sdk.objects_api.get_object(repo_name, "main", "f")) == b"1"
    picked = sdk.branches_api.cherry_pick(repo_name, "main", CherryPickCreation(ref=two.id))
    assert picked.id == sdk.branches_api.get_branch(repo_name, "main").commit_id
    assert bytes(sdk.objects_api.get_object(repo_name, "main", "f")) == b"2"
    sdk.objects_api.upload_object(repo_name, "main", "staged", content=b"s")
    sdk.branches_api.reset_branch(repo_name, "main", ResetCreation(type="reset"))
    assert sdk.branches_api.diff_branch(repo_name, "main").results == []


def test_copy_and_delete_objects(sdk, repo_name):
    sdk.objects_api.upload_object(repo_name, "main", "src", content=b"payload")
    copied = sdk.objects_api.copy_object(repo_name, "main", "dst", ObjectCopyCreation(src_path="src"))
    assert copied.path == "dst" and copied.size_bytes == 7
    assert bytes(sdk.objects_api.get_object(repo_name, "main", "dst")) == b"payload"
    errors = sdk.objects_api.delete_objects(repo_name, "main", PathList(paths=["src", "dst", "never"]))
    assert errors.errors == []
    assert sdk.objects_api.list_objects(repo_name, "main").results == []


def test_wrong_credentials_are_unauthorized(tarn):
    wrong = LakeFSClient(lakefs_sdk.Configuration(host=tarn.endpoint, username="AKNOTAKEY", password="nope"))
    with pytest.raises(UnauthorizedException) as e:
        wrong.repositories_api.list_repositories()
    assert json.loads(e.value.body) == {"message": "error authenticating request"}
    wrong.health_check_api.health_check()  # needs no credentials


def test_unknown_repository_and_bad_input(sdk, repo_name):
    with pytest.raises(NotFoundException) as e:
        sdk.repositories_api.get_repository("no-such-repository")
    assert "no-such-repository" in json.loads(e.value.body)["message"]
    with pytest.raises(NotFoundException):
        sdk.branches_api.create_branch(repo_name, BranchCreation(name="b", source="no-such-ref"))
    with pytest.raises(BadRequestException):
        sdk.refs_api.merge_into_branch(repo_name, "main", "main", merge=Merge(strategy="theirs"))
