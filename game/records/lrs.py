"""Push the outbox to a learning record store: xAPI 1.0.3 `POST statements`, HTTP basic auth, in batches.

A session leaves the outbox only when the LRS has answered 200 or 204 for the batch that carried it;
anything else keeps it queued for the next push. Statement ids are derived (see `xapi`), so a batch
that reached the LRS but whose answer was lost is recognised when it is sent again. Messages name
sessions by id and count statements; they never repeat a statement, a name or a score.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from game.records.store import Query, RecordsStore
from game.records.xapi import DEFAULT_HOMEPAGE, XAPI_VERSION, statements
from game.records.xapi_check import batch_problems

MAX_BATCH = 200
"""The most statements one request carries."""

TIMEOUT_SECONDS = 30.0


class PushError(Exception):
    """The push cannot start: a bad address or missing credentials (a usage error)."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    """An LRS's statements resource and the credentials for it."""

    statements_url: str
    shown: str
    username: str = ""
    password: str = ""

    @property
    def loopback(self) -> bool:
        """Whether the LRS is on this machine."""
        host = urllib.parse.urlsplit(self.statements_url).hostname or ""
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False


@dataclass(slots=True)
class PushReport:
    """What a push did: sessions delivered and kept, statements sent, and why it stopped."""

    sent_sessions: list[int] = field(default_factory=list)
    kept_sessions: list[int] = field(default_factory=list)
    skipped_sessions: list[int] = field(default_factory=list)
    statements: int = 0
    requests: int = 0
    problem: str = ""
    refused: bool = False

    @property
    def ok(self) -> bool:
        """Whether every selected session reached the LRS."""
        return not self.problem


def endpoint(url: str, username: str = "", password: str = "") -> Endpoint:
    """The statements URL of an LRS address ("https://lrs.example/xapi/"); PushError for a bad one."""
    text = url.strip()
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(
            f"--lrs: expected an http(s) address such as https://lrs.example/xapi/, got {_safe(text)!r}"
        )
    try:
        port = parts.port
    except ValueError:
        raise PushError(
            f"--lrs: the port in {_safe(text)!r} is not a number from 1 to 65535"
        ) from None
    if parts.query or parts.fragment:
        raise PushError("--lrs: give the LRS's base address, without ?query or #fragment")
    user = username or urllib.parse.unquote(parts.username or "")
    secret = password or urllib.parse.unquote(parts.password or "")
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host + (f":{port}" if port else "")
    path = parts.path.rstrip("/")
    if not path.endswith("/statements"):
        path += "/statements"
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, path, "", ""))
    if secret and not user:
        raise PushError("a password was given without a user name (--user)")
    return Endpoint(
        clean, urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", "")), user, secret
    )


def push(
    store: RecordsStore,
    target: Endpoint,
    homepage: str = DEFAULT_HOMEPAGE,
    include_sent: bool = False,
    query: Query | None = None,
    batch_size: int = MAX_BATCH,
    send: Callable[[Endpoint, bytes], tuple[int, bytes]] | None = None,
) -> PushReport:
    """Send the outbox's sessions (every queued one with `include_sent`) and note which arrived."""
    send = send or post_statements
    report = PushReport()
    batches: list[tuple[list[dict[str, object]], list[int]]] = []
    for session_id in store.outbox(include_sent=include_sent, query=query):
        record = store.session(session_id)
        made = statements(record, homepage) if record else []
        if not made:
            report.skipped_sessions.append(session_id)
            continue
        if not batches or len(batches[-1][0]) + len(made) > batch_size:
            batches.append(([], []))
        batches[-1][0].extend(made)
        batches[-1][1].append(session_id)
    for index, (batch, batch_ids) in enumerate(batches):
        if not _deliver(store, target, send, batch, batch_ids, report):
            report.kept_sessions += [i for _, later in batches[index + 1 :] for i in later]
            break
    return report


def post_statements(target: Endpoint, body: bytes) -> tuple[int, bytes]:
    """POST a batch of statements; (HTTP status, the start of the answer). OSError when unreachable."""
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "X-Experience-API-Version": XAPI_VERSION,
        "Accept": "application/json",
    }
    if target.username:
        token = base64.b64encode(f"{target.username}:{target.password}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    request = urllib.request.Request(
        target.statements_url, data=body, headers=headers, method="POST"
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as answer:
            return answer.status, answer.read(65536)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read(4096)


def _deliver(
    store: RecordsStore,
    target: Endpoint,
    send: Callable[[Endpoint, bytes], tuple[int, bytes]],
    batch: list[dict[str, object]],
    batch_ids: list[int],
    report: PushReport,
) -> bool:
    """Send one batch and record the outcome; False when the push should stop."""
    wrong = batch_problems(batch)
    if wrong:
        report.problem = (
            f"the statements of sessions {_ids(batch_ids)} do not have the xAPI 1.0.3 shape "
            f"({len(wrong)} problems, first: {wrong[0]}); nothing was sent"
        )
        store.mark_failed(batch_ids, report.problem)
        report.kept_sessions += batch_ids
        return False
    body = json.dumps(batch, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    report.requests += 1
    try:
        status, answer = send(target, body)
    except (OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        report.problem = f"cannot reach the LRS at {target.shown} ({_safe(str(reason))})"
        store.mark_failed(batch_ids, report.problem)
        report.kept_sessions += batch_ids
        return False
    if status in (200, 204):
        store.mark_sent(batch_ids, target.shown)
        report.sent_sessions += batch_ids
        report.statements += len(batch)
        return True
    report.refused = status in (401, 403)
    report.problem = _refusal(status, target)
    store.mark_failed(
        batch_ids, f"{report.problem}: {_safe(answer[:300].decode('utf-8', 'replace'))}"
    )
    report.kept_sessions += batch_ids
    return False


def _refusal(status: int, target: Endpoint) -> str:
    """What an HTTP status means for the push, in a sentence."""
    meaning = {
        400: "rejected the statements as invalid",
        401: "refused the credentials (check --user and the password)",
        403: "does not allow these credentials to write statements",
        404: "has no statements resource at this address (is it the xAPI base URL?)",
        409: "already holds different statements with the same ids",
        413: "found the batch too large (try a smaller --batch)",
    }.get(status, "could not store the statements")
    return f"the LRS at {target.shown} {meaning} (HTTP {status})"


def _ids(ids: list[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:10])
    return shown + (", ..." if len(ids) > 10 else "")


def _safe(text: str) -> str:
    """Text for a message: one line, printable, without credentials in a URL."""
    one_line = " ".join(str(text).split())
    cleaned = "".join(c if c.isprintable() else "?" for c in one_line)
    return _strip_credentials(cleaned)[:300]


def _strip_credentials(text: str) -> str:
    return re.sub(r"(https?://)[^/@\s]*@", r"\1", text)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Never follow a redirect with the credentials (a moved LRS is reported, not guessed)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        """No redirect: the answer (3xx) is reported as it is."""
        return None
