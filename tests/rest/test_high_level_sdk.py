"""The flows the lakeFS documentation teaches with the high-level `lakefs` package, run unchanged
against Tarn's REST API."""
import os

import lakefs
import pytest
from lakefs.exceptions import (ConflictException, NotAuthorizedException, NotFoundException, ObjectExistsException,
                               ObjectNotFoundException, BadRequestException)

from restutil import unique_name


def test_the_client_reads_the_server_version_and_storage_configuration(client):
    assert client.version
    storage = client.storage_config
    assert storage.blockstore_type == "local"
    assert storage.pre_sign_support is False


def test_the_documented_quickstart_with_a_client_from_the_environment(tarn, monkeypatch):
    # The documentation's flow uses the default client, configured by lakectl's environment variables.
    monkeypatch.setenv("LAKECTL_SERVER_ENDPOINT_URL", tarn.endpoint)
    monkeypatch.setenv("LAKECTL_CREDENTIALS_ACCESS_KEY_ID", tarn.key)
    monkeypatch.setenv("LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY", tarn.secret)
    monkeypatch.setattr(lakefs.client._BaseLakeFSObject, "_BaseLakeFSObject__client", None)
    name = unique_name()
    repo = lakefs.repository(name).create(storage_namespace=f"local://{name}")
    branch1 = lakefs.repository(name).branch("experiment1").create(source_reference="main")
    assert "experiment1" in [b.id for b in lakefs.repository(name).branches()]
    obj = branch1.object(path="text/sample_data.txt").upload(content_type="text/plain", data="This is my object data")
    with obj.reader(mode="r") as f:
        assert f.read() == "This is my object data"
    main = repo.branch("main")
    ref = branch1.commit(message="Add some data!", metadata={"using": "python_sdk"})
    assert ref.get_commit().metadata == {"using": "python_sdk"}
    assert [(d.type, d.path) for d in main.diff(other_ref=branch1)] == [("added", "text/sample_data.txt")]
    branch1.merge_into(main)
    assert main.object("text/sample_data.txt").reader().read() == b"This is my object data"
    tag = lakefs.repository(name).tag("v1.0").create(main)
    assert tag.get_commit().id == main.get_commit().id


def test_a_repository_is_created_read_listed_and_deleted(client):
    name = unique_name()
    repo = lakefs.Repository(name, client=client).create(storage_namespace=f"local://{name}", default_branch="trunk")
    props = lakefs.Repository(name, client=client).properties
    assert (props.id, props.default_branch, props.storage_namespace) == (name, "trunk", f"local://{name}")
    assert repo.metadata == {}
    assert name in [r.id for r in lakefs.repositories(client=client, prefix=name[:8])]
    repo.delete()
    with pytest.raises(NotFoundException):
        lakefs.Repository(name, client=client).properties  # noqa: B018 (the property reads the server)


def test_creating_an_existing_repository_conflicts_unless_exist_ok(client, repo):
    again = lakefs.Repository(repo.id, client=client)
    with pytest.raises(ConflictException):
        again.create(storage_namespace=f"local://{repo.id}-other")
    assert again.create(storage_namespace=f"local://{repo.id}-other", exist_ok=True).properties.id == repo.id


def test_upload_then_read_stat_and_exists(repo):
    branch = repo.branch("main")
    data = bytes(range(256)) * 4000
    obj = branch.object("data/blob.bin").upload(data, mode="wb", content_type="application/x-test", metadata={"owner": "tests"})
    stat = obj.stat()
    assert stat.size_bytes == len(data)
    assert stat.content_type == "application/x-test"
    assert stat.metadata == {"owner": "tests"}
    assert stat.physical_address.startswith(f"local://{repo.id}/")
    assert obj.exists()
    assert not branch.object("data/missing").exists()
    with obj.reader() as r:
        assert r.read() == data


def test_the_reader_seeks_reads_ranges_and_lines(repo):
    obj = repo.branch("main").object("lines.txt").upload("first\nsecond\nthird\n")
    with obj.reader(mode="r") as r:
        r.seek(6)
        assert r.read(6) == "second"
        r.seek(-6, os.SEEK_END)
        assert r.read() == "third\n"
        assert r.read() == ""  # at the end: the server answers 416 and the reader reports no more bytes
    with obj.reader(mode="r") as r:
        assert [line for line in r] == ["first\n", "second\n", "third\n"]


def test_an_empty_object_reads_as_empty(repo):
    obj = repo.branch("main").object("empty").upload(b"")
    assert obj.stat().size_bytes == 0
    with obj.reader() as r:
        assert r.read() == b""
        assert r.read(10) == b""


def test_the_writer_streams_what_it_is_given(repo):
    obj = repo.branch("main").object("written.csv")
    with obj.writer(mode="w", content_type="text/csv") as w:
        w.write("a,b\n")
        w.write("1,2\n")
    assert obj.reader(mode="r").read() == "a,b\n1,2\n"
    assert obj.stat().content_type == "text/csv"


def test_exclusive_creation_refuses_an_existing_object(repo):
    obj = repo.branch("main").object("once.txt").upload("1", mode="x")
    with pytest.raises(ObjectExistsException):
        obj.upload("2", mode="x")
    assert obj.reader(mode="r").read() == "1"


def test_a_missing_object_is_object_not_found(repo):
    with pytest.raises(ObjectNotFoundException):
        repo.branch("main").object("nothing/here").stat()
    with pytest.raises(ObjectNotFoundException):
        repo.branch("main").object("nothing/here").reader().read()


def test_commit_then_log_and_get_commit(repo):
    main = repo.branch("main")
    main.object("a").upload("a")
    first = main.commit("add a", metadata={"k": "v"})
    main.object("b").upload("b")
    main.commit("add b")
    messages = [c.message for c in main.log()]
    assert messages[:2] == ["add b", "add a"]
    assert [c.message for c in main.log(max_amount=1)] == ["add b"]
    commit = first.get_commit()
    assert commit.message == "add a" and commit.metadata == {"k": "v"} and commit.committer == "admin"
    assert main.head.get_commit().message == "add b"


def test_committing_nothing_is_a_bad_request(repo):
    with pytest.raises(BadRequestException):
        repo.branch("main").commit("nothing staged")


def test_objects_list_with_prefix_delimiter_and_max_amount(repo):
    main = repo.branch("main")
    for path in ["a/1", "a/2", "b/1", "c"]:
        main.object(path).upload(path)
    assert [o.path for o in main.objects()] == ["a/1", "a/2", "b/1", "c"]
    assert [o.path for o in main.objects(prefix="a/")] == ["a/1", "a/2"]
    listed = list(main.objects(delimiter="/"))
    assert [(type(o).__name__, o.path) for o in listed] == [("CommonPrefix", "a/"), ("CommonPrefix", "b/"), ("ObjectInfo", "c")]
    assert [o.path for o in main.objects(max_amount=3)] == ["a/1", "a/2", "b/1"]
    assert [o.path for o in main.objects(after="a/2")] == ["b/1", "c"]


def test_listings_page_through_many_items(repo):
    main = repo.branch("main")
    for i in range(5):
        main.object(f"p/{i}").upload(str(i))
    # amount=2 makes the SDK follow next_offset across three pages.
    assert [o.path for o in main.objects(amount=2)] == [f"p/{i}" for i in range(5)]


def test_branches_are_created_listed_and_deleted(client, repo):
    feature = repo.branch("feature").create("main")
    assert feature.head.id == repo.branch("main").head.id
    assert [b.id for b in repo.branches()] == ["feature", "main"]
    with pytest.raises(ConflictException):
        repo.branch("feature").create("main")
    repo.branch("feature").create("main", exist_ok=True)
    feature.delete()
    assert [b.id for b in repo.branches()] == ["main"]
    with pytest.raises(NotFoundException):
        repo.branch("feature").head  # noqa: B018


def test_diff_between_refs_and_uncommitted_changes(repo):
    main = repo.branch("main")
    main.object("keep").upload("k")
    main.object("change").upload("1")
    main.object("drop").upload("d")
    main.commit("base")
    dev = repo.branch("dev").create(main)
    dev.object("change").upload("2")
    dev.object("drop").delete()
    dev.object("new").upload("n")
    assert sorted((c.type, c.path) for c in dev.uncommitted()) == [("added", "new"), ("changed", "change"), ("removed", "drop")]
    dev.commit("work")
    assert sorted((c.type, c.path) for c in main.diff(dev)) == [("added", "new"), ("changed", "change"), ("removed", "drop")]
    assert list(dev.uncommitted()) == []


def test_merge_into_writes_a_merge_commit(repo):
    main = repo.branch("main")
    dev = repo.branch("dev").create(main)
    dev.object("x").upload("x")
    dev.commit("x on dev")
    merged = dev.merge_into(main, message="bring x")
    commit = repo.commit(merged).get_commit()
    assert commit.message == "bring x"
    assert len(commit.parents) == 2
    assert main.object("x").reader().read() == b"x"


def test_a_conflicting_merge_raises_the_conflict_exception_with_every_path(repo):
    main = repo.branch("main")
    main.object("one").upload("base")
    main.object("two").upload("base")
    main.commit("base")
    dev = repo.branch("dev").create(main)
    for path in ("one", "two"):
        dev.object(path).upload("dev")
        main.object(path).upload("main")
    dev.commit("dev edits")
    main.commit("main edits")
    with pytest.raises(ConflictException) as e:
        dev.merge_into(main)
    assert e.value.status_code == 409
    assert sorted(c["path"] for c in e.value.body["conflicts"]) == ["one", "two"]
    assert "2 conflicts" in e.value.body["message"]
    merged = dev.merge_into(main, strategy="source-wins")
    assert repo.commit(merged).object("one").reader().read() == b"dev"


def test_tags_are_created_read_listed_and_deleted(repo):
    main = repo.branch("main")
    main.object("v").upload("1")
    main.commit("one")
    tag = repo.tag("v1").create(main)
    assert tag.get_commit().id == main.get_commit().id
    main.object("v").upload("2")
    main.commit("two")
    assert tag.object("v").reader().read() == b"1"
    assert [t.id for t in repo.tags()] == ["v1"]
    with pytest.raises(ConflictException):
        repo.tag("v1").create(main)
    tag.delete()
    assert list(repo.tags()) == []


def test_revert_undoes_a_commit(repo):
    main = repo.branch("main")
    main.object("f").upload("1")
    main.commit("one")
    main.object("f").upload("2")
    bad = main.commit("two")
    reverted = main.revert(bad)
    assert reverted.message.startswith("Revert ")
    assert main.object("f").reader().read() == b"1"


def test_cherry_pick_applies_one_commit(repo):
    main = repo.branch("main")
    main.object("base").upload("b")
    main.commit("base")
    dev = repo.branch("dev").create(main)
    dev.object("wanted").upload("w")
    wanted = dev.commit("wanted")
    dev.object("unwanted").upload("u")
    dev.commit("unwanted")
    picked = main.cherry_pick(wanted)
    assert picked.parents == [main.get_commit().parents[0]]
    assert main.object("wanted").exists()
    assert not main.object("unwanted").exists()


def test_reset_changes_drops_an_object_a_prefix_or_everything(repo):
    main = repo.branch("main")
    for path in ["keep", "dir/a", "dir/b", "other"]:
        main.object(path).upload(path)
    main.reset_changes(path_type="object", path="other")
    assert sorted(c.path for c in main.uncommitted()) == ["dir/a", "dir/b", "keep"]
    main.reset_changes(path_type="common_prefix", path="dir/")
    assert [c.path for c in main.uncommitted()] == ["keep"]
    main.reset_changes()
    assert list(main.uncommitted()) == []


def test_delete_objects_in_one_call(repo):
    main = repo.branch("main")
    for i in range(3):
        main.object(f"d/{i}").upload("x")
    main.delete_objects(["d/0", "d/1", "never/existed"])
    assert [o.path for o in main.objects()] == ["d/2"]


def test_deleting_a_missing_object_is_not_found(repo):
    with pytest.raises(ObjectNotFoundException):
        repo.branch("main").object("ghost").delete()


def test_copy_an_object_to_another_branch(repo):
    main = repo.branch("main")
    main.object("src.txt").upload("payload", content_type="text/plain")
    repo.branch("dev").create(main)
    copy = main.object("src.txt").copy("dev", "copied/src.txt")
    assert copy.reader().read() == b"payload"
    assert copy.stat().content_type == "text/plain"


def test_a_transaction_commits_and_merges_back(repo):
    main = repo.branch("main")
    with main.transact(commit_message="transaction") as tx:
        tx.object("tx/file").upload("in a transaction")
    assert main.object("tx/file").reader().read() == b"in a transaction"
    assert [b.id for b in repo.branches()] == ["main"]


def test_wrong_credentials_are_not_authorized(tarn):
    wrong = lakefs.Client(host=tarn.endpoint, username=tarn.key, password="not-the-secret")
    with pytest.raises(NotAuthorizedException):
        list(lakefs.repositories(client=wrong))
    with pytest.raises(NotAuthorizedException):
        wrong.version  # noqa: B018


def test_unknown_repository_branch_and_ref_are_not_found(client, repo):
    with pytest.raises(NotFoundException):
        list(lakefs.Repository("no-such-repo", client=client).branches())
    with pytest.raises(NotFoundException):
        repo.branch("nope").get_commit()
    with pytest.raises(NotFoundException):
        list(repo.ref("nope").log())


def test_invalid_names_are_bad_requests(client, repo):
    import pydantic
    with pytest.raises(BadRequestException):
        repo.branch("bad name").create("main")
    with pytest.raises(BadRequestException):
        repo.tag("bad~tag").create("main")
    # The SDK checks a repository name itself before it sends anything.
    with pytest.raises((pydantic.ValidationError, ValueError)):
        lakefs.Repository("Bad_Name", client=client).create(storage_namespace="local://x")
