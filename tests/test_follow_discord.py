"""Following a series on Discord: the real discord.py client against the fake, with the real store."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from bot.app import Services, bootstrap, start_adapter
from bot.destinations import Platform
from bot.model import Status
from bot.store.follows import Member
from tests.fakes.discord_api import FakeDiscord
from tests.test_discord_e2e import (
    ADMIN,
    CHANNEL,
    EPHEMERAL,
    GENERAL,
    GUILD,
    MEMBER,
    discord_settings,
    learn,
    soul_mate,
    subscribe,
)

FAN = 222000000000000102
FOLLOW_ID = re.compile(r"^seriesbot:follow:(\d+)$")


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fd:
        fd.add_guild(GUILD, "Series Fans", channels=[{"id": CHANNEL, "name": "series"},
                                                     {"id": GENERAL, "name": "general"}], system_channel_id=GENERAL)
        for user in (ADMIN, MEMBER, FAN):
            fd.add_member(GUILD, user, name=f"user-{user}")
        yield fd
        assert not fd.errors, fd.errors


@pytest.fixture
async def services(tmp_path: Path, fake: FakeDiscord) -> AsyncIterator[Services]:
    async with bootstrap(discord_settings(tmp_path / "bot.db", fake), console=Console(file=io.StringIO())) as wired:
        stop = await start_adapter(wired, Platform.DISCORD, guild_ready_timeout=0.05)
        try:
            yield wired
        finally:
            await stop()


async def dated(services: Services, feed_id: int, key: str, day: date) -> None:
    """Learn that Soul Mate got (or moved) its premiere date: an update."""
    facts = replace(soul_mate(), status=Status.PREMIERE_DATE, premiere_date=day)
    await learn(services, feed_id, facts, f"Soul Mate premieres {day:%B %d}", key)


async def deliver(services: Services) -> int:
    queued = await services.follows.fan_out()
    await services.dispatcher.drain()
    return queued


async def test_follow_with_autocomplete_then_one_dm_per_update(services: Services, fake: FakeDiscord) -> None:
    feed_id, _ = await subscribe(services)
    await learn(services, feed_id, soul_mate(), "Netflix Confirms “Soul Mate”", "soul-mate")
    inter = await fake.autocomplete(GUILD, CHANNEL, MEMBER, "follow", {"series": "Soul"}, focused="series")
    (choice, *_) = (await fake.wait_callback(inter))["data"]["choices"]
    assert choice["name"] == "Soul Mate"

    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "follow", {"series": choice["value"]})
    body = await fake.wait_callback(inter)
    assert body["data"]["flags"] == EPHEMERAL and "You now follow Soul Mate" in body["data"]["content"]
    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "follow", {"series": "Soul Mate"})
    assert "already follow" in (await fake.wait_callback(inter))["data"]["content"]

    await dated(services, feed_id, "date-1", date(2027, 3, 14))
    await dated(services, feed_id, "date-2", date(2027, 4, 2))
    assert await deliver(services) == 2
    assert await deliver(services) == 0  # each update is fanned out once

    dms = fake.dm_messages(MEMBER)
    assert len(dms) == 2 and len({dm["nonce"] for dm in dms}) == 2
    assert all(dm["content"] == "🔔 News about **Soul Mate**, which you follow:" for dm in dms)
    assert all(dm["allowed_mentions"] == {"parse": []} for dm in dms)
    assert fake.dm_messages(FAN) == []  # only followers hear of it
    assert (await services.store.delivery_counts()).keys() == {"sent"}

    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "following", {})
    listed = (await fake.wait_callback(inter))["data"]
    assert listed["flags"] == EPHEMERAL and "Soul Mate" in listed["embeds"][0]["description"]
    inter = await fake.autocomplete(GUILD, CHANNEL, MEMBER, "unfollow", {"series": "so"}, focused="series")
    (mine,) = (await fake.wait_callback(inter))["data"]["choices"]
    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "unfollow", {"series": mine["value"]})
    assert "You no longer follow Soul Mate" in (await fake.wait_callback(inter))["data"]["content"]
    await dated(services, feed_id, "date-3", date(2027, 5, 1))
    assert await deliver(services) == 0


async def test_the_follow_button_on_a_card_works_after_a_restart(tmp_path: Path, fake: FakeDiscord) -> None:
    settings = discord_settings(tmp_path / "bot.db", fake)
    async with bootstrap(settings, console=Console(file=io.StringIO())) as services:
        stop = await start_adapter(services, Platform.DISCORD, guild_ready_timeout=0.05)
        feed_id, _ = await subscribe(services)
        await learn(services, feed_id, soul_mate(), "Netflix Confirms “Soul Mate”", "soul-mate")
        await services.dispatcher.drain()
        await stop()
    (card,) = fake.channel_messages(CHANNEL)
    ((button,),) = [row["components"] for row in card["components"]]
    assert button["label"] == "Follow" and FOLLOW_ID.match(button["custom_id"])

    async with bootstrap(settings, console=Console(file=io.StringIO())) as services:
        stop = await start_adapter(services, Platform.DISCORD, guild_ready_timeout=0.05)
        try:
            inter = await fake.click(GUILD, CHANNEL, FAN, card, button["custom_id"])
            body = await fake.wait_callback(inter)
            assert body["type"] == 4 and body["data"]["flags"] == EPHEMERAL
            assert "You now follow Soul Mate" in body["data"]["content"]
            followed = await services.follows.follows.following(Member(Platform.DISCORD, str(FAN)))
            assert [series.title for series in followed] == ["Soul Mate"]
        finally:
            await stop()


async def test_a_member_who_refuses_dms_is_marked_and_keeps_the_follow(services: Services,
                                                                       fake: FakeDiscord) -> None:
    feed_id, _ = await subscribe(services)
    await learn(services, feed_id, soul_mate(), "Netflix Confirms “Soul Mate”", "soul-mate")
    for user in (MEMBER, FAN):
        inter = await fake.slash_command(GUILD, CHANNEL, user, "follow", {"series": "Soul Mate"})
        await fake.wait_callback(inter)
    fake.refuse_dms(MEMBER)

    await dated(services, feed_id, "date-1", date(2027, 3, 14))
    await dated(services, feed_id, "date-0", date(2027, 3, 15))
    assert await deliver(services) == 4
    assert fake.dm_messages(MEMBER) == [] and len(fake.dm_messages(FAN)) == 2
    # Three cards in the channel, the fan's two DMs; the refused DMs failed for good, not retried, and once the
    # member was marked the second was not even tried.
    assert await services.store.delivery_counts() == {"sent": 5, "failed": 2}

    await dated(services, feed_id, "date-2", date(2027, 4, 2))
    assert await deliver(services) == 1  # the refusing member is told nothing further
    refused_posts = [r for r in fake.requests if r.method == "POST" and r.status == 403]
    assert len(refused_posts) == 1

    fake.refuse_dms(MEMBER, refused=False)
    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "following", {})
    listed = (await fake.wait_callback(inter))["data"]["embeds"][0]
    assert "Soul Mate" in listed["description"] and "try again" in listed["title"]
    await dated(services, feed_id, "date-3", date(2027, 5, 1))
    assert await deliver(services) == 2
    assert len(fake.dm_messages(MEMBER)) == 1 and len(fake.dm_messages(FAN)) == 4


async def test_a_member_may_follow_at_most_the_configured_number(tmp_path: Path, fake: FakeDiscord) -> None:
    settings = discord_settings(tmp_path / "bot.db", fake)
    settings = settings.model_copy(update={"file": settings.file.model_copy(
        update={"follow": settings.file.follow.model_copy(update={"max_per_member": 1})})})
    async with bootstrap(settings, console=Console(file=io.StringIO())) as services:
        stop = await start_adapter(services, Platform.DISCORD, guild_ready_timeout=0.05)
        try:
            feed_id, _ = await subscribe(services)
            await learn(services, feed_id, soul_mate(), "Netflix Confirms “Soul Mate”", "soul-mate")
            await learn(services, feed_id, replace(soul_mate(), title="Moonlit Bakery", cast=()),
                        "Netflix orders “Moonlit Bakery”", "moonlit")
            for title, expected in (("Soul Mate", "You now follow"), ("Moonlit Bakery", "the most allowed")):
                inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "follow", {"series": title})
                assert expected in (await fake.wait_callback(inter))["data"]["content"]
        finally:
            await stop()
