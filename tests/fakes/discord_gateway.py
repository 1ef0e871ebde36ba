"""Websocket half of the fake Discord: HELLO/IDENTIFY/READY, heartbeats, RESUME, dispatch.

Speaks JSON only. If the client asks for ``compress=zlib-stream`` (discord.py does when
no zstd module is importable) every frame goes out as one zlib-compressed binary message
ending in a Z_SYNC_FLUSH marker, sharing one compression context per connection, like
Discord. For ``zstd-stream`` the fake answers with plain text frames, which discord.py
also accepts.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import zlib
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSCloseCode, WSMsgType, web

from .discord_rest import DEFAULT_BOT_PERMISSIONS, now_iso

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .discord_api import FakeDiscord

# opcodes
DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, VOICE_STATE = 0, 1, 2, 3, 4
RESUME, RECONNECT, REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 6, 7, 8, 9, 10, 11

INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_PRESENCES = 1 << 8
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT

OPTION_TYPES = {bool: 5, int: 4, float: 10, str: 3}  # Python type -> application command option type


class _Connection:
    """One websocket; serialises sends so zlib-stream frames never interleave."""

    def __init__(self, ws: web.WebSocketResponse, compress: bool) -> None:
        self.ws = ws
        self.compressor = zlib.compressobj() if compress else None
        self.lock = asyncio.Lock()
        self.closed_by_server = False

    async def send_text(self, text: str) -> None:
        async with self.lock:
            if self.ws.closed:
                return
            if self.compressor is None:
                await self.ws.send_str(text)
            else:
                data = self.compressor.compress(text.encode()) + self.compressor.flush(zlib.Z_SYNC_FLUSH)
                await self.ws.send_bytes(data)

    async def send(self, op: int, d: Any = None) -> None:
        await self.send_text(json.dumps({"op": op, "d": d, "s": None, "t": None}))

    async def close(self, code: int, reason: str = "") -> None:
        self.closed_by_server = True
        await self.ws.close(code=code, message=reason.encode())


@dataclass
class GatewaySession:
    session_id: str
    intents: int
    shard: tuple[int, int] = (0, 1)
    seq: int = 0
    history: deque[tuple[int, str]] = field(default_factory=lambda: deque(maxlen=5000))
    conn: _Connection | None = None


class Gateway:
    """Gateway sessions for every client connected to one :class:`FakeDiscord`."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.sessions: dict[str, GatewaySession] = {}
        self.connections: list[dict[str, str]] = []  # query string of every websocket opened
        self.received: list[dict[str, Any]] = []  # every frame a client sent (heartbeats included)
        self.identify_count = 0
        self.resume_count = 0
        self.allowed_intents = -1  # bitmask of privileged intents the "portal" allows; -1 = all
        self._conns: set[_Connection] = set()

    # ---- websocket endpoint

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        query = dict(request.query)
        self.connections.append(query)
        conn = _Connection(ws, compress=query.get("compress") == "zlib-stream")
        self._conns.add(conn)
        session: GatewaySession | None = None
        try:
            if query.get("encoding", "json") != "json":
                await conn.close(4002, "Only encoding=json is supported by the fake")
                return ws
            await conn.send(HELLO, {"heartbeat_interval": self.fake.heartbeat_interval_ms})
            async for msg in ws:
                if msg.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                    continue
                try:
                    frame = json.loads(msg.data)
                except ValueError:
                    await conn.close(4002, "Error while decoding payload.")
                    break
                self.received.append(frame)
                session = await self._on_frame(conn, session, frame)
                if ws.closed:
                    break
        finally:
            self._conns.discard(conn)
            if session is not None and session.conn is conn:
                session.conn = None
                # Closing with 1000/1001 ends the session (discord.py does after INVALID_SESSION);
                # other codes leave it resumable. NB discord.py's client.close() arrives as 4000.
                if not conn.closed_by_server and ws.close_code in (1000, 1001):
                    self.sessions.pop(session.session_id, None)
            await self.fake._notify()
        return ws

    async def _on_frame(
        self, conn: _Connection, session: GatewaySession | None, frame: dict[str, Any]
    ) -> GatewaySession | None:
        op, d = frame.get("op"), frame.get("d")
        if op == HEARTBEAT:
            await conn.send(HEARTBEAT_ACK)
        elif op == IDENTIFY:
            if session is not None:
                await conn.close(4005, "Already authenticated.")
                return session
            return await self._identify(conn, d or {})
        elif op == RESUME:
            return await self._resume(conn, d or {})
        elif session is None:
            await conn.close(4003, "Not authenticated.")
        elif op == REQUEST_MEMBERS:
            await self._request_members(session, d or {})
        elif op not in (PRESENCE, VOICE_STATE):
            await conn.close(4001, "Unknown opcode.")
        return session

    async def _identify(self, conn: _Connection, d: dict[str, Any]) -> GatewaySession | None:
        fake = self.fake
        if fake.token is not None and d.get("token") != fake.token:
            await conn.close(4004, "Authentication failed.")
            return None
        intents = int(d.get("intents", 0))
        if self.allowed_intents != -1 and intents & PRIVILEGED_INTENTS & ~self.allowed_intents:
            await conn.close(4014, "Disallowed intent(s).")
            return None
        shard_id, shard_count = d.get("shard") or (0, 1)
        session = GatewaySession(secrets.token_hex(16), intents, (shard_id, shard_count), conn=conn)
        self.sessions[session.session_id] = session
        self.identify_count += 1
        guild_ids = [g for g in fake.guilds if shard_owns((shard_id, shard_count), g)]
        ready: dict[str, Any] = {
            "v": 10,
            "user": fake.bot_user,
            "guilds": [{"id": str(g), "unavailable": True} for g in guild_ids],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": fake.gateway_url,
            "application": {"id": str(fake.application_id), "flags": fake.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
            "_trace": ["fake-discord"],
        }
        if d.get("shard"):
            ready["shard"] = [shard_id, shard_count]
        await self._send_dispatch(session, "READY", ready)
        for guild_id in guild_ids:
            await self._send_dispatch(session, "GUILD_CREATE", guild_create_payload(fake, guild_id, intents))
        await fake._notify()
        return session

    async def _resume(self, conn: _Connection, d: dict[str, Any]) -> GatewaySession | None:
        session = self.sessions.get(str(d.get("session_id")))
        token_ok = self.fake.token is None or d.get("token") == self.fake.token
        if session is None or not token_ok:
            await conn.send(INVALID_SESSION, False)
            return None
        if session.conn is not None and session.conn is not conn:
            with contextlib.suppress(Exception):
                await session.conn.close(4000, "Session resumed elsewhere")
        session.conn = conn
        self.resume_count += 1
        last_seen = int(d.get("seq") or 0)
        for seq, text in list(session.history):
            if seq > last_seen:
                await conn.send_text(text)
        await self._send_dispatch(session, "RESUMED", {"_trace": ["fake-discord"]})
        await self.fake._notify()
        return session

    async def _request_members(self, session: GatewaySession, d: dict[str, Any]) -> None:
        guild = self.fake.guilds.get(int(d.get("guild_id", 0)))
        if guild is None:
            return
        wanted = {int(u) for u in d.get("user_ids") or []}
        query = (d.get("query") or "").lower()
        limit = int(d.get("limit") or 0) or len(guild.members)
        members = []
        for user_id in guild.members:
            name = self.fake.user_payload(user_id)["username"].lower()
            if (wanted and user_id in wanted) or (not wanted and name.startswith(query)):
                members.append(self.fake.member_payload(guild.id, user_id, with_user=True))
        chunk = {
            "guild_id": str(guild.id),
            "members": members[:limit],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [str(u) for u in wanted - set(guild.members)],
        }
        if "nonce" in d:
            chunk["nonce"] = d["nonce"]
        await self._send_dispatch(session, "GUILD_MEMBERS_CHUNK", chunk)

    # ---- sending

    async def _send_dispatch(self, session: GatewaySession, event: str, data: Any) -> None:
        session.seq += 1
        text = json.dumps({"op": DISPATCH, "t": event, "s": session.seq, "d": data})
        session.history.append((session.seq, text))
        if session.conn is not None:
            try:
                await session.conn.send_text(text)
            except (ConnectionError, RuntimeError):
                session.conn = None  # kept in history; replayed on RESUME

    async def dispatch(self, event: str, data: Any, *, intent: int = 0) -> int:
        """Send a DISPATCH to every session (optionally only those with ``intent``) whose shard owns the
        event: a guild's events go to shard ``(guild_id >> 22) % shard_count``, guild-less ones to shard 0."""
        guild_id = data.get("guild_id") if isinstance(data, dict) else None
        sent = 0
        for session in list(self.sessions.values()):
            if intent and not session.intents & intent:
                continue
            if not shard_owns(session.shard, int(guild_id) if guild_id is not None else None):
                continue
            await self._send_dispatch(session, event, data)
            sent += 1
        return sent

    def has_live_session(self) -> bool:
        return any(s.conn is not None for s in self.sessions.values())

    # ---- test controls

    async def request_reconnect(self) -> None:
        """op 7: clients close and RESUME on resume_gateway_url."""
        for session in self.sessions.values():
            if session.conn is not None:
                await session.conn.send(RECONNECT)

    async def invalidate_sessions(self, resumable: bool = False) -> None:
        """op 9: with resumable=False clients must IDENTIFY again."""
        for session in list(self.sessions.values()):
            if session.conn is not None:
                await session.conn.send(INVALID_SESSION, resumable)
            if not resumable:
                self.sessions.pop(session.session_id, None)

    async def drop_connections(self, code: int = 4000) -> None:
        """Close every websocket with ``code`` (4000 = unknown error: discord.py resumes)."""
        for conn in list(self._conns):
            with contextlib.suppress(Exception):
                await conn.close(code, "Dropped by test")

    async def announce_guild(self, guild_id: int) -> None:
        """GUILD_CREATE (without ``unavailable``: discord.py treats it as a join) to every session."""
        for session in list(self.sessions.values()):
            if not shard_owns(session.shard, guild_id):
                continue
            payload = guild_create_payload(self.fake, guild_id, session.intents, available=False)
            await self._send_dispatch(session, "GUILD_CREATE", payload)

    async def close(self) -> None:
        await self.drop_connections(WSCloseCode.GOING_AWAY)


def shard_owns(shard: tuple[int, int], guild_id: int | None) -> bool:
    """Tell whether a session on ``(shard_id, shard_count)`` receives a guild's events (None: DMs, shard 0)."""
    shard_id, shard_count = shard
    if guild_id is None:
        return shard_id == 0
    return (guild_id >> 22) % shard_count == shard_id


# --------------------------------------------------------------------------- event payloads


def guild_create_payload(
    fake: FakeDiscord, guild_id: int, intents: int = 0, *, available: bool = True
) -> dict[str, Any]:
    """GUILD_CREATE as sent to a client with ``intents`` (members only with GUILD_MEMBERS)."""
    guild = fake.guilds[guild_id]
    shown = guild.members if intents & INTENT_GUILD_MEMBERS else [fake.bot_id]
    payload = fake.guild_payload(guild_id)
    payload.update(
        joined_at=now_iso(),
        large=False,
        member_count=len(guild.members),
        channels=fake.guild_channels(guild_id),
        members=[fake.member_payload(guild_id, u) for u in shown],
        threads=[],
        presences=[],
        voice_states=[],
        stage_instances=[],
        guild_scheduled_events=[],
        soundboard_sounds=[],
    )
    if available:
        payload["unavailable"] = False
    return payload


def interaction_create_payload(
    fake: FakeDiscord,
    itype: int,
    guild_id: int | None,
    channel_id: int,
    user_id: int,
    name: str,
    options: Mapping[str, Any] | list[dict[str, Any]] | None,
    *,
    focused: str | None = None,
    permissions: int | str | None = None,
    subcommand: str | None = None,
    locale: str = "en-US",
) -> dict[str, Any]:
    """INTERACTION_CREATE for ``/name [subcommand] options`` (type 2) or autocomplete (type 4).

    Option types come from the synced command when there is one, else from the Python
    type; user/channel/role options get ``resolved`` entries like Discord sends."""
    command = _find_command(fake, guild_id, name)
    decl: list[dict[str, Any]] = (command or {}).get("options") or []
    resolved: dict[str, dict[str, Any]] = {}
    data: dict[str, Any] = {"id": (command or {}).get("id") or str(fake.snowflake()), "name": name, "type": 1}
    data["options"] = _build_options(fake, guild_id, options, focused, decl, subcommand, resolved)
    if resolved:
        data["resolved"] = resolved
    # discord.py looks guild commands up by data.guild_id (falling back to global ones)
    if guild_id is not None and (command is None or command.get("guild_id")):
        data["guild_id"] = str(guild_id)
    payload = _interaction_base(fake, itype, guild_id, channel_id, user_id, permissions, locale)
    payload["data"] = data
    return payload


def component_interaction_payload(
    fake: FakeDiscord, guild_id: int | None, channel_id: int, user_id: int, message: dict[str, Any], custom_id: str,
    *, component_type: int = 2,
) -> dict[str, Any]:
    """INTERACTION_CREATE (type 3) for a click on a component of a message the bot posted."""
    payload = _interaction_base(fake, 3, guild_id, channel_id, user_id, None, "en-US")
    payload["data"] = {"custom_id": custom_id, "component_type": component_type}
    payload["message"] = {k: v for k, v in message.items() if not k.startswith("_")}
    return payload


def _find_command(fake: FakeDiscord, guild_id: int | None, name: str) -> dict[str, Any] | None:
    for scope in (guild_id, None):
        for command in fake.commands.get(scope, []):
            if command["name"] == name and command.get("type", 1) == 1:
                return command
    return None


def _build_options(
    fake: FakeDiscord,
    guild_id: int | None,
    options: Mapping[str, Any] | list[dict[str, Any]] | None,
    focused: str | None,
    decl: list[dict[str, Any]],
    subcommand: str | None,
    resolved: dict[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    path = subcommand.split() if subcommand else []
    for part in path:  # walk the declared options down to the leaf command
        decl = next((o.get("options") or [] for o in decl if o["name"] == part), [])
    if isinstance(options, list):
        leaf = [dict(o) for o in options]
    else:
        declared_types = {o["name"]: o["type"] for o in decl}
        leaf = []
        for opt_name, value in (options or {}).items():
            otype = declared_types.get(opt_name) or OPTION_TYPES.get(type(value), 3)
            if otype in (6, 7, 8, 9) or hasattr(value, "id"):
                value = str(getattr(value, "id", value))
                _resolve(fake, guild_id, otype, int(value), resolved)
            leaf.append({"name": opt_name, "type": otype, "value": value})
    for opt in leaf:
        if opt["name"] == focused:
            opt["focused"] = True
    for depth, part in reversed(list(enumerate(path))):
        kind = 2 if depth < len(path) - 1 else 1
        leaf = [{"name": part, "type": kind, "options": leaf}]
    return leaf


def _resolve(
    fake: FakeDiscord, guild_id: int | None, otype: int, target: int, resolved: dict[str, dict[str, Any]]
) -> None:
    guild = fake.guilds.get(guild_id or 0)
    if otype in (6, 9) and (target in fake.users or otype == 6):
        resolved.setdefault("users", {})[str(target)] = fake.user_payload(target)
        if guild and target in guild.members:
            member = fake.member_payload(guild.id, target, with_user=False)
            member["permissions"] = str(fake.permissions_in(guild.id, target))
            resolved.setdefault("members", {})[str(target)] = member
    elif otype == 7 and target in fake.channels:
        channel = dict(fake.channels[target])
        if guild:
            channel["permissions"] = str(fake.permissions_in(guild.id, fake.bot_id, target))
        resolved.setdefault("channels", {})[str(target)] = channel
    elif guild and target in guild.roles:
        resolved.setdefault("roles", {})[str(target)] = guild.roles[target]


def _interaction_base(
    fake: FakeDiscord,
    itype: int,
    guild_id: int | None,
    channel_id: int,
    user_id: int,
    permissions: int | str | None,
    locale: str,
) -> dict[str, Any]:
    """The INTERACTION_CREATE fields discord.py's Interaction._from_data reads."""
    channel = fake.channels.get(channel_id) or fake.open_dm(user_id)
    payload: dict[str, Any] = {
        "id": str(fake.snowflake()),
        "application_id": str(fake.application_id),
        "type": itype,
        "token": "fake-interaction-" + secrets.token_urlsafe(24),
        "version": 1,
        "channel_id": channel["id"],
        "channel": dict(channel),
        "locale": locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": 10 * 1024 * 1024,
    }
    if guild_id is not None:
        perms = fake.permissions_in(guild_id, user_id, channel_id) if permissions is None else int(permissions)
        if user_id not in fake.guilds[guild_id].members:
            fake.add_member(guild_id, user_id)
        member = fake.member_payload(guild_id, user_id)
        member["permissions"] = str(perms)
        payload.update(
            guild_id=str(guild_id),
            guild={"id": str(guild_id), "locale": "en-US", "features": []},
            guild_locale="en-US",
            member=member,
            app_permissions=str(fake.permissions_in(guild_id, fake.bot_id, channel_id)),
            authorizing_integration_owners={"0": str(guild_id)},
            context=0,
        )
        payload["channel"]["permissions"] = member["permissions"]
    else:
        payload.update(
            user=fake.user_payload(user_id),
            app_permissions=str(DEFAULT_BOT_PERMISSIONS),
            authorizing_integration_owners={"1": str(user_id)},
            context=1,
        )
    return payload
