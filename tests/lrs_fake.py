"""A small xAPI LRS on the loopback address for push tests: stores by id, answers as told."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeLRS:
    """POST /xapi/statements with basic auth; `answers` is a queue of statuses to give first."""

    def __init__(self, user: str = "trainer", password: str = "s3cret") -> None:
        self.stored: dict[str, dict] = {}
        self.requests: list[dict] = []
        self.answers: list[int] = []
        self.store_anyway = False
        self._auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                lrs.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                if self.headers.get("Authorization") != lrs._auth:
                    return self._answer(401, {"detail": "bad credentials"})
                statements = json.loads(body)
                if lrs.answers:
                    status = lrs.answers.pop(0)
                    if lrs.store_anyway:
                        lrs._store(statements)
                    return self._answer(status, {"detail": "try later"})
                new = lrs._store(statements)
                if new is None:
                    return self._answer(409, {"detail": "conflict"})
                return self._answer(200, new) if new else self._answer(204, None)

            def _answer(self, status, payload):
                data = b"" if payload is None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/xapi/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _store(self, statements: list[dict]) -> list[str] | None:
        for s in statements:
            if s["id"] in self.stored and self.stored[s["id"]] != s:
                return None
        new = [s["id"] for s in statements if s["id"] not in self.stored]
        self.stored.update({s["id"]: s for s in statements})
        return new

    def __enter__(self) -> FakeLRS:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
