"""The real discord.py 2.7 client, end to end against tests/fakes/discord_api.FakeDiscord."""

from __future__ import annotations

import asyncio
import gc
import io
import json
import logging
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands

from tests.fakes.discord_api import FakeDiscord, point_discord_py_at, run_client

GUILD = 111000000000000001
CHANNEL = 111000000000000010
NEWS = 111000000000000011
SECRET = 111000000000000012
OWNER = 111000000000000100
USER = 111000000000000101
MANAGE_GUILD = 1 << 5
SHOWS = ["Breaking Bad", "Better Call Saul", "Severance", "Slow Horses", "Shogun"]


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fd:
        fd.add_guild(
            GUILD,
            "Series Fans",
            channels=[
                {"id": CHANNEL, "name": "announcements"},
                {"id": NEWS, "name": "tv-news", "type": 5},
                # @everyone may not view this one, so neither may the bot
                {
                    "id": SECRET,
                    "name": "mods",
                    "permission_overwrites": [{"id": str(GUILD), "type": 0, "deny": str(1 << 10), "allow": "0"}],
                },
            ],
            owner_id=OWNER,
            system_channel_id=CHANNEL,
        )
        fd.add_member(GUILD, USER, permissions=MANAGE_GUILD, name="viewer")
        with point_discord_py_at(fd):
            yield fd
        assert not fd.errors, fd.errors


@dataclass
class Bot:
    client: discord.Client
    tree: app_commands.CommandTree[discord.Client]
    seen: dict[str, Any] = field(default_factory=dict)


def make_bot(**client_kwargs: Any) -> Bot:
    intents = discord.Intents.default()
    intents.members = intents.presences = intents.message_content = False  # no privileged intents
    client = discord.Client(intents=intents, allowed_mentions=discord.AllowedMentions.none(), **client_kwargs)
    tree = app_commands.CommandTree(client)
    bot = Bot(client, tree)
    guild = discord.Object(GUILD)

    @tree.command(name="ping", description="Is the bot alive?", guild=guild)
    async def ping(interaction: discord.Interaction, times: int = 1) -> None:
        response = await interaction.response.send_message("pong " * times, ephemeral=True)
        bot.seen["ping"] = (interaction, response)

    @tree.command(name="follow", description="Follow a show", guild=guild)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def follow(interaction: discord.Interaction, show: str) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.followup.send(f"Now following {show}", ephemeral=True)
        await interaction.edit_original_response(content=f"Done: {show}")

    @follow.autocomplete("show")
    async def follow_show(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=s, value=s) for s in SHOWS if s.lower().startswith(current.lower())]

    @follow.error
    async def follow_error(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await interaction.response.send_message(f"refused: {type(error).__name__}", ephemeral=True)

    settings = app_commands.Group(name="settings", description="Bot settings", guild_ids=[GUILD])

    @settings.command(name="channel", description="Where announcements go")
    async def settings_channel(interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        await interaction.response.send_message(f"announcing in {channel.mention}")

    tree.add_command(settings)
    return bot


def assert_closed(client: discord.Client) -> None:
    assert client.is_closed()
    assert client.http._HTTPClient__session.closed  # type: ignore[attr-defined]  # no "Unclosed client session"


@pytest.fixture
async def bot(fake: FakeDiscord, caplog: pytest.LogCaptureFixture) -> AsyncIterator[Bot]:
    """A connected, ready client (fast guild_ready_timeout); closed cleanly afterwards."""
    b = make_bot(guild_ready_timeout=0.05)
    async with run_client(b.client, fake):
        yield b
    assert_closed(b.client)
    gc.collect()
    await asyncio.sleep(0)
    assert "Unclosed" not in caplog.text
    assert not fake.unknown_requests, [r.key for r in fake.unknown_requests]


async def test_plain_client_becomes_ready_and_sees_guild(fake: FakeDiscord, caplog: pytest.LogCaptureFixture) -> None:
    b = make_bot()  # discord.py defaults: on_ready comes guild_ready_timeout (2 s) after GUILD_CREATE
    async with run_client(b.client, fake):
        client = b.client
        assert client.is_ready()
        assert client.user is not None and client.user.id == fake.bot_id
        assert client.application_id == fake.application_id
        guild = client.get_guild(GUILD)
        assert guild is not None and guild.name == "Series Fans"
        assert guild.owner_id == OWNER
        assert guild.system_channel is not None and guild.system_channel.id == CHANNEL
        assert {c.name for c in guild.text_channels} == {"announcements", "tv-news", "mods"}
        news = guild.get_channel(NEWS)
        assert isinstance(news, discord.TextChannel) and news.is_news()
        assert guild.me is not None and guild.me.guild_permissions.send_messages
        assert not guild.get_channel(SECRET).permissions_for(guild.me).view_channel  # type: ignore[union-attr]
    assert_closed(b.client)
    gc.collect()
    assert "Unclosed" not in caplog.text
    assert [r.key for r in fake.requests] == ["GET /users/@me", "GET /oauth2/applications/@me"]
    assert fake.unknown_requests == []
    (query,) = fake.gateway.connections
    assert query == {"v": "10", "encoding": "json", "compress": "zlib-stream"}  # answered zlib-compressed
    assert fake.gateway.identify_count == 1
    await fake.wait_until(lambda: not fake.gateway.has_live_session())


async def test_tree_sync_registers_guild_commands(fake: FakeDiscord, bot: Bot) -> None:
    synced = await bot.tree.sync(guild=discord.Object(GUILD))
    assert sorted(c.name for c in synced) == ["follow", "ping", "settings"]
    assert all(c.id and c.guild_id == GUILD for c in synced)
    put = await fake.wait_for_request(f"PUT /applications/{fake.application_id}/guilds/{GUILD}/commands")
    assert {c["name"] for c in put.json} == {"follow", "ping", "settings"}
    assert put.headers["Authorization"].startswith("Bot ")
    fetched = await bot.tree.fetch_commands(guild=discord.Object(GUILD))
    assert {c.id for c in fetched} == {c.id for c in synced}
    again = await bot.tree.sync(guild=discord.Object(GUILD))
    assert {c.id for c in again} == {c.id for c in synced}  # ids are stable per name, like Discord


async def test_slash_command_ephemeral_reply(fake: FakeDiscord, bot: Bot) -> None:
    await bot.tree.sync(guild=discord.Object(GUILD))
    interaction = await fake.slash_command(GUILD, CHANNEL, USER, "ping", {"times": 2})
    body = await fake.wait_callback(interaction)
    assert body["type"] == 4
    assert body["data"]["content"] == "pong pong "
    assert body["data"]["flags"] == 64
    callback = fake.requests[-1]
    assert callback.query == {"with_response": "1"}
    # discord.py parsed our with_response body into an InteractionCallbackResponse
    await fake.wait_until(lambda: "ping" in bot.seen)
    seen_interaction, response = bot.seen["ping"]
    assert seen_interaction.user.id == USER and seen_interaction.guild_id == GUILD
    assert seen_interaction.channel.id == CHANNEL
    assert isinstance(response, discord.InteractionCallbackResponse)
    assert response.is_ephemeral() and response.message_id == int(interaction.original["id"])  # type: ignore[index]
    assert isinstance(response.resource, discord.InteractionMessage)
    assert fake.channel_messages(CHANNEL) == []  # ephemeral replies are not in the channel


async def test_autocomplete_returns_choices(fake: FakeDiscord, bot: Bot) -> None:
    await bot.tree.sync(guild=discord.Object(GUILD))
    interaction = await fake.autocomplete(GUILD, CHANNEL, USER, "follow", {"show": "s"}, focused="show")
    body = await fake.wait_callback(interaction)
    assert body["type"] == 8
    assert [c["value"] for c in body["data"]["choices"]] == ["Severance", "Slow Horses", "Shogun"]


async def test_defer_followup_and_edit_original(fake: FakeDiscord, bot: Bot) -> None:
    interaction = await fake.slash_command(GUILD, CHANNEL, USER, "follow", {"show": "Severance"})
    assert (await fake.wait_callback(interaction)) == {"type": 5, "data": {"flags": 64}}
    followup = await fake.wait_followup(interaction)
    assert followup["content"] == "Now following Severance" and followup["flags"] & 64
    edited = await fake.wait_original_edit(interaction)
    assert edited["content"] == "Done: Severance"
    assert not edited["flags"] & 128  # no longer "thinking"


async def test_permission_check_uses_member_permissions(fake: FakeDiscord, bot: Bot) -> None:
    interaction = await fake.slash_command(GUILD, CHANNEL, USER, "follow", {"show": "Shogun"}, permissions=0)
    body = await fake.wait_callback(interaction)
    assert body["data"]["content"] == "refused: MissingPermissions"


async def test_subcommand_with_resolved_channel(fake: FakeDiscord, bot: Bot) -> None:
    await bot.tree.sync(guild=discord.Object(GUILD))
    interaction = await fake.slash_command(GUILD, CHANNEL, USER, "settings", {"channel": NEWS}, subcommand="channel")
    body = await fake.wait_callback(interaction)
    assert body["data"]["content"] == f"announcing in <#{NEWS}>"
    # a public reply is a message in the channel, sent by the application's webhook
    (message,) = fake.channel_messages(CHANNEL)
    assert message["webhook_id"] == str(fake.application_id)


async def test_channel_send_embed_lands(fake: FakeDiscord, bot: Bot) -> None:
    channel = bot.client.get_channel(CHANNEL)
    assert isinstance(channel, discord.TextChannel)
    embed = discord.Embed(title="Severance S3", description="Premieres soon", url="https://example.org/s3")
    embed.add_field(name="Network", value="Apple TV+")
    sent = await channel.send("@everyone new show!", embed=embed)
    (body,) = fake.messages(CHANNEL)
    assert body["embeds"][0]["title"] == "Severance S3"
    assert body["embeds"][0]["fields"] == [{"name": "Network", "value": "Apple TV+", "inline": True}]
    assert body["allowed_mentions"] == {"parse": []}
    assert body["nonce"] and body["enforce_nonce"] is True  # discord.py always sends one
    stored = fake.channel_messages(CHANNEL)[0]
    assert sent.id == int(stored["id"]) and sent.embeds[0].title == "Severance S3"
    assert stored["mention_everyone"] is False  # AllowedMentions.none() really suppresses the ping
    crossposted = await (await bot.client.get_channel(NEWS).send("news")).publish()  # type: ignore[union-attr]
    assert crossposted is None and fake.channel_messages(NEWS)[0]["flags"] & 1


async def test_file_upload_is_multipart(fake: FakeDiscord, bot: Bot) -> None:
    channel = bot.client.get_channel(CHANNEL)
    poster = discord.File(io.BytesIO(b"\x89PNG fake"), filename="poster.png")
    sent = await channel.send("poster", file=poster)  # type: ignore[union-attr]
    (body,) = fake.messages(CHANNEL)
    assert body["content"] == "poster" and body["attachments"][0]["filename"] == "poster.png"
    upload = fake.requests[-1]
    assert [(f["filename"], f["data"]) for f in upload.files] == [("poster.png", b"\x89PNG fake")]
    assert sent.attachments[0].filename == "poster.png"


async def test_429_with_via_is_retried_and_lands_once(fake: FakeDiscord, bot: Bot) -> None:
    fake.fail_next("POST /channels/{channel_id}/messages", 429, retry_after=0.2)
    channel = bot.client.get_channel(CHANNEL)
    await channel.send("after a rate limit")  # type: ignore[union-attr]
    posts = [r for r in fake.requests if r.key == f"POST /channels/{CHANNEL}/messages"]
    assert [r.status for r in posts] == [429, 200]
    assert posts[0].json == posts[1].json  # retried verbatim, same nonce
    assert [m["content"] for m in fake.messages(CHANNEL)] == ["after a rate limit"]
    assert fake.count_429 == 1


async def test_retry_after_5xx_is_deduplicated_by_nonce(fake: FakeDiscord, bot: Bot) -> None:
    # Discord created the message but the answer was lost; discord.py retries the 502 after 1 s
    fake.fail_next(f"POST /channels/{CHANNEL}/messages", 502, after_processing=True)
    message = await bot.client.get_channel(CHANNEL).send("exactly once")  # type: ignore[union-attr]
    statuses = [r.status for r in fake.requests if r.route == "/channels/{channel_id}/messages"]
    assert statuses == [502, 200]
    assert len(fake.messages(CHANNEL)) == 1
    assert message.id == int(fake.channel_messages(CHANNEL)[0]["id"])


async def test_403_and_404_raise(fake: FakeDiscord, bot: Bot) -> None:
    channel = bot.client.get_channel(CHANNEL)
    fake.fail_next("POST /channels/*/messages", 403)
    with pytest.raises(discord.Forbidden) as forbidden:
        await channel.send("nope")  # type: ignore[union-attr]
    assert forbidden.value.code == 50001 and forbidden.value.status == 403
    with pytest.raises(discord.Forbidden):  # real permission computation: @everyone can't see #mods
        await bot.client.get_channel(SECRET).send("hidden")  # type: ignore[union-attr]
    fake.delete_channel(CHANNEL)
    with pytest.raises(discord.NotFound) as missing:
        await channel.send("gone")  # type: ignore[union-attr]
    assert missing.value.code == 10003
    assert fake.messages(CHANNEL) == []


async def test_invalid_embed_is_rejected_like_discord(fake: FakeDiscord, bot: Bot) -> None:
    channel = bot.client.get_channel(CHANNEL)
    with pytest.raises(discord.HTTPException) as exc:
        await channel.send(embed=discord.Embed(title="x" * 300))  # type: ignore[union-attr]
    assert exc.value.status == 400 and exc.value.code == 50035
    assert "embeds.0.title" in str(exc.value)


async def test_rate_limit_buckets_and_global_limit(fake: FakeDiscord, bot: Bot) -> None:
    fake.set_rate_limit("POST /channels/{channel_id}/messages", limit=2, per=0.3)
    channel = bot.client.get_channel(CHANNEL)
    await asyncio.gather(*(channel.send(f"m{i}") for i in range(5)))  # type: ignore[union-attr]
    assert sorted(m["content"] for m in fake.messages(CHANNEL)) == [f"m{i}" for i in range(5)]
    ok = [r for r in fake.requests if r.route == "/channels/{channel_id}/messages" and r.status == 200]
    assert len(ok) == 5
    assert fake.count_429 == 0  # discord.py honoured X-RateLimit-Remaining/Reset-After

    fake.route_limits.clear()
    fake.global_limit_per_second = 3
    await asyncio.gather(*(bot.client.get_channel(NEWS).send(f"n{i}") for i in range(5)))  # type: ignore[union-attr]
    assert len(fake.messages(NEWS)) == 5
    assert fake.count_429 >= 1  # global 429s were served and retried


async def test_gateway_reconnect_and_dropped_connection_resume(fake: FakeDiscord, bot: Bot) -> None:
    await fake.request_reconnect()  # op 7: discord.py closes with 4000 and RESUMEs
    await fake.wait_until(lambda: fake.gateway.resume_count == 1)
    interaction = await fake.slash_command(GUILD, CHANNEL, USER, "ping")
    assert (await fake.wait_callback(interaction))["data"]["content"] == "pong "

    await fake.drop_connections(4000)  # abnormal close: RESUME again, missed events replayed
    interaction = await fake.slash_command(GUILD, CHANNEL, USER, "ping", {"times": 3})
    assert (await fake.wait_callback(interaction))["data"]["content"] == "pong pong pong "
    assert fake.gateway.resume_count == 2


async def test_gateway_invalid_session_reidentifies(fake: FakeDiscord, bot: Bot) -> None:
    async def identify_now(shard_id: int | None, *, initial: bool = False) -> None:
        pass  # discord.py's default hook sleeps 5 s before every non-initial IDENTIFY

    bot.client.before_identify_hook = identify_now  # type: ignore[method-assign]
    await fake.invalidate_sessions()  # op 9 false: a fresh IDENTIFY, READY, GUILD_CREATE
    await fake.wait_until(lambda: fake.gateway.identify_count == 2)
    interaction = await fake.slash_command(GUILD, CHANNEL, USER, "ping")
    assert (await fake.wait_callback(interaction))["type"] == 4
    await bot.client.wait_until_ready()
    assert bot.client.get_guild(GUILD) is not None
    assert len(fake.gateway.connections) == 2


async def test_dm_and_fetches(fake: FakeDiscord, bot: Bot) -> None:
    user = await bot.client.fetch_user(USER)
    await user.send("hello")
    dm_id = int(fake.open_dm(USER)["id"])  # the DM channel the client opened
    (body,) = fake.messages(dm_id)
    assert body["content"] == "hello"
    assert [r.key for r in fake.requests[-2:]] == ["POST /users/@me/channels", f"POST /channels/{dm_id}/messages"]
    channel = await bot.client.fetch_channel(NEWS)
    assert channel.name == "tv-news"  # type: ignore[union-attr]
    guild = await bot.client.fetch_guild(GUILD)
    assert guild.name == "Series Fans"
    assert {c.id for c in await guild.fetch_channels()} == {CHANNEL, NEWS, SECRET}


async def test_raw_http_contract(fake: FakeDiscord) -> None:
    fake.fail_next("GET /users/@me", 429, retry_after=1.5, global_=True)
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{fake.api_base}/users/@me") as resp:
            assert resp.status == 429
            assert resp.headers["Content-Type"] == "application/json"
            assert resp.headers["Via"] and resp.headers["Retry-After"] == "2"
            assert resp.headers["X-RateLimit-Global"] == "true"
            assert await resp.json() == {"message": "You are being rate limited.", "retry_after": 1.5, "global": True}
        async with session.get(f"{fake.api_base}/users/@me") as resp:
            assert resp.status == 200 and resp.headers["Content-Type"] == "application/json"
        async with session.get(f"{fake.api_base}/nope/123") as resp:
            assert resp.status == 404 and await resp.json() == {"message": "Unknown", "code": 0}
    assert [r.path for r in fake.unknown_requests] == ["/nope/123"]
    assert fake.count_429 == 1


async def test_raw_gateway_protocol(fake: FakeDiscord) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(fake.gateway_url + "?v=10&encoding=json") as ws:
            hello = await ws.receive_json()  # uncompressed: text frames
            assert hello["op"] == 10 and hello["d"]["heartbeat_interval"] == fake.heartbeat_interval_ms
            await ws.send_json({"op": 3, "d": {}})  # anything but HEARTBEAT before IDENTIFY
            assert (await ws.receive()).data == 4003  # close code: not authenticated
        async with session.ws_connect(fake.gateway_url + "?v=10&encoding=json&compress=zlib-stream") as ws:
            inflate = zlib.decompressobj()

            async def receive() -> dict[str, Any]:
                frame = await ws.receive_bytes()
                assert frame.endswith(b"\x00\x00\xff\xff")  # one Z_SYNC_FLUSH per message
                message: dict[str, Any] = json.loads(inflate.decompress(frame))
                return message

            assert (await receive())["op"] == 10
            await ws.send_json({"op": 2, "d": {"token": "t", "intents": 513, "properties": {}}})
            ready = await receive()
            assert ready["t"] == "READY" and ready["s"] == 1
            assert ready["d"]["guilds"] == [{"id": str(GUILD), "unavailable": True}]
            assert ready["d"]["resume_gateway_url"] == fake.gateway_url
            guild = await receive()
            assert guild["t"] == "GUILD_CREATE" and [m["user"]["id"] for m in guild["d"]["members"]] == [
                str(fake.bot_id)  # no GUILD_MEMBERS intent: only the bot's own member
            ]
            await ws.send_json({"op": 1, "d": 2})
            assert (await receive()) == {"op": 11, "d": None, "s": None, "t": None}


async def test_discord_logs_no_errors(fake: FakeDiscord, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="discord")
    b = make_bot(guild_ready_timeout=0.05)
    async with run_client(b.client, fake):
        interaction = await fake.slash_command(GUILD, CHANNEL, USER, "ping")
        await fake.wait_callback(interaction)
    problems = [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith("discord") and r.levelno >= logging.WARNING and "voice" not in r.getMessage()
    ]
    assert problems == []  # e.g. no "Unknown OP code", no rate-limit warnings, no parse errors
