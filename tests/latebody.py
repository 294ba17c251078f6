"""A request whose body arrives after the server has answered it: for the tests that an early
answer (a failed precondition, a missing bucket) keeps the client's connection usable."""
import http.client
import socket
import time
import urllib.parse


class LateBody:
    """One keep-alive connection to `endpoint` on which a request's headers go out first and its
    body only `delay` seconds later, as a client streaming a body from a slow source sends it."""

    def __init__(self, endpoint, delay=0.3):
        parsed = urllib.parse.urlsplit(endpoint)
        self.host = f"{parsed.hostname}:{parsed.port}"
        self.delay = delay
        self.sock = socket.create_connection((parsed.hostname, parsed.port), timeout=30)

    def request(self, method, target, headers, body=b"", send_body=True):
        """Sends a request; its body (declared by Content-Length) is sent late, or never when
        `send_body` is false. Returns (status, headers with lower-case names, body)."""
        head = f"{method} {target} HTTP/1.1\r\nHost: {self.host}\r\nContent-Length: {len(body)}\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()
                        if k.lower() not in ("host", "content-length")) + "\r\n"
        self.sock.sendall(head.encode())
        if body and send_body:
            time.sleep(self.delay)
            self.sock.sendall(body)
        response = http.client.HTTPResponse(self.sock, method=method)
        response.begin()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
