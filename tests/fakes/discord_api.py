"""A local fake Discord (REST + gateway) that the real, unmodified discord.py talks to.

    async with FakeDiscord() as fake:
        fake.add_guild(GUILD, "Series", channels=[{"id": CHANNEL, "name": "news"}], system_channel_id=CHANNEL)
        with point_discord_py_at(fake):
            async with run_client(client, fake):
                ...
                interaction = await fake.slash_command(GUILD, CHANNEL, USER, "ping")
                body = await fake.wait_callback(interaction)

Only loopback, ephemeral port. REST handlers live in ``discord_rest.py``, the websocket in
``discord_gateway.py``; this module holds the model and the public test controls.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from .discord_gateway import (
    INTENT_GUILD_MESSAGES,
    Gateway,
    component_interaction_payload,
    interaction_create_payload,
)
from .discord_rest import (
    ADMINISTRATOR,
    ALL_PERMISSIONS,
    DEFAULT_BOT_PERMISSIONS,
    DEFAULT_EVERYONE_PERMISSIONS,
    FaultRule,
    RecordedRequest,
    RestAPI,
    now_iso,
    public,
)
from .loopback import LoopbackServer

__all__ = ["FakeDiscord", "FakeGuild", "FakeInteraction", "RecordedRequest", "point_discord_py_at", "run_client"]

DISCORD_EPOCH_MS = 1420070400000
FAKE_TOKEN = "fake-bot-token"


@dataclass
class FakeGuild:
    id: int
    name: str
    owner_id: int
    system_channel_id: int | None
    roles: dict[int, dict[str, Any]]
    channel_ids: list[int] = field(default_factory=list)
    members: dict[int, list[int]] = field(default_factory=dict)  # user id -> role ids
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class FakeInteraction:
    """An interaction the fake dispatched, and everything the client answered to it."""

    id: int
    token: str
    payload: dict[str, Any]
    callback: dict[str, Any] | None = None  # body of POST /interactions/{id}/{token}/callback
    original: dict[str, Any] | None = None  # current @original message (after edits)
    edits: list[dict[str, Any]] = field(default_factory=list)  # PATCH @original bodies
    followups: list[dict[str, Any]] = field(default_factory=list)  # follow-up message objects
    delivered_to: int = 0  # gateway sessions it went to: only those on the guild's shard


class FakeDiscord(LoopbackServer):
    """Fake Discord API + gateway on 127.0.0.1:<ephemeral>. See module docstring."""

    def __init__(
        self,
        *,
        bot_id: int = 900000000000000001,
        bot_name: str = "seriesbot",
        token: str | None = None,
        heartbeat_interval_ms: int = 41250,
    ) -> None:
        super().__init__()
        self.bot_id = self.application_id = bot_id
        self.application_flags = 1 << 19  # GATEWAY_MESSAGE_CONTENT_LIMITED
        self.token = token  # None: any bot token is accepted
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.users: dict[int, dict[str, Any]] = {}
        self.bot_user = self.add_user(bot_id, bot_name, bot=True)
        self.app_owner_id = bot_id + 1  # AppInfo.owner (Client.is_owner)
        self.guilds: dict[int, FakeGuild] = {}
        self.channels: dict[int, dict[str, Any]] = {}
        self.deleted_channels: set[int] = set()
        self.commands: dict[int | None, list[dict[str, Any]]] = {}  # guild id (None = global) -> commands
        # recording
        self.requests: list[RecordedRequest] = []
        self.unknown_requests: list[RecordedRequest] = []
        self.errors: list[Exception] = []  # exceptions raised inside the fake's handlers
        self.posted: dict[int, list[dict[str, Any]]] = {}  # channel id -> bodies of created messages
        self.message_store: dict[int, list[dict[str, Any]]] = {}  # channel id -> message objects
        self.message_index: dict[int, dict[str, Any]] = {}
        self.nonces: dict[tuple[int, str], tuple[float, dict[str, Any]]] = {}
        self.nonce_window_seconds = 300.0
        self.interactions: dict[int, FakeInteraction] = {}
        self.interactions_by_token: dict[str, FakeInteraction] = {}
        self.echo_messages = False  # also dispatch MESSAGE_CREATE for messages the bot posts
        self.dm_refused: set[int] = set()  # users whose DMs answer 403 code 50007
        # faults and rate limits
        self.faults: list[FaultRule] = []
        self.route_limits: dict[str, tuple[int, float]] = {}
        self.global_limit_per_second: int | None = None
        self.count_429 = 0
        self._ids = itertools.count(1)
        self.gateway = Gateway(self)
        self._rest = RestAPI(self)
        self._changed: asyncio.Condition | None = None

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> FakeDiscord:
        self._changed = asyncio.Condition()
        return await super().start()

    def install(self, app: web.Application) -> None:
        app.router.add_get("/gateway", self.gateway.handle)
        self._rest.install(app)

    async def stop(self) -> None:
        await self.gateway.close()
        await super().stop()

    @property
    def api_base(self) -> str:
        return f"{self.origin}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def snowflake(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return (ms << 22) | (next(self._ids) & 0x3FFFFF)

    # ------------------------------------------------------------------ model setup

    def add_user(self, user_id: int, name: str | None = None, *, bot: bool = False) -> dict[str, Any]:
        user = {
            "id": str(user_id),
            "username": name or f"user{user_id}",
            "global_name": name,
            "discriminator": "0",
            "avatar": None,
            "bot": bot,
            "flags": 0,
            "public_flags": 0,
        }
        self.users[user_id] = user
        return user

    def add_guild(
        self,
        guild_id: int,
        name: str = "Test Guild",
        *,
        channels: Iterable[int | Mapping[str, Any]] = (),
        owner_id: int | None = None,
        system_channel_id: int | None = None,
        everyone_permissions: int = DEFAULT_EVERYONE_PERMISSIONS,
        bot_permissions: int = DEFAULT_BOT_PERMISSIONS,
        **extra: Any,
    ) -> FakeGuild:
        """Configure a guild the bot is in. Send it before the client connects (it comes
        in READY/GUILD_CREATE), or call ``await fake.announce_guild(id)`` afterwards."""
        owner_id = owner_id or self.snowflake()
        if owner_id not in self.users:
            self.add_user(owner_id, f"owner{owner_id}")
        bot_role = self.snowflake()
        roles = {
            guild_id: self._role(guild_id, "@everyone", everyone_permissions, position=0),
            bot_role: self._role(bot_role, self.bot_user["username"], bot_permissions, position=1, bot=True),
        }
        guild = FakeGuild(guild_id, name, owner_id, system_channel_id, roles, extra=extra)
        guild.members[self.bot_id] = [bot_role]
        guild.members[owner_id] = []
        self.guilds[guild_id] = guild
        for channel in channels:
            self.add_channel(guild_id, channel)
        return guild

    def _role(self, role_id: int, name: str, permissions: int, *, position: int, bot: bool = False) -> dict[str, Any]:
        role: dict[str, Any] = {
            "id": str(role_id),
            "name": name,
            "permissions": str(permissions),
            "position": position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": bot,
            "mentionable": False,
            "flags": 0,
        }
        if bot:
            role["tags"] = {"bot_id": str(self.bot_id)}
        return role

    def add_role(self, guild_id: int, role_id: int, name: str, permissions: int = 0) -> dict[str, Any]:
        guild = self.guilds[guild_id]
        role = self._role(role_id, name, permissions, position=len(guild.roles))
        guild.roles[role_id] = role
        return role

    def add_channel(self, guild_id: int, channel: int | Mapping[str, Any]) -> dict[str, Any]:
        """Add a guild channel: an id, or a partial channel object (``type`` 0 text, 5 news,
        2 voice, 4 category; ``permission_overwrites`` honoured for the bot's own posts)."""
        data = {"id": channel} if isinstance(channel, int) else dict(channel)
        guild = self.guilds[guild_id]
        channel_id = int(data["id"])
        payload: dict[str, Any] = {
            "type": 0,
            "name": f"channel-{channel_id}",
            "position": len(guild.channel_ids),
            "permission_overwrites": [],
            "parent_id": None,
            "nsfw": False,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
            **data,
            "id": str(channel_id),
            "guild_id": str(guild_id),
        }
        if payload["type"] in (2, 13):
            payload.setdefault("bitrate", 64000)
            payload.setdefault("user_limit", 0)
            payload.setdefault("rtc_region", None)
        self.channels[channel_id] = payload
        guild.channel_ids.append(channel_id)
        return payload

    def add_member(
        self,
        guild_id: int,
        user_id: int,
        permissions: int | str = 0,
        *,
        name: str | None = None,
        roles: Iterable[int] = (),
    ) -> dict[str, Any]:
        """Add a member; non-zero ``permissions`` become a role of their own."""
        if user_id not in self.users or name:
            self.add_user(user_id, name)
        role_ids = list(roles)
        if int(permissions):
            role_id = self.snowflake()
            self.add_role(guild_id, role_id, f"perms-{user_id}", int(permissions))
            role_ids.append(role_id)
        self.guilds[guild_id].members[user_id] = role_ids
        return self.member_payload(guild_id, user_id, with_user=True)

    def delete_channel(self, channel_id: int) -> None:
        """Every route under /channels/{channel_id} answers 404 Unknown Channel from now on."""
        self.deleted_channels.add(channel_id)
        channel = self.channels.pop(channel_id, None)
        if channel and channel.get("guild_id"):
            self.guilds[int(channel["guild_id"])].channel_ids.remove(channel_id)

    def open_dm(self, user_id: int) -> dict[str, Any]:
        for channel in self.channels.values():
            if channel["type"] == 1 and channel["recipients"][0]["id"] == str(user_id):
                return channel
        channel = {"id": str(self.snowflake()), "type": 1, "last_message_id": None, "flags": 0}
        channel["recipients"] = [self.user_payload(user_id)]
        self.channels[int(channel["id"])] = channel
        return channel

    def refuse_dms(self, user_id: int, refused: bool = True) -> None:
        """Make messages to the user's DM channel fail with 50007 "Cannot send messages to this user"."""
        (self.dm_refused.add if refused else self.dm_refused.discard)(user_id)

    def dm_messages(self, user_id: int) -> list[dict[str, Any]]:
        """Bodies of the messages the bot sent to a user's DM channel."""
        return self.messages(int(self.open_dm(user_id)["id"]))

    # ------------------------------------------------------------------ payloads

    def user_payload(self, user_id: int) -> dict[str, Any]:
        return self.users.get(user_id) or self.add_user(user_id)

    def member_payload(self, guild_id: int, user_id: int, *, with_user: bool = True) -> dict[str, Any]:
        guild = self.guilds[guild_id]
        member: dict[str, Any] = {
            "roles": [str(r) for r in guild.members.get(user_id, [])],
            "joined_at": now_iso(),
            "nick": None,
            "avatar": None,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }
        if with_user:
            member["user"] = self.user_payload(user_id)
        return member

    def guild_payload(self, guild_id: int, *, with_counts: bool = False) -> dict[str, Any]:
        guild = self.guilds[guild_id]
        payload: dict[str, Any] = {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "owner_id": str(guild.owner_id),
            "system_channel_id": str(guild.system_channel_id) if guild.system_channel_id else None,
            "roles": list(guild.roles.values()),
            "emojis": [],
            "stickers": [],
            "features": [],
            "preferred_locale": "en-US",
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "system_channel_flags": 0,
            **guild.extra,
        }
        if with_counts:
            payload["approximate_member_count"] = len(guild.members)
            payload["approximate_presence_count"] = 0
        return payload

    def guild_channels(self, guild_id: int) -> list[dict[str, Any]]:
        return [self.channels[c] for c in self.guilds[guild_id].channel_ids]

    def permissions_in(self, guild_id: int, user_id: int, channel_id: int | None = None) -> int:
        """The permission bits Discord would compute for ``user_id`` (in ``channel_id``)."""
        guild = self.guilds[guild_id]
        if user_id == guild.owner_id:
            return ALL_PERMISSIONS
        role_ids = guild.members.get(user_id, [])
        perms = int(guild.roles[guild_id]["permissions"])
        for role_id in role_ids:
            perms |= int(guild.roles[role_id]["permissions"]) if role_id in guild.roles else 0
        if perms & ADMINISTRATOR:
            return ALL_PERMISSIONS
        overwrites = (self.channels.get(channel_id or 0) or {}).get("permission_overwrites") or []
        by_id = {int(o["id"]): o for o in overwrites}
        layers = [by_id.get(guild_id)], [by_id.get(r) for r in role_ids], [by_id.get(user_id)]
        for layer in layers:
            allow = deny = 0
            for ow in filter(None, layer):
                allow |= int(ow.get("allow", 0))
                deny |= int(ow.get("deny", 0))
            perms = (perms & ~deny) | allow
        return perms

    # ------------------------------------------------------------------ messages

    async def echo_message(self, message: dict[str, Any]) -> None:
        if self.echo_messages:
            await self.gateway.dispatch("MESSAGE_CREATE", public(message), intent=INTENT_GUILD_MESSAGES)

    def messages(self, channel_id: int) -> list[dict[str, Any]]:
        """JSON bodies the client POSTed to /channels/{channel_id}/messages that created a
        message (nonce-deduplicated repeats and failed attempts excluded)."""
        return list(self.posted.get(channel_id, []))

    def channel_messages(self, channel_id: int) -> list[dict[str, Any]]:
        """Message objects currently in the channel (incl. non-ephemeral interaction replies)."""
        return [public(m) for m in self.message_store.get(channel_id, []) if not m.get("_deleted")]

    # ------------------------------------------------------------------ faults and limits

    def fail_next(
        self,
        route_pattern: str,
        status: int,
        count: int = 1,
        *,
        retry_after: float = 0.05,
        global_: bool = False,
        body: dict[str, Any] | None = None,
        after_processing: bool = False,
        hang: float = 0.0,
    ) -> FaultRule:
        """Answer the next ``count`` requests matching ``route_pattern`` with ``status``.

        ``route_pattern`` is ``"[METHOD ]path"``; path is a route template
        (``/channels/{channel_id}/messages``) or an fnmatch glob over the concrete path
        (``/channels/123/messages``, ``/channels/*/messages``). 429s carry Retry-After, Via,
        X-RateLimit-* and ``{"retry_after", "global"}``; 403 → Missing Access 50001, 404 →
        Unknown Channel 10003, 5xx plain. ``after_processing`` runs the real handler first
        (the message is created, the client still sees the error).
        """
        rule = FaultRule(route_pattern, status, count, retry_after, global_, body, after_processing, hang)
        self.faults.append(rule)
        return rule

    def set_rate_limit(self, route: str, limit: int, per: float) -> None:
        """Enforce a bucket, e.g. ``set_rate_limit("POST /channels/{channel_id}/messages", 5, 5.0)``:
        per major parameter (channel/guild/webhook), with X-RateLimit-* headers on every answer."""
        self.route_limits[route] = (limit, per)

    # ------------------------------------------------------------------ gateway & waiting

    async def _notify(self) -> None:
        if self._changed is not None:
            async with self._changed:
                self._changed.notify_all()

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = 5.0, what: str = "") -> Any:
        """Wait until ``predicate()`` is truthy; re-checked after every request or gateway
        event the fake handles, and every 10 ms (for predicates on client-side state)."""
        assert self._changed is not None, "FakeDiscord not started"
        deadline = asyncio.get_running_loop().time() + timeout
        async with self._changed:
            while not (result := predicate()):
                remaining = deadline - asyncio.get_running_loop().time()
                if remaining <= 0:
                    recent = [f"{r.method} {r.path} -> {r.status}" for r in self.requests[-10:]]
                    raise TimeoutError(f"timed out waiting for {what or predicate!r}; last requests: {recent}")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), min(remaining, 0.01))
        return result

    async def wait_identified(self, timeout: float = 5.0) -> None:
        await self.wait_until(self.gateway.has_live_session, timeout, "a gateway session")

    async def dispatch(self, event: str, payload: Any, *, timeout: float = 5.0) -> int:
        """Send a gateway DISPATCH to every session, waiting for one to exist first."""
        await self.wait_identified(timeout)
        return await self.gateway.dispatch(event, payload)

    async def announce_guild(self, guild_id: int) -> None:
        """GUILD_CREATE for a guild added after the client connected (the bot 'joins')."""
        await self.wait_identified()
        await self.gateway.announce_guild(guild_id)

    async def wait_for_request(self, pattern: str, timeout: float = 5.0, *, start: int = 0) -> RecordedRequest:
        """First recorded request (from index ``start``) matching ``"[METHOD ]path-glob"``."""
        probe = FaultRule(pattern, 0)

        def find() -> RecordedRequest | None:
            return next((r for r in self.requests[start:] if probe.matches(r.method, r.path, r.route)), None)

        found: RecordedRequest = await self.wait_until(find, timeout, pattern)
        return found

    # ------------------------------------------------------------------ interactions

    async def slash_command(
        self,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        name: str,
        options: Mapping[str, Any] | list[dict[str, Any]] | None = None,
        *,
        permissions: int | str | None = None,
        subcommand: str | None = None,
        locale: str = "en-US",
    ) -> FakeInteraction:
        """Dispatch INTERACTION_CREATE (type 2) for ``/name [subcommand] options``.

        ``options`` is ``{name: value}`` (types from the synced command, else from the
        Python type) or raw option dicts. ``subcommand`` may be ``"sub"`` or ``"group sub"``.
        ``permissions`` overrides the invoking member's computed permissions."""
        payload = interaction_create_payload(
            self,
            2,
            guild_id,
            channel_id,
            user_id,
            name,
            options,
            permissions=permissions,
            subcommand=subcommand,
            locale=locale,
        )
        return await self._deliver(payload)

    async def autocomplete(
        self,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        name: str,
        options: Mapping[str, Any] | list[dict[str, Any]] | None,
        focused: str,
        *,
        permissions: int | str | None = None,
        subcommand: str | None = None,
        locale: str = "en-US",
    ) -> FakeInteraction:
        """Dispatch an autocomplete interaction (type 4); ``focused`` names the option being typed."""
        payload = interaction_create_payload(
            self,
            4,
            guild_id,
            channel_id,
            user_id,
            name,
            options,
            focused=focused,
            permissions=permissions,
            subcommand=subcommand,
            locale=locale,
        )
        return await self._deliver(payload)

    async def click(
        self, guild_id: int | None, channel_id: int, user_id: int, message: dict[str, Any], custom_id: str
    ) -> FakeInteraction:
        """Dispatch a button click (type 3) on ``message`` (a stored message object) by ``custom_id``."""
        payload = component_interaction_payload(self, guild_id, channel_id, user_id, message, custom_id)
        return await self._deliver(payload)

    async def wait_callback(self, interaction: FakeInteraction | int, timeout: float = 5.0) -> dict[str, Any]:
        """The body the client POSTed to the interaction callback, e.g.
        ``{"type": 4, "data": {"content": ..., "flags": 64}}`` or ``{"type": 8, "data": {"choices": [...]}}``."""
        inter = self._get_interaction(interaction)
        body: dict[str, Any] = await self.wait_until(lambda: inter.callback, timeout, f"callback of {inter.id}")
        return body

    async def wait_followup(
        self, interaction: FakeInteraction | int, count: int = 1, timeout: float = 5.0
    ) -> dict[str, Any]:
        """The ``count``-th follow-up message object sent for the interaction."""
        inter = self._get_interaction(interaction)
        await self.wait_until(lambda: len(inter.followups) >= count, timeout, f"follow-up #{count} of {inter.id}")
        return public(inter.followups[count - 1])

    async def wait_original_edit(
        self, interaction: FakeInteraction | int, count: int = 1, timeout: float = 5.0
    ) -> dict[str, Any]:
        """Wait for the ``count``-th PATCH of @original; returns the edited message object."""
        inter = self._get_interaction(interaction)
        await self.wait_until(lambda: len(inter.edits) >= count, timeout, f"edit #{count} of {inter.id}'s original")
        return public(inter.original)

    def _get_interaction(self, interaction: FakeInteraction | int) -> FakeInteraction:
        return interaction if isinstance(interaction, FakeInteraction) else self.interactions[int(interaction)]

    async def _deliver(self, payload: dict[str, Any]) -> FakeInteraction:
        inter = FakeInteraction(int(payload["id"]), payload["token"], payload)
        self.interactions[inter.id] = inter
        self.interactions_by_token[inter.token] = inter
        inter.delivered_to = await self.dispatch("INTERACTION_CREATE", payload)
        return inter

    # ------------------------------------------------------------------ gateway controls

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT; discord.py closes and RESUMEs."""
        await self.gateway.request_reconnect()

    async def invalidate_sessions(self, resumable: bool = False) -> None:
        """Send op 9 INVALID_SESSION; with resumable=False discord.py IDENTIFYs again."""
        await self.gateway.invalidate_sessions(resumable)

    async def drop_connections(self, code: int = 4000) -> None:
        """Close every gateway websocket with ``code`` (4000: discord.py RESUMEs)."""
        await self.gateway.drop_connections(code)


# ---------------------------------------------------------------------- discord.py glue


@contextlib.contextmanager
def point_discord_py_at(fake: FakeDiscord) -> Iterator[None]:
    """Point discord.py's REST base (``Route.BASE``, a str) and default gateway
    (``DiscordWebSocket.DEFAULT_GATEWAY``, a ``yarl.URL``) at ``fake``; restore afterwards."""
    import discord.gateway
    import discord.http
    import yarl

    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = fake.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway


@contextlib.asynccontextmanager
async def run_client(
    client: Any, fake: FakeDiscord, *, token: str | None = None, wait_ready: bool = True, timeout: float = 5.0
) -> AsyncIterator[Any]:
    """``login`` + ``connect`` a discord.Client against ``fake`` (already pointed at it with
    :func:`point_discord_py_at`), optionally wait for ``on_ready``, and always close it
    cleanly (HTTP session included) on exit. Note ``on_ready`` fires ``guild_ready_timeout``
    (discord.py default 2 s) after the last GUILD_CREATE; pass ``guild_ready_timeout=0.05``
    to the Client for fast tests."""
    task: asyncio.Task[None] | None = None
    try:
        await client.login(token or fake.token or FAKE_TOKEN)
        task = asyncio.create_task(client.connect(reconnect=True), name="fake-discord-client")
        if wait_ready:
            ready = asyncio.create_task(client.wait_until_ready())
            done, _ = await asyncio.wait({ready, task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            if ready not in done:
                ready.cancel()
                if task in done:
                    task.result()  # re-raise the connect error
                raise TimeoutError("discord client did not become ready")
        yield client
    finally:
        await client.close()
        if task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(task, timeout)
