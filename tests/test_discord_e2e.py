"""The Discord adapter end to end: the real discord.py client against the local fake Discord."""

from __future__ import annotations

import asyncio
import gc
import io
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import discord.gateway
import discord.http
import pytest
from rich.console import Console

from bot.app import Services, bootstrap, start_adapter
from bot.commands import NOT_ADMIN
from bot.config import Secrets, Settings
from bot.destinations import Destination, Platform
from bot.model import CastMember, Entry, Kind, SeriesFacts, Status
from bot.pipeline import FeedWork, NewEntry
from tests.conftest import make_settings
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.feed_server import FeedServer, rss

GUILD = 222000000000000001
CHANNEL = 222000000000000010
GENERAL = 222000000000000011
HIDDEN = 222000000000000013
ADMIN = 222000000000000100
MEMBER = 222000000000000101
ROLE = 222000000000000200
MANAGE_GUILD = 1 << 5
EPHEMERAL = 1 << 6
LIVE_MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d", re.IGNORECASE)

SEED = {"title": "Box Office: ‘Steel Horizon’ Tops the Weekend", "guid": "seed-1",
        "pubDate": "Sun, 01 Nov 2026 09:00:00 +0000",
        "description": "The action film ‘Steel Horizon’ earned $48 million at the box office."}
ORDER = {"title": "Netflix Orders Drama Series “Moonlit Bakery”", "guid": "order-1",
         "link": "https://news.test/moonlit-bakery", "pubDate": "Mon, 02 Nov 2026 09:00:00 +0000",
         "description": "Netflix has ordered “Moonlit Bakery,” a Korean romantic comedy series starring "
                        "Kim Seo Yeon and Lee Jun Ho."}


@dataclass
class Bot:
    services: Services
    fake: FakeDiscord


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fd:
        deny_view = [{"id": str(GUILD), "type": 0, "deny": str(1 << 10), "allow": "0"}]
        channels = [{"id": CHANNEL, "name": "series"}, {"id": GENERAL, "name": "general"},
                    {"id": HIDDEN, "name": "mods", "permission_overwrites": deny_view}]
        fd.add_guild(GUILD, "Series Fans", channels=channels, system_channel_id=GENERAL)
        fd.add_member(GUILD, ADMIN, permissions=MANAGE_GUILD, name="admin")
        fd.add_member(GUILD, MEMBER, name="member")
        fd.add_role(GUILD, ROLE, "k-drama fans")
        yield fd
        assert not fd.errors, fd.errors


def discord_settings(database: Path, fake: FakeDiscord, **discord_options: Any) -> Settings:
    base = make_settings(database, console={"enabled": "off"},
                         discord={"api_base": fake.api_base, "gateway_url": fake.gateway_url, "guild_id": GUILD,
                                  "per_channel_interval": "10ms", **discord_options})
    return Settings(file=base.file, secrets=Secrets(discord_token="fake-token"), source="test")


@pytest.fixture
async def bot(tmp_path: Path, fake: FakeDiscord, caplog: pytest.LogCaptureFixture) -> AsyncIterator[Bot]:
    before = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    async with bootstrap(discord_settings(tmp_path / "bot.db", fake), console=Console(file=io.StringIO())) as wired:
        stop = await start_adapter(wired, Platform.DISCORD, guild_ready_timeout=0.05)
        try:
            assert fake.api_base == discord.http.Route.BASE
            yield Bot(wired, fake)
        finally:
            await stop()
    assert before == (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    assert not fake.unknown_requests, [r.key for r in fake.unknown_requests]
    gc.collect()
    assert "Unclosed" not in caplog.text and "Task was destroyed" not in caplog.text


async def subscribe(services: Services, channel: int = CHANNEL, mention: str | None = None) -> tuple[int, int]:
    feed, _ = await services.store.add_feed("https://feed.test/rss", now=services.clock())
    sub = await services.store.add_subscription(feed.id, Destination(Platform.DISCORD, str(channel), str(GUILD)),
                                                now=services.clock(), mention=mention, created_by=str(ADMIN))
    return feed.id, sub.id


async def learn(services: Services, feed_id: int, facts: SeriesFacts, headline: str, key: str,
                summary: str = "") -> None:
    entry = Entry("https://feed.test/rss", key, headline, link=f"https://news.test/{key}", summary=summary,
                  published=datetime(2026, 11, 2, 9, tzinfo=UTC), source_name="Series News")
    # As a poll does: the pipeline's writer commits, then tells its listeners (the title index, enrichment).
    await services.pipeline.commit(FeedWork(feed_id, [NewEntry(entry, [facts], post=True)]))
    services.catalog.mark_changed()


def soul_mate() -> SeriesFacts:
    return SeriesFacts(title="Soul Mate", platform="Netflix", kind=Kind.DRAMA, status=Status.ANNOUNCED,
                       cast=(CastMember("Kim Seo Yeon", "Yoon Seo-ah"),), countries=("South Korea",),
                       genres=("romance",), synopsis="Two strangers keep meeting in their dreams.")


async def test_commands_are_synced_once_and_health_reports_ready(tmp_path: Path, fake: FakeDiscord) -> None:
    settings = discord_settings(tmp_path / "bot.db", fake)
    for _ in range(2):
        async with bootstrap(settings, console=Console(file=io.StringIO())) as services:
            stop = await start_adapter(services, Platform.DISCORD, guild_ready_timeout=0.05)
            assert services.health.connections["discord"]() is True
            await stop()
    assert sorted(c["name"] for c in fake.commands[GUILD]) == ["feeds", "follow", "following", "latest", "series",
                                                          "unfollow", "upcoming"]
    feeds = next(c for c in fake.commands[GUILD] if c["name"] == "feeds")
    assert int(feeds["default_member_permissions"]) == MANAGE_GUILD
    puts = [r for r in fake.requests if r.method == "PUT" and r.path.endswith("/commands")]
    assert len(puts) == 1  # the second start found the same command hash beside the database
    assert (tmp_path / "discord-commands.json").exists()


async def test_shard_settings_start_a_sharded_client(tmp_path: Path, fake: FakeDiscord) -> None:
    settings = discord_settings(tmp_path / "bot.db", fake, shard_count=1, shard_ids=[0])
    async with bootstrap(settings, console=Console(file=io.StringIO())) as services:
        stop = await start_adapter(services, Platform.DISCORD, guild_ready_timeout=0.05)
        try:
            inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "latest", {})
            assert (await fake.wait_callback(inter))["data"]["embeds"][0]["title"] == "Latest series news"
        finally:
            await stop()
    assert fake.gateway.identify_count == 1


async def test_feeds_add_then_a_poll_posts_one_card_pinging_only_the_role(
        bot: Bot, feed_server: FeedServer) -> None:
    services, fake = bot.services, bot.fake
    url = feed_server.set("/kdrama", rss([SEED]))
    inter = await fake.slash_command(GUILD, CHANNEL, ADMIN, "feeds", {"url": url, "mention_role": ROLE},
                                     subcommand="add")
    assert (await fake.wait_callback(inter)) == {"type": 5, "data": {"flags": EPHEMERAL}}
    reply = await fake.wait_followup(inter)
    assert reply["content"].startswith("Added") and f"<#{CHANNEL}>" in reply["content"]
    (sub,) = await services.store.list_subscriptions(platform=Platform.DISCORD)
    assert (sub.destination.channel, sub.destination.workspace, sub.mention) == (str(CHANNEL), str(GUILD), str(ROLE))
    assert sub.created_by == str(ADMIN)
    inter = await fake.slash_command(GUILD, CHANNEL, ADMIN, "feeds", {"url": url, "platforms": "Netflix"},
                                     subcommand="add")
    await fake.wait_callback(inter)
    assert (await fake.wait_followup(inter))["content"].startswith(
        f"Updated {url} for <#{CHANNEL}>: filters: platforms: Netflix (were: everything)")
    (sub,) = await services.store.list_subscriptions(platform=Platform.DISCORD)
    assert (sub.filters.platforms, sub.mention) == (("Netflix",), str(ROLE))
    inter = await fake.slash_command(GUILD, CHANNEL, ADMIN, "feeds", {"url": url, "mention_role": GUILD},
                                     subcommand="add")
    await fake.wait_callback(inter)
    refused = (await fake.wait_followup(inter))["content"]
    assert "That mention cannot be used: pick a role to mention, not @" in refused

    await services.poller.poll_due(every=True)  # the first poll only learns what is there
    feed_server.set("/kdrama", rss([ORDER, SEED]))
    await services.poller.poll_due(every=True)
    await services.dispatcher.drain()

    (body,) = fake.messages(CHANNEL)
    assert body["content"] == f"<@&{ROLE}>"
    assert body["allowed_mentions"] == {"parse": [], "roles": [ROLE]}
    assert re.fullmatch(r"seriesbot-\d+", body["nonce"]) and body["enforce_nonce"] is True
    (embed,) = body["embeds"]
    assert embed["title"] == "Moonlit Bakery" and embed["url"] == "https://news.test/moonlit-bakery"
    assert {f["name"]: f["value"] for f in embed["fields"]}["Platform"] == "Netflix"
    (stored,) = fake.channel_messages(CHANNEL)
    assert stored["mention_roles"] == [str(ROLE)] and stored["mention_everyone"] is False
    assert await services.store.delivery_counts() == {"sent": 1}


async def test_feeds_add_is_refused_to_non_admins_and_for_bad_filters(bot: Bot, feed_server: FeedServer) -> None:
    services, fake = bot.services, bot.fake
    url = feed_server.set("/kdrama", rss([SEED]))
    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "feeds", {"url": url}, subcommand="add")
    body = await fake.wait_callback(inter)
    assert body["type"] == 4 and body["data"]["flags"] == EPHEMERAL
    assert NOT_ADMIN.text in body["data"]["content"]
    inter = await fake.slash_command(GUILD, CHANNEL, ADMIN, "feeds", {"url": url, "kinds": "drama, telenovela"},
                                     subcommand="add")
    body = await fake.wait_callback(inter)
    assert "kinds: unknown telenovela" in body["data"]["content"] and body["data"]["flags"] == EPHEMERAL
    inter = await fake.slash_command(GUILD, CHANNEL, ADMIN, "feeds", {"url": url + "\u202e"}, subcommand="add")
    assert "bidirectional" in (await fake.wait_callback(inter))["data"]["content"]
    assert await services.store.list_feeds() == []
    assert await services.store.list_subscriptions() == []
    inter = await fake.slash_command(GUILD, CHANNEL, ADMIN, "feeds", {"url": url, "channel": HIDDEN},
                                     subcommand="add")
    content = (await fake.wait_callback(inter))["data"]["content"]
    assert f"I cannot post in <#{HIDDEN}>: I need View Channel, Send Messages, Embed Links there." in content
    assert not feed_server.hits("/kdrama")  # nothing was even fetched


async def test_series_autocomplete_and_card(bot: Bot) -> None:
    services, fake = bot.services, bot.fake
    feed_id, _ = await subscribe(services)
    await learn(services, feed_id, soul_mate(), "Netflix Confirms “Soul Mate”", "soul-mate")
    started = asyncio.get_running_loop().time()
    inter = await fake.autocomplete(GUILD, CHANNEL, MEMBER, "series", {"title": "Sou"}, focused="title")
    body = await fake.wait_callback(inter)
    assert asyncio.get_running_loop().time() - started < 1.0
    assert body["type"] == 8
    choices = body["data"]["choices"]
    assert {"name": "Soul Mate", "value": choices[0]["value"]} in choices and len(choices) <= 25

    for title in ("Soul Mate", choices[0]["value"]):
        inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "series", {"title": title})
        body = await fake.wait_callback(inter)
        assert body["type"] == 4 and not body["data"].get("flags")
        (embed,) = body["data"]["embeds"]
        assert embed["title"] == "Soul Mate" and embed["description"] == "Two strangers keep meeting in their dreams."
        news = {f["name"]: f["value"] for f in embed["fields"]}["Latest news"]
        assert "[Netflix Confirms “Soul Mate”](https://news.test/soul-mate)" in news

    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "series", {"title": "Sole Mate"})
    body = await fake.wait_callback(inter)
    assert "Soul Mate" in body["data"]["embeds"][0]["description"] and body["data"]["flags"] == EPHEMERAL


async def test_an_everyone_headline_pings_no_one(bot: Bot) -> None:
    services, fake = bot.services, bot.fake
    feed_id, _ = await subscribe(services)
    facts = SeriesFacts(title="@everyone Loves Raymond", platform="Netflix",
                        cast=(CastMember("@here", "<@&123456789012345678>"),))
    await learn(services, feed_id, facts, "@everyone @here new show!", "everyone", summary="@everyone look <@1234>")
    await services.dispatcher.drain()
    (body,) = fake.messages(CHANNEL)
    assert body["allowed_mentions"] == {"parse": []} and not body.get("content")
    assert not any(LIVE_MENTION.search(text) for text in _strings(body["embeds"]))
    (stored,) = fake.channel_messages(CHANNEL)
    assert stored["mention_everyone"] is False and stored["mentions"] == [] and stored["mention_roles"] == []


async def test_a_later_season_posts_a_season_card_then_season_updates(bot: Bot) -> None:
    services, fake = bot.services, bot.fake
    feed_id, _ = await subscribe(services)
    await learn(services, feed_id, replace(soul_mate(), season=4, status=Status.RENEWED),
                "Soul Mate Renewed For Season 4", "season-4")
    dated = replace(soul_mate(), season=4, status=Status.PREMIERE_DATE, premiere_date=date(2027, 3, 9))
    await learn(services, feed_id, dated, "Soul Mate Season 4 Sets Its Premiere", "season-4-date")
    await services.dispatcher.drain()
    cards = {body["embeds"][0]["author"]["name"]: body["embeds"][0] for body in fake.messages(CHANNEL)}
    assert set(cards) == {"Season 4 · Renewed", "Series update"}
    assert {field["name"]: field["value"] for field in cards["Season 4 · Renewed"]["fields"]}["Season"] == "4"
    assert cards["Series update"]["description"].startswith("**Season 4 premiere date set: 9 March 2027**")


async def test_a_429_storm_loses_nothing_and_duplicates_nothing(bot: Bot) -> None:
    services, fake = bot.services, bot.fake
    feed_id, _ = await subscribe(services)
    for number in range(4):
        facts = SeriesFacts(title=f"Storm Series {number}", platform="tvN", kind=Kind.DRAMA)
        await learn(services, feed_id, facts, f"tvN orders Storm Series {number}", f"storm-{number}")
    # Six 429s in a row outlast discord.py's own five tries; then a 502 after Discord already created it.
    fake.fail_next("POST /channels/{channel_id}/messages", 429, count=6, retry_after=0.05)
    fake.fail_next("POST /channels/{channel_id}/messages", 502, after_processing=True)
    async with asyncio.timeout(8):
        while (await services.store.delivery_counts()).get("pending"):
            await services.dispatcher.drain()
            await asyncio.sleep(0.1)
    assert await services.store.delivery_counts() == {"sent": 4}
    posted = fake.messages(CHANNEL)
    assert sorted(b["embeds"][0]["title"] for b in posted) == [f"Storm Series {n}" for n in range(4)]
    assert len({b["nonce"] for b in posted}) == 4
    assert fake.count_429 == 6


async def test_a_deleted_channel_pauses_its_subscription_and_tells_the_admins(bot: Bot) -> None:
    services, fake = bot.services, bot.fake
    feed_id, sub_id = await subscribe(services)
    fake.delete_channel(CHANNEL)
    for number in range(2):
        await learn(services, feed_id, SeriesFacts(title=f"Lost Series {number}", platform="Netflix"),
                    f"Netflix orders Lost Series {number}", f"lost-{number}")
    await services.dispatcher.drain()
    (sub,) = await services.store.list_subscriptions(ids=[sub_id])
    assert sub.paused_reason and "no longer exists" in sub.paused_reason
    assert await services.store.delivery_counts() == {"failed": 2}
    (notice,) = fake.messages(GENERAL)  # one notice, not one per lost delivery
    text = notice["embeds"][0]["description"]
    assert f"<#{CHANNEL}>" in text and "no longer exists" in text and "/feeds add" in text
    assert fake.messages(CHANNEL) == []


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []
