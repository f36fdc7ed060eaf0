"""What keeps the editor's page safe to leave running: every request passes here
before it reaches the app.

- With a token (required off loopback) every request carries it: the header
  `Authorization: Bearer TOKEN`, or the cookie the page sets when it is opened
  once as /?token=TOKEN.
- On loopback, the Host header must name loopback (a web page elsewhere cannot
  reach the server through a DNS name it controls).
- A POST is JSON, no larger than the limit, and comes from the page itself:
  no foreign Origin, no cross-site fetch; a write also carries the page's CSRF
  token in `X-CSRF-Token`.
- Every answer forbids the browser to load anything from elsewhere (CSP) and to
  keep API answers, which hold draft text, in its cache.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "factcheck_token"
CSRF_HEADER = "x-csrf-token"
DEFAULT_MAX_BYTES = 2_000_000
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1 (with or without brackets)."""
    name = host.strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True, kw_only=True)
class Policy:
    token: str = ""
    loopback: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    # Per server run: a page from an earlier run has to be loaded again.
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # Paths that change the reference; they need the CSRF token.
    writes: frozenset[str] = frozenset({"/api/facts"})


class Guard:
    """ASGI middleware applying a Policy to every HTTP request."""

    def __init__(self, app: ASGIApp, policy: Policy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await _answer(send, *refusal)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if self.policy.token and query.get("token") and scope["path"] == "/":
            # The address printed at start-up: keep the token as a cookie and
            # drop it from the address bar and the history.
            await _answer(
                send,
                303,
                "",
                [
                    (b"location", b"/"),
                    (b"set-cookie", _token_cookie(self.policy.token)),
                ],
            )
            return
        await self.app(scope, _limited(receive, self.policy.max_bytes), _secured(send, scope))

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        policy = self.policy
        if policy.loopback and not is_loopback(_host_name(headers.get("host", ""))):
            return 421, "this server answers only to a loopback address such as 127.0.0.1"
        if policy.token and not self._authorised(scope, headers):
            return 401, (
                "this server needs its token — open the address factcheck serve printed "
                "(it ends in ?token=…) or send Authorization: Bearer TOKEN"
            )
        if scope["method"] not in ("GET", "HEAD", "POST"):
            return 405, "only GET and POST are answered here"
        if scope["method"] != "POST":
            return None
        origin = headers.get("origin")
        if origin is not None and origin != _own_origin(scope, headers):
            return 403, f"a request from {origin} may not use this server"
        if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return 403, "a request from another site may not use this server"
        if headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return 415, "send JSON (Content-Type: application/json)"
        length = headers.get("content-length", "0")
        if not length.isdigit() or int(length) > policy.max_bytes:
            return 413, f"the request is larger than {policy.max_bytes:,} bytes — send less text"
        if scope["path"] in policy.writes and not hmac.compare_digest(
            headers.get(CSRF_HEADER, "").encode(), policy.csrf.encode()
        ):
            return 403, (
                "a write needs the page's CSRF token in X-CSRF-Token (GET /api/session gives it)"
            )
        return None

    def _authorised(self, scope: Scope, headers: dict[str, str]) -> bool:
        expected = self.policy.token.encode()
        offered = []
        scheme, _, credential = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer":
            offered.append(credential.strip())
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header is just no cookie
            cookie = SimpleCookie()
        if TOKEN_COOKIE in cookie:
            offered.append(cookie[TOKEN_COOKIE].value)
        if scope["path"] == "/":
            offered += parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [])
        return any(hmac.compare_digest(o.encode(), expected) for o in offered)


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _own_origin(scope: Scope, headers: dict[str, str]) -> str:
    return f"{scope.get('scheme', 'http')}://{headers.get('host', '')}"


def _token_cookie(token: str) -> bytes:
    return f"{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict".encode("latin-1")


def _limited(receive: Receive, limit: int) -> Receive:
    """A body longer than announced (or sent in chunks) is cut off at the limit."""
    received = 0

    async def limited() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
        return message

    return limited


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"the request is larger than {limit:,} bytes — send less text")


def _secured(send: Send, scope: Scope) -> Send:
    api = scope["path"].startswith("/api/")

    async def secured(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            headers += [
                (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
                (b"x-content-type-options", b"nosniff"),
                (b"referrer-policy", b"no-referrer"),
                (b"x-frame-options", b"DENY"),
                (b"cross-origin-resource-policy", b"same-origin"),
            ]
            if api:
                headers.append((b"cache-control", b"no-store"))
            message["headers"] = headers
        await send(message)

    return secured


async def _answer(
    send: Send, status: int, text: str, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = json.dumps({"error": text}).encode() if text else b""
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
        (b"cache-control", b"no-store"),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
