"""The AWS CLI against Tarn, as a person types it: `aws s3 cp/ls/sync/rm` and a few `aws s3api` calls.
Files stay well under the CLI's 8 MB multipart threshold."""
import hashlib
import json
import os
import shutil
import subprocess

import pytest

import s3util

pytestmark = pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI (`aws`) is not installed")


@pytest.fixture(scope="module")
def aws(tarn, tmp_path_factory):
    home = tmp_path_factory.mktemp("aws-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({
        "AWS_ACCESS_KEY_ID": tarn.access_key,
        "AWS_SECRET_ACCESS_KEY": tarn.secret_key,
        "AWS_DEFAULT_REGION": "us-east-1",
        # keep whatever ~/.aws holds out of the run
        "AWS_CONFIG_FILE": str(home / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "credentials"),
        "AWS_PAGER": "",
    })

    def run(*args, check=True, cwd=None):
        result = subprocess.run(["aws", "--endpoint-url", tarn.endpoint, *args], env=env, cwd=cwd,
                                capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            pytest.fail(f"aws {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        return result

    return run


@pytest.fixture
def cli_bucket(aws):
    name = "cli-" + s3util.uuid_hex()
    aws("s3", "mb", f"s3://{name}")
    return name


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_cp_uploads_and_downloads_a_file(aws, cli_bucket, tmp_path):
    data = os.urandom(100_000)
    src = write(tmp_path / "up" / "sample.bin", data)
    result = aws("s3", "cp", str(src), f"s3://{cli_bucket}/main/files/sample.bin")
    assert f"to s3://{cli_bucket}/main/files/sample.bin" in result.stdout
    assert "upload:" in result.stdout
    dest = tmp_path / "down" / "sample.bin"
    aws("s3", "cp", f"s3://{cli_bucket}/main/files/sample.bin", str(dest))
    assert dest.read_bytes() == data


def test_ls_shows_objects_prefixes_and_branches(aws, cli_bucket, tmp_path):
    aws("s3", "cp", str(write(tmp_path / "a.txt", b"12345")), f"s3://{cli_bucket}/main/a.txt")
    aws("s3", "cp", str(write(tmp_path / "b.txt", b"x" * 42)), f"s3://{cli_bucket}/main/dir/b.txt")
    lines = aws("s3", "ls", f"s3://{cli_bucket}/main/").stdout.splitlines()
    assert any(line.split()[-2:] == ["PRE", "dir/"] for line in lines), lines
    assert any(line.split()[-2:] == ["5", "a.txt"] for line in lines), lines
    assert len(lines) == 2, lines
    root = aws("s3", "ls", f"s3://{cli_bucket}/").stdout.split()
    assert root == ["PRE", "main/"]
    recursive = [line.split()[-1] for line in aws("s3", "ls", "--recursive", f"s3://{cli_bucket}/").stdout.splitlines()]
    assert recursive == ["main/a.txt", "main/dir/b.txt"]
    assert cli_bucket in aws("s3", "ls").stdout


def test_sync_uploads_a_directory_then_only_what_changed(aws, cli_bucket, tmp_path):
    src = tmp_path / "dataset"
    files = {
        "part-0.csv": b"id,v\n" + b"1,a\n" * 1000,
        "part-1.csv": os.urandom(300_000),
        "nested/deep/part-2.csv": os.urandom(2_000_000),
        "with space.txt": b"spaces are fine",
    }
    for name, data in files.items():
        write(src / name, data)
    first = aws("s3", "sync", str(src), f"s3://{cli_bucket}/main/dataset/")
    assert first.stdout.count("upload:") == len(files), first.stdout
    listing = json.loads(aws("s3api", "list-objects-v2", "--bucket", cli_bucket, "--prefix", "main/dataset/").stdout)
    assert {o["Key"]: o["Size"] for o in listing["Contents"]} == {f"main/dataset/{n}": len(d) for n, d in files.items()}

    again = aws("s3", "sync", str(src), f"s3://{cli_bucket}/main/dataset/")
    assert "upload:" not in again.stdout, again.stdout

    write(src / "part-3.csv", b"new file")
    third = aws("s3", "sync", str(src), f"s3://{cli_bucket}/main/dataset/")
    assert third.stdout.count("upload:") == 1 and "part-3.csv" in third.stdout, third.stdout

    back = tmp_path / "back"
    aws("s3", "sync", f"s3://{cli_bucket}/main/dataset/", str(back))
    files["part-3.csv"] = b"new file"
    for name, data in files.items():
        assert (back / name).read_bytes() == data, name


def test_rm_recursive_removes_a_prefix_and_nothing_else(aws, cli_bucket, tmp_path):
    for name in ["logs/1.txt", "logs/2.txt", "logs/old/3.txt"]:
        write(tmp_path / name, name.encode())
    write(tmp_path / "keep.txt", b"keep")
    aws("s3", "sync", str(tmp_path / "logs"), f"s3://{cli_bucket}/main/logs/")
    aws("s3", "cp", str(tmp_path / "keep.txt"), f"s3://{cli_bucket}/main/keep.txt")
    removed = aws("s3", "rm", "--recursive", f"s3://{cli_bucket}/main/logs/")
    assert removed.stdout.count("delete:") == 3, removed.stdout
    listing = json.loads(aws("s3api", "list-objects-v2", "--bucket", cli_bucket, "--prefix", "main/").stdout)
    assert [o["Key"] for o in listing["Contents"]] == ["main/keep.txt"]


def test_s3api_head_object_reports_size_etag_type_and_metadata(aws, cli_bucket, tmp_path):
    data = b"a,b,c\n1,2,3\n"
    src = write(tmp_path / "t.csv", data)
    aws("s3", "cp", str(src), f"s3://{cli_bucket}/main/t.csv", "--content-type", "text/csv", "--metadata", "owner=data-team")
    head = json.loads(aws("s3api", "head-object", "--bucket", cli_bucket, "--key", "main/t.csv").stdout)
    assert head["ContentLength"] == len(data)
    assert head["ETag"] == '"' + hashlib.md5(data).hexdigest() + '"'
    assert head["ContentType"] == "text/csv"
    assert head["Metadata"] == {"owner": "data-team"}
    missing = aws("s3api", "head-object", "--bucket", cli_bucket, "--key", "main/nope", check=False)
    assert missing.returncode != 0
    assert "404" in missing.stderr


def test_s3api_list_objects_v2_pages_and_delimits(aws, cli_bucket, tmp_path):
    for i in range(5):
        write(tmp_path / "src" / f"f{i}.txt", str(i).encode())
    write(tmp_path / "src" / "sub" / "g.txt", b"g")
    aws("s3", "sync", str(tmp_path / "src"), f"s3://{cli_bucket}/main/src/")
    full = json.loads(aws("s3api", "list-objects-v2", "--bucket", cli_bucket, "--prefix", "main/src/", "--page-size", "2").stdout)
    assert [o["Key"] for o in full["Contents"]] == [f"main/src/f{i}.txt" for i in range(5)] + ["main/src/sub/g.txt"]
    one_page = json.loads(aws("s3api", "list-objects-v2", "--bucket", cli_bucket, "--prefix", "main/src/", "--max-items", "2").stdout)
    assert len(one_page["Contents"]) == 2 and one_page.get("NextToken")
    rolled = json.loads(aws("s3api", "list-objects-v2", "--bucket", cli_bucket, "--prefix", "main/src/", "--delimiter", "/").stdout)
    assert [o["Key"] for o in rolled["Contents"]] == [f"main/src/f{i}.txt" for i in range(5)]
    assert [p["Prefix"] for p in rolled["CommonPrefixes"]] == ["main/src/sub/"]


def test_cp_to_a_read_only_ref_fails_with_access_denied(aws, cli_bucket, tmp_path):
    src = write(tmp_path / "x.txt", b"x")
    result = aws("s3", "cp", str(src), f"s3://{cli_bucket}/main~1/x.txt", check=False)
    assert result.returncode != 0
    assert "AccessDenied" in result.stderr
    assert "main~1" in result.stderr
