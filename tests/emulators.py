"""Real service emulators for the multi-cloud suite, each started on 127.0.0.1 at a free port and
stopped at the end: moto_server for S3 (more are added as their plugins land)."""
import os
import socket
import subprocess
import sys
import time

import boto3
import pytest


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, process, name, timeout=60):
    deadline = time.time() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.time() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"{name} did not start on 127.0.0.1:{port}")
            time.sleep(0.1)


class Emulator:
    """A running emulator process: `endpoint`, and `stop()` (idempotent)."""

    def __init__(self, name, command, port, env=None):
        self.name = name
        self.port = port
        self.endpoint = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        env={**os.environ, **(env or {})})
        wait_for_port(port, self.process, name)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Moto(Emulator):
    """moto_server: S3 without signature checks, keys `test`/`test`."""

    key = "test"
    secret = "test"

    def __init__(self):
        port = free_port()
        super().__init__("moto_server", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], port)

    def client(self):
        return boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id=self.key, aws_secret_access_key=self.secret,
                            region_name="us-east-1")

    def tarn_env(self):
        """What Tarn's S3 plugin needs to reach this emulator."""
        return {"TARN_BLOCKSTORE_S3_ENDPOINT": self.endpoint, "TARN_BLOCKSTORE_S3_PATH_STYLE": "true",
                "TARN_BLOCKSTORE_S3_REGION": "us-east-1", "TARN_BLOCKSTORE_S3_ACCESS_KEY_ID": self.key,
                "TARN_BLOCKSTORE_S3_SECRET_ACCESS_KEY": self.secret,
                # A backend that is down fails fast: two attempts, five seconds each call.
                "TARN_BLOCKSTORE_S3_TIMEOUT": "5s", "TARN_BLOCKSTORE_S3_MAX_RETRIES": "1"}

    def objects(self, bucket, prefix):
        """Every object under a prefix: key -> bytes."""
        s3 = self.client()
        out = {}
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            for o in page.get("Contents", []):
                out[o["Key"]] = s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read()
        return out
