"""The packaged tarn.jar as a test server, shared by the pytest suites: started on 127.0.0.1 with
free ports and a fresh data directory, its start-up banner read for the endpoints and the admin key."""
import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BANNER = {
    "endpoint": r"^\s*Endpoint:\s+(\S+)",
    "https_endpoint": r"HTTPS endpoint:\s+(\S+)",
    "ca_file": r"CA file:\s+(\S+)",
    "access_key": r"Access key id:\s+(\S+)",
    "secret_key": r"Secret key:\s+(\S+)",
}


class TarnServer:
    """A running tarn.jar: `endpoint`, `https_endpoint` and `ca_file` (with `https`),
    `access_key`, `secret_key`, `process`, `data_dir`. `env` adds TARN_* settings."""

    def __init__(self, env=None, https=True, prefix="tarn-test-"):
        jar = os.environ.get("TARN_JAR", os.path.join(ROOT, "server", "target", "tarn.jar"))
        if not os.path.exists(jar):
            pytest.fail(f"{jar} does not exist: build it first with `mvn -B -DskipTests package`")
        self.data_dir = tempfile.mkdtemp(prefix=prefix)
        command = ["java", "-jar", jar, "run", "--address", "127.0.0.1", "--port", "0", "--data-dir", self.data_dir]
        if https:
            command[6:6] = ["--tls-port", "0"]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        env={**os.environ, **(env or {})})
        wanted = set(BANNER) if https else set(BANNER) - {"https_endpoint", "ca_file"}
        found = self._read_banner(wanted, timeout=60)
        self.endpoint = found["endpoint"]
        self.https_endpoint = found.get("https_endpoint")
        self.ca_file = found.get("ca_file")
        self.access_key = found["access_key"]
        self.secret_key = found["secret_key"]
        # The server keeps logging: drain its output so that it never blocks on a full pipe.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def _read_banner(self, wanted, timeout):
        found, seen = {}, []
        deadline = time.time() + timeout
        while time.time() < deadline and not wanted <= found.keys():
            line = self.process.stdout.readline()
            if not line:
                break
            seen.append(line)
            for name in wanted:
                match = re.search(BANNER[name], line)
                if match:
                    found[name] = match.group(1)
        if not wanted <= found.keys():
            self.process.kill()
            pytest.fail("Tarn did not start; it printed:\n" + "".join(seen))
        return found

    def call_api(self, method, path, body=None, key=None, secret=None):
        """One REST call under /api/v1 with HTTP basic credentials (the admin's unless given):
        (status, the JSON body or None)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.endpoint + "/api/v1" + path, data=data, method=method)
        credentials = f"{key or self.access_key}:{secret or self.secret_key}".encode()
        request.add_header("Authorization", "Basic " + base64.b64encode(credentials).decode())
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request) as reply:
                raw = reply.read()
                return reply.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as e:
            raw = e.read()
            return e.code, json.loads(raw) if raw else None

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.data_dir, ignore_errors=True)
