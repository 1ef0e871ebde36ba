"""REST half of the fake Discord: routing, recording, fault injection, rate limits, handlers.

The model (guilds, channels, users, messages, interactions) lives on
:class:`tests.fakes.discord_api.FakeDiscord`; this module only answers HTTP requests
against it. See ``discord_api.py`` for the public API.
"""

from __future__ import annotations

import asyncio
import fnmatch
import hashlib
import json
import math
import re
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Mapping

    from .discord_api import FakeDiscord, FakeInteraction

    Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

API_PREFIX = "/api/v10"
JSON = "application/json"
# Discord puts a Via header on every API answer; discord.py treats a 429 *without* one
# as a Cloudflare ban and raises instead of retrying.
VIA = "1.1 google"

BODY: web.RequestKey[Any] = web.RequestKey("fake_discord_body")  # parsed JSON (or payload_json) body
FILES: web.RequestKey[list[dict[str, Any]]] = web.RequestKey("fake_discord_files")  # multipart uploads

# message flags
CROSSPOSTED = 1 << 0
EPHEMERAL = 1 << 6
LOADING = 1 << 7

# permission bits the fake itself reasons about
ADMINISTRATOR = 1 << 3
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
ALL_PERMISSIONS = (1 << 51) - 1
DEFAULT_EVERYONE_PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY
DEFAULT_BOT_PERMISSIONS = DEFAULT_EVERYONE_PERMISSIONS | MANAGE_MESSAGES


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


# --------------------------------------------------------------------------- responses


def json_response(status: int, data: Any, headers: dict[str, str] | None = None) -> web.Response:
    """A JSON answer whose Content-Type is exactly ``application/json``.

    ``web.json_response`` would add ``; charset=utf-8`` and discord.py's ``json_or_text``
    compares the header verbatim, so the body would come back as a ``str``.
    """
    out = {"Content-Type": JSON, "Via": VIA}
    out.update(headers or {})
    return web.Response(status=status, body=json.dumps(data).encode(), headers=out)


def no_content() -> web.Response:
    # 204 has no body, so no Content-Type: an empty body labelled JSON would break json_or_text.
    return web.Response(status=204, headers={"Via": VIA})


def error(status: int, message: str, code: int, **extra: Any) -> web.Response:
    return json_response(status, {"message": message, "code": code, **extra})


def unknown_channel() -> web.Response:
    return error(404, "Unknown Channel", 10003)


def unknown_message() -> web.Response:
    return error(404, "Unknown Message", 10008)


DEFAULT_FAULT_BODIES: dict[int, tuple[str, int]] = {
    400: ("Invalid Form Body", 50035),
    401: ("401: Unauthorized", 0),
    403: ("Missing Access", 50001),
    404: ("Unknown Channel", 10003),
    500: ("500: Internal Server Error", 0),
    502: ("502: Bad Gateway", 0),
    503: ("503: Service Unavailable", 0),
    504: ("504: Gateway Timeout", 0),
}


# --------------------------------------------------------------------------- recording


@dataclass
class RecordedRequest:
    """One HTTP request the fake received. ``path`` is relative to ``/api/v10``."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    headers: dict[str, str]
    route: str | None = None  # e.g. "/channels/{channel_id}/messages"; None for unknown routes
    status: int = 0
    files: list[dict[str, Any]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"


# --------------------------------------------------------------------------- faults & limits


@dataclass
class FaultRule:
    """Answer the next ``count`` requests matching ``pattern`` with ``status``."""

    pattern: str
    status: int
    count: int = 1
    retry_after: float = 0.05
    global_: bool = False
    body: dict[str, Any] | None = None
    after_processing: bool = False  # run the real handler first (e.g. "created, then 502")
    hang: float = 0.0  # sleep this long before answering (an API that hangs)

    def matches(self, method: str, path: str, route: str | None) -> bool:
        want_method, _, want_path = self.pattern.partition(" ")
        if not want_path:  # no method given
            want_method, want_path = "*", want_method
        if want_method not in ("*", method):
            return False
        want_path = want_path.removeprefix(API_PREFIX)
        return want_path == route or fnmatch.fnmatchcase(path, want_path)

    def response(self, bucket: str) -> web.Response:
        if self.status == 429:
            return rate_limited(self.retry_after, global_=self.global_, bucket=bucket)
        message, code = DEFAULT_FAULT_BODIES.get(self.status, (f"{self.status}: Error", 0))
        return json_response(self.status, self.body or {"message": message, "code": code})


def bucket_hash(route_key: str) -> str:
    return hashlib.sha1(route_key.encode()).hexdigest()[:16]


def rate_limit_headers(limit: int, remaining: int, reset_after: float, bucket: str) -> dict[str, str]:
    reset_after = max(reset_after, 0.0)
    return {
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": str(max(remaining, 0)),
        "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
        "X-RateLimit-Reset-After": f"{reset_after:.3f}",
        "X-RateLimit-Bucket": bucket,
    }


def rate_limited(
    retry_after: float, *, global_: bool, bucket: str, limit: int = 1, scope: str | None = None
) -> web.Response:
    headers = {"Retry-After": str(max(1, math.ceil(retry_after)))}
    if global_:
        headers["X-RateLimit-Global"] = "true"
        headers["X-RateLimit-Scope"] = "global"
    else:
        headers.update(rate_limit_headers(limit, 0, retry_after, bucket))
        headers["X-RateLimit-Scope"] = scope or "user"
    body = {"message": "You are being rate limited.", "retry_after": round(retry_after, 3), "global": global_}
    return json_response(429, body, headers)


@dataclass
class _Bucket:
    limit: int
    per: float
    remaining: int
    reset_at: float
    hash: str


# --------------------------------------------------------------------------- message checks

_EMBED_LIMITS = {"title": 256, "description": 4096}


def _too_long(limit: int) -> dict[str, Any]:
    return {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": f"Must be {limit} or fewer in length."}]}


def validate_message(body: dict[str, Any], *, has_files: bool = False) -> web.Response | None:
    """Discord's size checks on a message body; a 400 response or None."""
    errors: dict[str, Any] = {}
    content = body.get("content") or ""
    if len(content) > 2000:
        errors["content"] = _too_long(2000)
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        errors["embeds"] = _too_long(10)
    total = 0
    for index, embed in enumerate(embeds[:10]):
        problems: dict[str, Any] = {}
        for key, limit in _EMBED_LIMITS.items():
            text = embed.get(key) or ""
            total += len(text)
            if len(text) > limit:
                problems[key] = _too_long(limit)
        for key, sub, limit in (("footer", "text", 2048), ("author", "name", 256)):
            text = (embed.get(key) or {}).get(sub) or ""
            total += len(text)
            if len(text) > limit:
                problems[key] = {sub: _too_long(limit)}
        fields = embed.get("fields") or []
        if len(fields) > 25:
            problems["fields"] = _too_long(25)
        for f_index, fld in enumerate(fields):
            total += len(fld.get("name") or "") + len(fld.get("value") or "")
            for sub, limit in (("name", 256), ("value", 1024)):
                if len(fld.get(sub) or "") > limit:
                    problems.setdefault("fields", {}).setdefault(str(f_index), {})[sub] = _too_long(limit)
        if problems:
            errors.setdefault("embeds", {})[str(index)] = problems
    if total > 6000:
        errors.setdefault("embeds", {})["_errors"] = [
            {"code": "MAX_EMBED_SIZE_EXCEEDED", "message": "Embed size exceeds maximum size of 6000"}
        ]
    if errors:
        return error(400, "Invalid Form Body", 50035, errors=errors)
    if not (content or embeds or has_files or body.get("components") or body.get("sticker_ids") or body.get("poll")):
        return error(400, "Cannot send an empty message", 50006)
    return None


_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")


def resolve_mentions(content: str, allowed: dict[str, Any] | None) -> tuple[list[int], list[int], bool]:
    """Which users/roles/@everyone a message really pings, honouring allowed_mentions."""
    allowed = {"parse": ["users", "roles", "everyone"]} if allowed is None else allowed
    parse = set(allowed.get("parse") or [])
    users = [int(u) for u in _USER_MENTION.findall(content)]
    roles = [int(r) for r in _ROLE_MENTION.findall(content)]
    ok_users = {int(u) for u in allowed.get("users") or []}
    ok_roles = {int(r) for r in allowed.get("roles") or []}
    users = [u for u in dict.fromkeys(users) if "users" in parse or u in ok_users]
    roles = [r for r in dict.fromkeys(roles) if "roles" in parse or r in ok_roles]
    everyone = "everyone" in parse and ("@everyone" in content or "@here" in content)
    return users, roles, everyone


# --------------------------------------------------------------------------- message objects


def public(message: dict[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (message or {}).items() if not k.startswith("_")}


def build_message(
    fake: FakeDiscord,
    channel_id: int,
    body: Mapping[str, Any],
    *,
    files: list[dict[str, Any]] | None = None,
    author: dict[str, Any] | None = None,
    store: bool = True,
    **extra: Any,
) -> dict[str, Any]:
    content = body.get("content") or ""
    users, roles, everyone = resolve_mentions(content, body.get("allowed_mentions"))
    attachments = [
        {"id": str(fake.snowflake()), "filename": f["filename"], "size": f["size"], "url": "", "proxy_url": ""}
        for f in files or []
    ]
    message: dict[str, Any] = {
        "id": str(fake.snowflake()),
        "channel_id": str(channel_id),
        "type": 19 if body.get("message_reference") else 0,
        "content": content,
        "author": author or fake.bot_user,
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": bool(body.get("tts")),
        "mention_everyone": everyone,
        "mentions": [fake.user_payload(u) for u in users],
        "mention_roles": [str(r) for r in roles],
        "attachments": attachments,
        "embeds": list(body.get("embeds") or []),
        "components": list(body.get("components") or []),
        "pinned": False,
        "flags": int(body.get("flags") or 0),
        **extra,
    }
    for key in ("nonce", "message_reference", "poll"):
        if body.get(key) is not None:
            message[key] = body[key]
    channel = fake.channels.get(channel_id) or {}
    if channel.get("guild_id"):
        message["guild_id"] = channel["guild_id"]
    fake.message_index[int(message["id"])] = message
    if store:
        fake.message_store.setdefault(channel_id, []).append(message)
        if channel:
            channel["last_message_id"] = message["id"]
    return message


def build_interaction_message(
    fake: FakeDiscord, inter: FakeInteraction, body: Mapping[str, Any], files: list[dict[str, Any]]
) -> dict[str, Any]:
    p = inter.payload
    metadata = {
        "id": str(inter.id),
        "type": p["type"],
        "user": (p.get("member") or {}).get("user") or p.get("user"),
        "authorizing_integration_owners": p.get("authorizing_integration_owners", {}),
    }
    return build_message(
        fake,
        int(p["channel_id"]),
        body,
        files=files,
        store=not int(body.get("flags") or 0) & EPHEMERAL,
        webhook_id=str(fake.application_id),
        application_id=str(fake.application_id),
        interaction_metadata=metadata,
    )


def apply_edit(message: dict[str, Any], body: Mapping[str, Any]) -> None:
    for key in ("content", "embeds", "components", "attachments", "allowed_mentions", "poll"):
        if key in body:
            message[key] = body[key] if body[key] is not None else ([] if key != "content" else "")
    if "flags" in body and body["flags"] is not None:
        message["flags"] = int(body["flags"])
    message.pop("allowed_mentions", None)
    message["edited_timestamp"] = now_iso()


def application_payload(fake: FakeDiscord) -> dict[str, Any]:
    return {
        "id": str(fake.application_id),
        "name": fake.bot_user["username"],
        "icon": None,
        "description": "",
        "summary": "",
        "rpc_origins": [],
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "owner": fake.user_payload(fake.app_owner_id),
        "team": None,
        "flags": fake.application_flags,
        "bot": fake.bot_user,
        "interactions_endpoint_url": None,  # anything else makes discord.py warn
    }


# --------------------------------------------------------------------------- the REST app


def _truthy(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true", "yes")


class RestAPI:
    """aiohttp routes + middleware answering discord.py's REST calls from ``fake``'s model."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self._buckets: dict[tuple[str, str], _Bucket] = {}
        self._global_hits: deque[float] = deque()

    # ---- wiring

    def install(self, app: web.Application) -> None:
        app.middlewares.append(self.middleware)
        r, p = app.router, API_PREFIX
        routes: list[tuple[str, str, Handler]] = [
            ("GET", "/users/@me", self.get_me),
            ("POST", "/users/@me/channels", self.open_dm),
            ("GET", "/users/{user_id}", self.get_user),
            ("GET", "/applications/@me", self.get_application),
            ("GET", "/oauth2/applications/@me", self.get_application),
            ("GET", "/gateway", self.get_gateway),
            ("GET", "/gateway/bot", self.get_gateway),
            ("GET", "/applications/{app_id}/commands", self.list_commands),
            ("PUT", "/applications/{app_id}/commands", self.overwrite_commands),
            ("POST", "/applications/{app_id}/commands", self.upsert_command),
            ("DELETE", "/applications/{app_id}/commands/{command_id}", self.delete_command),
            ("GET", "/applications/{app_id}/guilds/{guild_id}/commands", self.list_commands),
            ("PUT", "/applications/{app_id}/guilds/{guild_id}/commands", self.overwrite_commands),
            ("POST", "/applications/{app_id}/guilds/{guild_id}/commands", self.upsert_command),
            ("DELETE", "/applications/{app_id}/guilds/{guild_id}/commands/{command_id}", self.delete_command),
            ("GET", "/channels/{channel_id}", self.get_channel),
            ("GET", "/channels/{channel_id}/messages", self.list_messages),
            ("POST", "/channels/{channel_id}/messages", self.create_message),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self.get_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self.edit_message),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", self.delete_message),
            ("POST", "/channels/{channel_id}/messages/{message_id}/crosspost", self.crosspost),
            ("POST", "/channels/{channel_id}/typing", self.typing),
            ("GET", "/guilds/{guild_id}", self.get_guild),
            ("GET", "/guilds/{guild_id}/channels", self.get_guild_channels),
            ("GET", "/guilds/{guild_id}/roles", self.get_guild_roles),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self.get_member),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self.interaction_callback),
            ("POST", "/webhooks/{app_id}/{token}", self.create_followup),
            ("GET", "/webhooks/{app_id}/{token}/messages/{message_id}", self.get_webhook_message),
            ("PATCH", "/webhooks/{app_id}/{token}/messages/{message_id}", self.edit_webhook_message),
            ("DELETE", "/webhooks/{app_id}/{token}/messages/{message_id}", self.delete_webhook_message),
        ]
        for method, path, handler in routes:
            r.add_route(method, p + path, handler)

    # ---- middleware: record, auth, faults, deleted channels, limits

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(API_PREFIX + "/"):
            return await handler(request)  # the websocket gateway
        fake = self.fake
        resource = request.match_info.route.resource
        known = request.match_info.http_exception is None and resource is not None
        route = resource.canonical.removeprefix(API_PREFIX) if known and resource else None
        body, files = await self._read_body(request)
        rec = RecordedRequest(
            method=request.method,
            path=request.path.removeprefix(API_PREFIX),
            query=dict(request.query),
            json=body,
            headers=dict(request.headers),
            route=route,
            files=files,
        )
        fake.requests.append(rec)
        request[BODY], request[FILES] = body, files
        try:
            response = await self._answer(request, handler, rec)
        except Exception as exc:  # a bug in the fake: answer 500 and keep the traceback visible
            fake.errors.append(exc)
            response = error(500, f"fake discord crashed: {exc!r}", 0)
        rec.status = response.status
        if response.status == 429:
            fake.count_429 += 1
        await fake._notify()
        return response

    async def _answer(self, request: web.Request, handler: Handler, rec: RecordedRequest) -> web.StreamResponse:
        fake = self.fake
        if rec.route is None:
            fake.unknown_requests.append(rec)
            return error(404, "Unknown", 0)
        interaction_route = rec.route.startswith(("/interactions/", "/webhooks/"))
        authorised = fake.token is None or request.headers.get("Authorization") == f"Bot {fake.token}"
        if not (authorised or interaction_route):
            return error(401, "401: Unauthorized", 0)
        major = self._major(request)
        bucket_id = bucket_hash(f"{rec.method} {rec.route}")
        for rule in list(fake.faults):
            if rule.matches(rec.method, rec.path, rec.route):
                rule.count -= 1
                if rule.count <= 0:
                    fake.faults.remove(rule)
                if rule.after_processing:
                    await handler(request)
                if rule.hang:
                    await asyncio.sleep(rule.hang)
                return rule.response(bucket_id)
        channel_id = request.match_info.get("channel_id")
        if channel_id and channel_id.isdigit() and int(channel_id) in fake.deleted_channels:
            return unknown_channel()
        if not interaction_route and (limited := self._check_global()) is not None:
            return limited
        bucket = self._take_bucket(f"{rec.method} {rec.route}", major)
        if isinstance(bucket, web.Response):
            return bucket
        response = await handler(request)
        if bucket is not None:
            response.headers.update(
                rate_limit_headers(bucket.limit, bucket.remaining, bucket.reset_at - time.monotonic(), bucket.hash)
            )
        return response

    @staticmethod
    def _major(request: web.Request) -> str:
        info = request.match_info
        if "channel_id" in info:
            return info["channel_id"]
        if "guild_id" in info:
            return info["guild_id"]
        return "+".join(info.get(k, "") for k in ("app_id", "token", "interaction_id"))

    @staticmethod
    async def _read_body(request: web.Request) -> tuple[Any, list[dict[str, Any]]]:
        if not request.can_read_body:
            return None, []
        if request.content_type.startswith("multipart/"):
            body: Any = None
            files: list[dict[str, Any]] = []
            form = await request.post()
            for name, value in form.items():
                if name == "payload_json" and isinstance(value, str):
                    body = json.loads(value)
                elif isinstance(value, web.FileField):
                    data = value.file.read()
                    files.append({"field": name, "filename": value.filename, "size": len(data), "data": data})
            return body, files
        raw = await request.read()
        if not raw:
            return None, []
        try:
            return json.loads(raw), []
        except ValueError:
            return raw.decode(errors="replace"), []

    def _check_global(self) -> web.Response | None:
        limit = self.fake.global_limit_per_second
        if not limit:
            return None
        now = time.monotonic()
        hits = self._global_hits
        while hits and hits[0] <= now - 1.0:
            hits.popleft()
        if len(hits) >= limit:
            return rate_limited(hits[0] + 1.0 - now, global_=True, bucket="global")
        hits.append(now)
        return None

    def _take_bucket(self, route_key: str, major: str) -> _Bucket | web.Response | None:
        configured = self.fake.route_limits.get(route_key)
        if configured is None:
            return None
        limit, per = configured
        now = time.monotonic()
        bucket = self._buckets.get((route_key, major))
        if bucket is None or now >= bucket.reset_at:
            bucket = _Bucket(limit, per, limit, now + per, bucket_hash(route_key))
            self._buckets[(route_key, major)] = bucket
        if bucket.remaining <= 0:
            return rate_limited(bucket.reset_at - now, global_=False, bucket=bucket.hash, limit=limit)
        bucket.remaining -= 1
        return bucket

    # ---- users, application, gateway

    async def get_me(self, request: web.Request) -> web.Response:
        return json_response(200, self.fake.bot_user)

    async def get_user(self, request: web.Request) -> web.Response:
        return json_response(200, self.fake.user_payload(int(request.match_info["user_id"])))

    async def open_dm(self, request: web.Request) -> web.Response:
        user_id = int((request[BODY] or {}).get("recipient_id", 0))
        return json_response(200, self.fake.open_dm(user_id))

    async def get_application(self, request: web.Request) -> web.Response:
        return json_response(200, application_payload(self.fake))

    async def get_gateway(self, request: web.Request) -> web.Response:
        data: dict[str, Any] = {"url": self.fake.gateway_url}
        if request.path.endswith("/bot"):
            data["shards"] = 1
            data["session_start_limit"] = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return json_response(200, data)

    # ---- application commands

    def _command_scope(self, request: web.Request) -> int | None:
        guild_id = request.match_info.get("guild_id")
        return int(guild_id) if guild_id else None

    async def list_commands(self, request: web.Request) -> web.Response:
        return json_response(200, self.fake.commands.get(self._command_scope(request), []))

    async def overwrite_commands(self, request: web.Request) -> web.Response:
        scope = self._command_scope(request)
        old = {(c["name"], c.get("type", 1)): c for c in self.fake.commands.get(scope, [])}
        stored = [self._store_command(scope, c, old) for c in request[BODY] or []]
        self.fake.commands[scope] = stored
        return json_response(200, stored)

    async def upsert_command(self, request: web.Request) -> web.Response:
        scope = self._command_scope(request)
        current = self.fake.commands.setdefault(scope, [])
        old = {(c["name"], c.get("type", 1)): c for c in current}
        command = self._store_command(scope, request[BODY] or {}, old)
        current[:] = [c for c in current if c["id"] != command["id"]] + [command]
        return json_response(200 if (command["name"], command["type"]) in old else 201, command)

    def _store_command(self, scope: int | None, body: dict[str, Any], old: dict[Any, dict[str, Any]]) -> dict[str, Any]:
        ctype = body.get("type", 1)
        previous = old.get((body["name"], ctype))
        command = {
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            **body,
            "id": previous["id"] if previous else str(self.fake.snowflake()),
            "application_id": str(self.fake.application_id),
            "type": ctype,
            "version": str(self.fake.snowflake()),
        }
        if scope is not None:
            command["guild_id"] = str(scope)
        return command

    async def delete_command(self, request: web.Request) -> web.Response:
        scope = self._command_scope(request)
        current = self.fake.commands.get(scope, [])
        keep = [c for c in current if c["id"] != request.match_info["command_id"]]
        if len(keep) == len(current):
            return error(404, "Unknown application command", 10063)
        self.fake.commands[scope] = keep
        return no_content()

    # ---- channels and messages

    async def get_channel(self, request: web.Request) -> web.Response:
        channel = self.fake.channels.get(int(request.match_info["channel_id"]))
        return json_response(200, channel) if channel else unknown_channel()

    def _channel_access(self, channel_id: int, needed: int) -> web.Response | None:
        channel = self.fake.channels.get(channel_id)
        if channel is None:
            return unknown_channel()
        if channel.get("type") == 1 and int(channel["recipients"][0]["id"]) in self.fake.dm_refused:
            return error(403, "Cannot send messages to this user", 50007)
        if channel.get("guild_id") is None:
            return None
        perms = self.fake.permissions_in(int(channel["guild_id"]), self.fake.bot_id, channel_id)
        if not perms & VIEW_CHANNEL:
            return error(403, "Missing Access", 50001)
        if perms & needed != needed:
            return error(403, "Missing Permissions", 50013)
        return None

    async def list_messages(self, request: web.Request) -> web.Response:
        channel_id = int(request.match_info["channel_id"])
        if (denied := self._channel_access(channel_id, READ_MESSAGE_HISTORY)) is not None:
            return denied
        limit = int(request.query.get("limit", 50))
        stored = [m for m in self.fake.message_store.get(channel_id, []) if not m.get("_deleted")]
        return json_response(200, [public(m) for m in reversed(stored)][:limit])

    async def create_message(self, request: web.Request) -> web.Response:
        fake = self.fake
        channel_id = int(request.match_info["channel_id"])
        if (denied := self._channel_access(channel_id, SEND_MESSAGES)) is not None:
            return denied
        body: dict[str, Any] = request[BODY] or {}
        if (invalid := validate_message(body, has_files=bool(request[FILES]))) is not None:
            return invalid
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            seen = fake.nonces.get((channel_id, str(nonce)))
            if seen is not None and time.monotonic() - seen[0] < fake.nonce_window_seconds:
                return json_response(200, public(seen[1]))
        message = build_message(fake, channel_id, body, files=request[FILES])
        fake.posted.setdefault(channel_id, []).append(body)
        if nonce is not None:
            fake.nonces[(channel_id, str(nonce))] = (time.monotonic(), message)
        await fake.echo_message(message)
        return json_response(200, public(message))

    def _find_message(self, request: web.Request) -> dict[str, Any] | None:
        channel_id = int(request.match_info["channel_id"])
        message = self.fake.message_index.get(int(request.match_info["message_id"]))
        if message is None or message.get("_deleted") or int(message["channel_id"]) != channel_id:
            return None
        return message

    async def get_message(self, request: web.Request) -> web.Response:
        message = self._find_message(request)
        return json_response(200, public(message)) if message else unknown_message()

    async def edit_message(self, request: web.Request) -> web.Response:
        message = self._find_message(request)
        if message is None:
            return unknown_message()
        apply_edit(message, request[BODY] or {})
        return json_response(200, public(message))

    async def delete_message(self, request: web.Request) -> web.Response:
        message = self._find_message(request)
        if message is None:
            return unknown_message()
        message["_deleted"] = True
        return no_content()

    async def crosspost(self, request: web.Request) -> web.Response:
        channel_id = int(request.match_info["channel_id"])
        channel = self.fake.channels.get(channel_id)
        if channel is None:
            return unknown_channel()
        message = self._find_message(request)
        if message is None:
            return unknown_message()
        if channel.get("type") != 5:
            return error(400, "Cannot execute action on this channel type", 50024)
        if message["flags"] & CROSSPOSTED:
            return error(400, "This message has already been crossposted.", 40033)
        message["flags"] |= CROSSPOSTED
        return json_response(200, public(message))

    async def typing(self, request: web.Request) -> web.Response:
        return no_content()

    # ---- guilds

    def _guild(self, request: web.Request) -> Any:
        return self.fake.guilds.get(int(request.match_info["guild_id"]))

    async def get_guild(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        if guild is None:
            return error(404, "Unknown Guild", 10004)
        return json_response(
            200, self.fake.guild_payload(guild.id, with_counts=_truthy(request.query.get("with_counts")))
        )

    async def get_guild_channels(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        if guild is None:
            return error(404, "Unknown Guild", 10004)
        return json_response(200, self.fake.guild_channels(guild.id))

    async def get_guild_roles(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        if guild is None:
            return error(404, "Unknown Guild", 10004)
        return json_response(200, list(guild.roles.values()))

    async def get_member(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        if guild is None:
            return error(404, "Unknown Guild", 10004)
        user_id = int(request.match_info["user_id"])
        if user_id not in guild.members:
            return error(404, "Unknown Member", 10007)
        return json_response(200, self.fake.member_payload(guild.id, user_id))

    # ---- interactions

    async def interaction_callback(self, request: web.Request) -> web.Response:
        fake = self.fake
        inter = fake.interactions.get(int(request.match_info["interaction_id"]))
        if inter is None or inter.token != request.match_info["token"]:
            return error(404, "Unknown interaction", 10062)
        if inter.callback is not None:
            return error(400, "Interaction has already been acknowledged.", 40060)
        body: dict[str, Any] = request[BODY] or {}
        cb_type = int(body.get("type", 0))
        data: dict[str, Any] = body.get("data") or {}
        if cb_type == 4 and (invalid := validate_message(data, has_files=bool(request[FILES]))) is not None:
            return invalid
        inter.callback = body
        summary: dict[str, Any] = {"id": str(inter.id), "type": inter.payload["type"]}
        resource: dict[str, Any] = {"type": cb_type}
        message: dict[str, Any] | None = None
        if cb_type in (4, 5):
            flags = int(data.get("flags") or 0) | (LOADING if cb_type == 5 else 0)
            message = build_interaction_message(fake, inter, {**data, "flags": flags}, request[FILES])
            inter.original = message
            summary["response_message_loading"] = cb_type == 5
            summary["response_message_ephemeral"] = bool(flags & EPHEMERAL)
        elif cb_type in (6, 7) and inter.payload.get("message"):
            message = dict(inter.payload["message"])
            if cb_type == 7:
                apply_edit(message, data)
        if message is not None:
            summary["response_message_id"] = message["id"]
            resource["message"] = public(message)
        await fake._notify()
        if not _truthy(request.query.get("with_response")):
            return no_content()
        return json_response(200, {"interaction": summary, "resource": resource})

    def _interaction_for(self, request: web.Request) -> FakeInteraction | None:
        if request.match_info["app_id"] != str(self.fake.application_id):
            return None
        return self.fake.interactions_by_token.get(request.match_info["token"])

    async def create_followup(self, request: web.Request) -> web.Response:
        inter = self._interaction_for(request)
        if inter is None or inter.callback is None:
            return error(404, "Unknown Webhook", 10015)
        body: dict[str, Any] = request[BODY] or {}
        if (invalid := validate_message(body, has_files=bool(request[FILES]))) is not None:
            return invalid
        message = build_interaction_message(self.fake, inter, body, request[FILES])
        inter.followups.append(message)
        if not _truthy(request.query.get("wait")):
            return no_content()
        return json_response(200, public(message))

    def _webhook_message(self, request: web.Request) -> tuple[FakeInteraction | None, dict[str, Any] | None]:
        inter = self._interaction_for(request)
        if inter is None:
            return None, None
        wanted = request.match_info["message_id"]
        if wanted == "@original":
            return inter, inter.original
        for message in inter.followups:
            if message["id"] == wanted and not message.get("_deleted"):
                return inter, message
        return inter, None

    async def get_webhook_message(self, request: web.Request) -> web.Response:
        inter, message = self._webhook_message(request)
        if inter is None:
            return error(404, "Unknown Webhook", 10015)
        return json_response(200, public(message)) if message else unknown_message()

    async def edit_webhook_message(self, request: web.Request) -> web.Response:
        inter, message = self._webhook_message(request)
        if inter is None:
            return error(404, "Unknown Webhook", 10015)
        if message is None:
            return unknown_message()
        body: dict[str, Any] = request[BODY] or {}
        apply_edit(message, body)
        message["flags"] &= ~LOADING
        if message is inter.original:
            inter.edits.append(body)
        return json_response(200, public(message))

    async def delete_webhook_message(self, request: web.Request) -> web.Response:
        inter, message = self._webhook_message(request)
        if inter is None:
            return error(404, "Unknown Webhook", 10015)
        if message is None:
            return unknown_message()
        message["_deleted"] = True
        if message is inter.original:
            inter.original = None
        return no_content()
