"""Listing as programs page through it: 10,000 keys in pages of 1,000, start-after, markers,
URL-encoded keys, owners, and listings above and outside any one branch."""
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest

import s3util
from s3util import S3_NS

BIG = 10_000


@pytest.fixture(scope="module")
def client(tarn):
    return tarn.client(max_pool_connections=32)


@pytest.fixture(scope="module")
def big_bucket(client):
    """A bucket with 10,000 staged keys main/big/k-00000 … main/big/k-09999, plus two outside that prefix."""
    name = "big-" + s3util.uuid_hex()
    client.create_bucket(Bucket=name)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(lambda i: client.put_object(Bucket=name, Key=f"main/big/k-{i:05d}", Body=b"%d" % i), range(BIG)))
    client.put_object(Bucket=name, Key="main/after-big", Body=b"z")
    client.put_object(Bucket=name, Key="main/aa-before-big", Body=b"a")
    print(f"staged {BIG} keys in {time.monotonic() - started:.1f} s")
    return name


BIG_KEYS = [f"main/big/k-{i:05d}" for i in range(BIG)]


def test_10000_keys_page_through_list_objects_v2_in_pages_of_1000(client, big_bucket):
    pages = list(client.get_paginator("list_objects_v2").paginate(Bucket=big_bucket, Prefix="main/big/"))
    assert [len(p["Contents"]) for p in pages] == [1000] * 10
    assert [p["KeyCount"] for p in pages] == [1000] * 10
    assert [p["IsTruncated"] for p in pages] == [True] * 9 + [False]
    assert all(p["MaxKeys"] == 1000 for p in pages)
    assert [o["Key"] for p in pages for o in p["Contents"]] == BIG_KEYS
    assert all(o["Size"] == len(b"%d" % i) for i, o in enumerate(o for p in pages for o in p["Contents"]))


def test_10000_keys_page_through_list_objects_v1_with_markers(client, big_bucket):
    seen = []
    marker = ""
    pages = 0
    while True:
        page = client.list_objects(Bucket=big_bucket, Prefix="main/", Marker=marker)
        pages += 1
        seen += [o["Key"] for o in page.get("Contents", [])]
        if not page["IsTruncated"]:
            break
        marker = page.get("NextMarker") or page["Contents"][-1]["Key"]
    assert seen == ["main/aa-before-big", "main/after-big"] + BIG_KEYS
    assert pages == 11


def test_max_keys_above_1000_is_capped_at_1000(client, big_bucket):
    page = client.list_objects_v2(Bucket=big_bucket, Prefix="main/big/", MaxKeys=5000)
    assert len(page["Contents"]) == 1000
    assert page["IsTruncated"] is True
    assert page["NextContinuationToken"]


def test_start_after_in_the_middle_of_10000_keys(client, big_bucket):
    keys = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=big_bucket, Prefix="main/big/", StartAfter="main/big/k-07499"):
        assert page["StartAfter"] == "main/big/k-07499"
        keys += [o["Key"] for o in page.get("Contents", [])]
    assert keys == BIG_KEYS[7500:]


def test_a_whole_root_listing_without_delimiter_walks_into_the_branch(client, big_bucket):
    """No prefix, no delimiter: every object of every branch, with its ref in the key."""
    keys = [o["Key"] for p in client.get_paginator("list_objects_v2").paginate(Bucket=big_bucket) for o in p.get("Contents", [])]
    assert keys == ["main/aa-before-big", "main/after-big"] + BIG_KEYS


@pytest.fixture
def small_bucket(client):
    name = "ls-" + s3util.uuid_hex()
    client.create_bucket(Bucket=name)
    for k in ["main/a", "main/b/1", "main/b/2", "main/c/d/e", "main/f"]:
        client.put_object(Bucket=name, Key=k, Body=k.encode())
    return name


def test_start_after(client, small_bucket):
    page = client.list_objects_v2(Bucket=small_bucket, Prefix="main/", StartAfter="main/b/1")
    assert page["StartAfter"] == "main/b/1"
    assert [o["Key"] for o in page["Contents"]] == ["main/b/2", "main/c/d/e", "main/f"]
    # a start-after that is not a key starts at the next one
    page = client.list_objects_v2(Bucket=small_bucket, Prefix="main/", StartAfter="main/bz")
    assert [o["Key"] for o in page["Contents"]] == ["main/c/d/e", "main/f"]
    # past the end: nothing, and not truncated
    page = client.list_objects_v2(Bucket=small_bucket, Prefix="main/", StartAfter="main/zzz")
    assert page["KeyCount"] == 0 and "Contents" not in page and page["IsTruncated"] is False
    # before the prefix: the whole prefix
    page = client.list_objects_v2(Bucket=small_bucket, Prefix="main/b/", StartAfter="a")
    assert [o["Key"] for o in page["Contents"]] == ["main/b/1", "main/b/2"]
    # with a delimiter, a start-after inside a common prefix skips that prefix's rest
    page = client.list_objects_v2(Bucket=small_bucket, Prefix="main/", Delimiter="/", StartAfter="main/a")
    assert [o["Key"] for o in page["Contents"]] == ["main/f"]
    assert [p["Prefix"] for p in page["CommonPrefixes"]] == ["main/b/", "main/c/"]


def test_start_after_with_paging_keeps_going_from_the_token(client, small_bucket):
    first = client.list_objects_v2(Bucket=small_bucket, Prefix="main/", StartAfter="main/a", MaxKeys=2)
    assert [o["Key"] for o in first["Contents"]] == ["main/b/1", "main/b/2"]
    second = client.list_objects_v2(Bucket=small_bucket, Prefix="main/", StartAfter="main/a", MaxKeys=2,
                                    ContinuationToken=first["NextContinuationToken"])
    assert [o["Key"] for o in second["Contents"]] == ["main/c/d/e", "main/f"]
    assert second["IsTruncated"] is False
    assert second["ContinuationToken"] == first["NextContinuationToken"]


def test_fetch_owner(client, small_bucket, tarn):
    plain = client.list_objects_v2(Bucket=small_bucket, Prefix="main/")
    assert all("Owner" not in o for o in plain["Contents"])
    owned = client.list_objects_v2(Bucket=small_bucket, Prefix="main/", FetchOwner=True)
    assert len(owned["Contents"]) == 5
    assert all(o["Owner"]["ID"] == tarn.access_key for o in owned["Contents"])
    # ListObjects (v1) always names the owner
    v1 = client.list_objects(Bucket=small_bucket, Prefix="main/")
    assert all(o["Owner"]["ID"] == tarn.access_key for o in v1["Contents"])


SPECIAL = ["main/odd/a b.txt", "main/odd/amp&lt<gt>.txt", "main/odd/plus+sign", "main/odd/pct%41", "main/odd/q?x=1#h",
           "main/odd/quote\"'", "main/odd/tab\tkey", "main/odd/ünï/файл", "main/odd/日本語.txt", "main/odd/sp ace dir/x"]


@pytest.fixture
def odd_bucket(client):
    name = "odd-" + s3util.uuid_hex()
    client.create_bucket(Bucket=name)
    for k in SPECIAL:
        client.put_object(Bucket=name, Key=k, Body=k.encode())
    return name


def test_boto3_round_trips_special_characters_through_url_encoded_listings(client, odd_bucket):
    # boto3 asks for encoding-type=url and decodes the answer itself
    listing = client.list_objects_v2(Bucket=odd_bucket, Prefix="main/odd/")
    assert [o["Key"] for o in listing["Contents"]] == sorted(SPECIAL)
    v1 = client.list_objects(Bucket=odd_bucket, Prefix="main/odd/")
    assert [o["Key"] for o in v1["Contents"]] == sorted(SPECIAL)
    rolled = client.list_objects_v2(Bucket=odd_bucket, Prefix="main/odd/", Delimiter="/")
    assert [p["Prefix"] for p in rolled["CommonPrefixes"]] == ["main/odd/sp ace dir/", "main/odd/ünï/"]
    inside = client.list_objects_v2(Bucket=odd_bucket, Prefix="main/odd/sp ace dir/")
    assert [o["Key"] for o in inside["Contents"]] == ["main/odd/sp ace dir/x"]


def test_encoding_type_url_percent_encodes_every_key_and_prefix(tarn, odd_bucket):
    query = "delimiter=%2F&encoding-type=url&list-type=2&prefix=main%2Fodd%2F&start-after=main%2Fodd%2Fa%20b.txt"
    reply = s3util.request(tarn, "GET", f"/{odd_bucket}", query=query)
    assert reply.status == 200, reply
    root = reply.xml()
    assert root.findtext(f"{S3_NS}EncodingType") == "url"
    raw_keys = [c.findtext(f"{S3_NS}Key") for c in root.findall(f"{S3_NS}Contents")]
    raw_prefixes = [c.findtext(f"{S3_NS}Prefix") for c in root.findall(f"{S3_NS}CommonPrefixes")]
    # nothing that needs encoding is left as it is
    for raw in raw_keys + raw_prefixes + [root.findtext(f"{S3_NS}StartAfter"), root.findtext(f"{S3_NS}Prefix")]:
        assert not set(raw) & set(" &<>?#+\"'\t") and all(ord(ch) < 128 for ch in raw), raw
    assert [urllib.parse.unquote(k) for k in raw_keys] == sorted(k for k in SPECIAL if k.count("/") == 2 and k > "main/odd/a b.txt")
    assert [urllib.parse.unquote(p) for p in raw_prefixes] == ["main/odd/sp ace dir/", "main/odd/ünï/"]
    assert urllib.parse.unquote(root.findtext(f"{S3_NS}StartAfter")) == "main/odd/a b.txt"
    assert "main/odd/plus%2Bsign" in raw_keys and "main/odd/pct%2541" in raw_keys


def test_an_encoding_type_other_than_url_is_invalid_argument_naming_it(tarn, odd_bucket):
    reply = s3util.request(tarn, "GET", f"/{odd_bucket}", query="encoding-type=base64&list-type=2")
    assert reply.status == 400, reply
    assert reply.error()["Code"] == "InvalidArgument"
    assert "base64" in reply.error()["Message"]


def test_without_encoding_type_keys_are_escaped_xml(tarn, odd_bucket):
    reply = s3util.request(tarn, "GET", f"/{odd_bucket}", query="list-type=2&prefix=main%2Fodd%2F")
    assert reply.status == 200, reply
    root = reply.xml()
    assert root.find(f"{S3_NS}EncodingType") is None
    assert [c.findtext(f"{S3_NS}Key") for c in root.findall(f"{S3_NS}Contents")] == sorted(SPECIAL)


def test_listing_the_root_without_a_delimiter_lists_every_branchs_objects(client, small_bucket):
    everything = ["main/a", "main/b/1", "main/b/2", "main/c/d/e", "main/f"]
    assert [o["Key"] for o in client.list_objects_v2(Bucket=small_bucket)["Contents"]] == everything
    assert [o["Key"] for o in client.list_objects(Bucket=small_bucket)["Contents"]] == everything
    # in small pages, each key once and in order
    paged = [o["Key"] for p in client.get_paginator("list_objects_v2").paginate(Bucket=small_bucket, PaginationConfig={"PageSize": 2})
             for o in p.get("Contents", [])]
    assert paged == everything
    paged_v1 = [o["Key"] for p in client.get_paginator("list_objects").paginate(Bucket=small_bucket, PaginationConfig={"PageSize": 2})
                for o in p.get("Contents", [])]
    assert paged_v1 == everything
    # a prefix that is part of a branch name works at the branch level too
    assert [o["Key"] for o in client.list_objects_v2(Bucket=small_bucket, Prefix="ma")["Contents"]] == everything
    assert [o["Key"] for o in client.list_objects_v2(Bucket=small_bucket, Prefix="main")["Contents"]] == everything
    # and with the delimiter the branches are the common prefixes
    rolled = client.list_objects_v2(Bucket=small_bucket, Delimiter="/")
    assert "Contents" not in rolled and [p["Prefix"] for p in rolled["CommonPrefixes"]] == ["main/"]


@pytest.mark.parametrize("prefix", ["no-such-branch/", "no-such-branch/deeper/", "no-such-branch", "mainx/", "main~9/"])
def test_a_prefix_in_a_ref_that_does_not_exist_is_an_empty_listing(client, small_bucket, prefix):
    for delimiter in ("", "/"):
        v2 = client.list_objects_v2(Bucket=small_bucket, Prefix=prefix, Delimiter=delimiter)
        assert v2["KeyCount"] == 0, (prefix, delimiter, v2)
        assert "Contents" not in v2 and "CommonPrefixes" not in v2
        assert v2["IsTruncated"] is False
        v1 = client.list_objects(Bucket=small_bucket, Prefix=prefix, Delimiter=delimiter)
        assert "Contents" not in v1 and "CommonPrefixes" not in v1


def test_key_count_counts_keys_and_common_prefixes(client, small_bucket):
    page = client.list_objects_v2(Bucket=small_bucket, Prefix="main/", Delimiter="/")
    assert [o["Key"] for o in page["Contents"]] == ["main/a", "main/f"]
    assert [p["Prefix"] for p in page["CommonPrefixes"]] == ["main/b/", "main/c/"]
    assert page["KeyCount"] == 4
    # paging with a delimiter counts a common prefix as one entry of the page
    seen = []
    for p in client.get_paginator("list_objects_v2").paginate(Bucket=small_bucket, Prefix="main/", Delimiter="/",
                                                               PaginationConfig={"PageSize": 1}):
        assert p["KeyCount"] == 1
        seen += [o["Key"] for o in p.get("Contents", [])] + [c["Prefix"] for c in p.get("CommonPrefixes", [])]
    assert seen == ["main/a", "main/b/", "main/c/", "main/f"]
