"""Reads a Tarn range file with pyarrow and with DuckDB, and prints what each sees as JSON.

Usage: python3 range_file_interop.py RANGE_FILE KEY_AS_UTF8_HEX
RangeFilesInteropTest asserts the output: the column types, the footer, and the values of the record
with that key, as each reader returns them (timestamps as epoch milliseconds, identities as hex).
The key comes hex-encoded and the output is ASCII JSON, whatever the platform's default encoding.
"""
import json
import sys

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

path, key = sys.argv[1], bytes.fromhex(sys.argv[2]).decode("utf-8")


def arrow_view():
    parquet_file = pq.ParquetFile(path)
    table = parquet_file.read()
    row = table.filter(pc.equal(table["key"], key))
    assert row.num_rows == 1, row.num_rows
    record = row.to_pylist()[0]
    return {
        "rows": table.num_rows,
        "types": {field.name: str(field.type) for field in table.schema},
        "footer": {k.decode(): v.decode() for k, v in (parquet_file.metadata.metadata or {}).items()},
        "record": {
            "key": record["key"],
            "identity": record["identity"].hex(),
            "address": record["address"],
            "size": record["size"],
            "etag": record["etag"],
            "checksums": dict(record["checksums"]),
            "content_type": record["content_type"],
            "user_metadata": dict(record["user_metadata"]),
            "tags": dict(record["tags"]),
            "last_modified": row["last_modified"].cast(pa.int64())[0].as_py(),
        },
    }


def duckdb_view():
    con = duckdb.connect()
    source = "read_parquet('" + path.replace("'", "''") + "')"
    types = {name: type_ for name, type_, *_ in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    rows = con.execute(f"SELECT count(*) FROM {source}").fetchone()[0]
    record = con.execute(
        f"""SELECT key, lower(hex(identity)), address, size, etag, checksums, content_type, user_metadata, tags,
                   epoch_ms(last_modified)
            FROM {source} WHERE key = ?""",
        [key],
    ).fetchone()
    names = ["key", "identity", "address", "size", "etag", "checksums", "content_type", "user_metadata", "tags",
             "last_modified"]
    return {"rows": rows, "types": types, "record": dict(zip(names, record))}


print(json.dumps({"pyarrow": arrow_view(), "duckdb": duckdb_view()}, sort_keys=True))
