"""A local fake of Slack for tests: Web API, response_url and Socket Mode on 127.0.0.1.

Point the real clients at it::

    async with FakeSlack() as fake:
        client = AsyncWebClient(token=DEFAULT_BOT_TOKEN, base_url=fake.api_base)

Workspace state and the Web API methods live in :mod:`tests.fakes.slack_workspace`; this module
serves them over HTTP/WebSocket and adds request recording, fault injection, the response_url
endpoint, Socket Mode and the helpers that build signed requests *from* Slack.
Unimplemented methods answer ``{"ok": false, "error": "unknown_method"}``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import itertools
import json
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from aiohttp import WSCloseCode, WSMsgType, web

from tests.fakes.slack_workspace import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    DEFAULT_APP_TOKEN,
    DEFAULT_BOT_TOKEN,
    DEFAULT_TEAM_ID,
    ApiError,
    FakeWorkspace,
    Params,
)

__all__ = [
    "APP_ID",
    "BOT_ID",
    "BOT_USER_ID",
    "DEFAULT_APP_TOKEN",
    "DEFAULT_BOT_TOKEN",
    "DEFAULT_TEAM_ID",
    "FakeSlack",
    "RecordedRequest",
    "serve_locally",
    "sign_request",
    "slash_command_body",
    "slash_command_fields",
]

_JSON_FIELDS = ("blocks", "attachments", "metadata")  # sent as JSON strings in form bodies
_APP_TOKEN_METHODS = frozenset({"apps.connections.open"})


# ---------------------------------------------------------------------- requests from Slack


def sign_request(signing_secret: str, body: str | bytes, timestamp: int | None = None) -> dict[str, str]:
    """The headers Slack signs a request with: v0 HMAC-SHA256 of ``v0:{timestamp}:{body}``."""
    ts = int(time.time()) if timestamp is None else timestamp
    raw = body.encode() if isinstance(body, str) else body
    digest = hmac.new(signing_secret.encode(), b"v0:%d:" % ts + raw, hashlib.sha256).hexdigest()
    return {"X-Slack-Signature": f"v0={digest}", "X-Slack-Request-Timestamp": str(ts)}


def slash_command_fields(
    command: str,
    text: str = "",
    user_id: str = "U0TESTER",
    channel_id: str = "C0TEST",
    team_id: str = DEFAULT_TEAM_ID,
    response_url: str = "",
    trigger_id: str = "1337.42.fake-trigger",
) -> dict[str, str]:
    """The fields of a slash-command invocation, in the order Slack sends them."""
    return {
        "token": "fake-verification-token",
        "team_id": team_id,
        "team_domain": "fake-team",
        "channel_id": channel_id,
        "channel_name": "fake-channel",
        "user_id": user_id,
        "user_name": "tester",
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id,
    }


def slash_command_body(
    command: str,
    text: str = "",
    user_id: str = "U0TESTER",
    channel_id: str = "C0TEST",
    team_id: str = DEFAULT_TEAM_ID,
    response_url: str = "",
    trigger_id: str = "1337.42.fake-trigger",
) -> str:
    """The ``application/x-www-form-urlencoded`` body Slack POSTs for a slash command."""
    return urlencode(slash_command_fields(command, text, user_id, channel_id, team_id, response_url, trigger_id))


@contextlib.asynccontextmanager
async def serve_locally(app: web.Application, shutdown_timeout: float = 1.0) -> AsyncIterator[str]:
    """Serve ``app`` on 127.0.0.1 with an ephemeral port; yields ``http://127.0.0.1:PORT``."""
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=shutdown_timeout)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        host, port = runner.addresses[0][:2]
        yield f"http://{host}:{port}"
    finally:
        await runner.cleanup()


# ---------------------------------------------------------------------- the fake server


@dataclass(frozen=True)
class RecordedRequest:
    """One Web API call as the fake received it (recorded before auth and fault checks)."""

    method: str  # Web API method, e.g. "chat.postMessage"
    http_method: str  # "GET" or "POST"
    body: Params  # query string + form/JSON body merged; JSON-string fields decoded
    headers: dict[str, str]
    is_json: bool  # True when the body was application/json


@dataclass(frozen=True)
class _Fault:
    error: str
    status: int
    retry_after: int


class FakeSlack(FakeWorkspace):
    """In-process fake Slack. Use ``async with FakeSlack() as fake`` or ``start()``/``stop()``."""

    def __init__(
        self,
        *,
        bot_tokens: tuple[str, ...] = (DEFAULT_BOT_TOKEN,),
        app_tokens: tuple[str, ...] = (DEFAULT_APP_TOKEN,),
        team_id: str = DEFAULT_TEAM_ID,
    ) -> None:
        super().__init__(team_id=team_id)
        self.bot_tokens = set(bot_tokens)
        self.app_tokens = set(app_tokens)
        self.requests: list[RecordedRequest] = []
        self.socket_acks: list[Params] = []  # every message the app sent over Socket Mode
        self.count_429 = 0
        self.base_url = ""  # http://127.0.0.1:PORT once started
        self.web_methods["apps.connections.open"] = self._apps_connections_open
        self._responses: dict[str, list[Params]] = defaultdict(list)
        self._faults: dict[str, deque[_Fault]] = defaultdict(deque)
        self._hangs: dict[str, deque[float]] = defaultdict(deque)
        self._sockets: list[web.WebSocketResponse] = []
        self._tickets: set[str] = set()
        self._pending_acks: dict[str, asyncio.Future[Params]] = {}
        self._ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._server: contextlib.AbstractAsyncContextManager[str] | None = None

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._handle_api)
        app.router.add_post("/response/{response_id}", self._handle_response_url)
        app.router.add_get("/link/", self._handle_socket)
        server = serve_locally(app)
        self.base_url = await server.__aenter__()
        self._server = server
        return self

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close(code=WSCloseCode.GOING_AWAY, message=b"fake slack stopping")
        for future in self._pending_acks.values():
            future.cancel()
        if self._server is not None:
            server, self._server = self._server, None
            await server.__aexit__(None, None, None)

    async def __aenter__(self) -> FakeSlack:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def api_base(self) -> str:
        """What ``AsyncWebClient(base_url=...)`` takes: ``http://127.0.0.1:PORT/api/``."""
        return f"{self.base_url}/api/"

    # ------------------------------------------------------------------ test controls

    def response_url(self, response_id: str) -> str:
        return f"{self.base_url}/response/{response_id}"

    def responses(self, response_id: str) -> list[Params]:
        """JSON bodies POSTed to ``response_url(response_id)``, in arrival order."""
        return [dict(r) for r in self._responses.get(response_id, [])]

    async def wait_response(self, response_id: str, timeout: float = 2.0, count: int = 1) -> Params:
        """Wait until ``count`` bodies reached ``response_url(response_id)``; return the ``count``-th."""
        await self._wait_until(lambda: len(self._responses.get(response_id, [])) >= count, timeout)
        return dict(self._responses[response_id][count - 1])

    def calls(self, method: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method == method]

    def fail_next(
        self,
        method: str,
        count: int = 1,
        *,
        error: str | None = None,
        status: int = 200,
        retry_after: int = 1,
    ) -> None:
        """Make the next ``count`` calls of ``method`` fail (after the token check).

        ``status=429``: HTTP 429, ``Retry-After: retry_after``, ``ratelimited``.
        ``error="channel_not_found"`` (status 200): HTTP 200 with that error.
        ``status=500`` or any other status: that status with ``error`` (default ``internal_error``).
        """
        if status == 200 and error is None:
            raise ValueError("fail_next needs error=... or a non-200 status")
        if error is None:
            error = "ratelimited" if status == 429 else "internal_error"
        self._faults[method].extend(_Fault(error, status, retry_after) for _ in range(count))

    def hang_next(self, method: str, seconds: float, count: int = 1) -> None:
        """Carry out the next ``count`` calls of ``method``, then wait ``seconds`` before answering
        (a client killed meanwhile never learns that its call succeeded)."""
        self._hangs[method].extend(seconds for _ in range(count))

    async def wait_socket_connected(self, timeout: float = 2.0) -> None:
        await self._wait_until(lambda: bool(self._sockets), timeout)

    async def send_socket_command(
        self,
        command: str,
        text: str = "",
        user_id: str = "U0TESTER",
        channel_id: str = "C0TEST",
        *,
        response_id: str | None = None,
        timeout: float = 2.0,
    ) -> Params | None:
        """Push a ``slash_commands`` envelope to the connected app and return its ack's ``payload``.

        ``respond()`` calls land at ``response_url(response_id)`` (default: the envelope id).
        Returns ``None`` when the app acked without a body (plain ``await ack()``).
        """
        await self.wait_socket_connected(timeout)
        envelope_id = f"envelope-{next(self._ids)}"
        response_url = self.response_url(response_id or envelope_id)
        envelope = {
            "envelope_id": envelope_id,
            "type": "slash_commands",
            "payload": slash_command_fields(command, text, user_id, channel_id, self.team_id, response_url),
            "accepts_response_payload": True,
        }
        future: asyncio.Future[Params] = asyncio.get_running_loop().create_future()
        self._pending_acks[envelope_id] = future
        try:
            await self._sockets[-1].send_json(envelope)
            async with asyncio.timeout(timeout):
                ack = await future
        finally:
            self._pending_acks.pop(envelope_id, None)
        return ack.get("payload")

    # ------------------------------------------------------------------ plumbing

    async def _wait_until(self, predicate: Callable[[], bool], seconds: float) -> None:
        async with asyncio.timeout(seconds), self._changed:
            await self._changed.wait_for(predicate)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        is_json = request.content_type == "application/json"
        try:
            params = await self._read_params(request, is_json)
        except ValueError:
            return web.json_response({"ok": False, "error": "invalid_json"})
        headers = dict(request.headers)
        self.requests.append(RecordedRequest(method, request.method, params, headers, is_json))
        try:
            self._check_token(method, request, params)
            self._apply_fault(method)
            web_method = self.web_methods.get(method)
            if web_method is None:
                raise ApiError("unknown_method")
            result = web_method(params)
        except ApiError as exc:
            if exc.status == 429:
                self.count_429 += 1
            return web.json_response({"ok": False, "error": exc.error}, status=exc.status, headers=exc.headers)
        if self._hangs.get(method):
            await self._notify()
            await asyncio.sleep(self._hangs[method].popleft())
        return web.json_response({"ok": True, **result})

    @staticmethod
    async def _read_params(request: web.Request, is_json: bool) -> Params:
        params: Params = dict(request.query)
        if request.method == "POST" and request.can_read_body:
            if is_json:
                params.update(json.loads(await request.text()))
            else:
                params.update((await request.post()).items())
        for key in _JSON_FIELDS:
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        return params

    def _check_token(self, method: str, request: web.Request, params: Params) -> None:
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ").strip() if auth.startswith("Bearer ") else params.get("token")
        if not token:
            raise ApiError("not_authed")
        allowed, other_kind = (self.bot_tokens, self.app_tokens)
        if method in _APP_TOKEN_METHODS:
            allowed, other_kind = other_kind, allowed
        if token in other_kind:
            raise ApiError("not_allowed_token_type")
        if token not in allowed:
            raise ApiError("invalid_auth")

    def _apply_fault(self, method: str) -> None:
        if self._faults.get(method):
            fault = self._faults[method].popleft()
            headers = {"Retry-After": str(fault.retry_after)} if fault.status == 429 else None
            raise ApiError(fault.error, status=fault.status, headers=headers)

    async def _handle_response_url(self, request: web.Request) -> web.Response:
        self._responses[request.match_info["response_id"]].append(await request.json())
        await self._notify()
        return web.Response(text="ok")

    def _apps_connections_open(self, params: Params) -> Params:
        ticket = f"ticket-{next(self._ids)}"
        self._tickets.add(ticket)
        ws_base = self.base_url.replace("http://", "ws://", 1)
        return {"url": f"{ws_base}/link/?ticket={ticket}&app_id={APP_ID}"}

    async def _handle_socket(self, request: web.Request) -> web.StreamResponse:
        ticket = request.query.get("ticket", "")
        if ticket not in self._tickets:
            return web.Response(status=401, text="invalid ticket")
        self._tickets.discard(ticket)
        ws = web.WebSocketResponse()  # autoping answers the SDK's "sdk-ping-pong:" pings
        await ws.prepare(request)
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": len(self._sockets) + 1,
                "debug_info": {"host": "fake-slack", "approximate_connection_time": 3600},
                "connection_info": {"app_id": APP_ID},
            }
        )
        self._sockets.append(ws)
        await self._notify()
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    self._record_ack(json.loads(msg.data))
        finally:
            self._sockets.remove(ws)
            await self._notify()
        return ws

    def _record_ack(self, ack: Params) -> None:
        self.socket_acks.append(ack)
        future = self._pending_acks.get(ack.get("envelope_id", ""))
        if future is not None and not future.done():
            future.set_result(ack)
