"""The weekly digest through the real clients: an admin turns it on by command, it posts once at its time."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console

from bot.app import Services, bootstrap, start_adapter
from bot.destinations import Destination, Platform
from bot.digest import Digests
from bot.model import Status
from bot.store.digests import DigestStore
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.slack_api import DEFAULT_TEAM_ID, FakeSlack
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
from tests.test_slack_e2e import NEWS, SOUL_MATE, slack_settings, slash, text_of
from tests.test_slack_e2e import learn as slack_learn
from tests.test_slack_e2e import subscribe as slack_subscribe

MANAGE_GUILD = 1 << 5
# In the past, so that the queued digest is due for the outbox, which reads the real clock.
MONDAY_0900_SEOUL = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fd:
        fd.add_guild(GUILD, "Series Fans", channels=[{"id": CHANNEL, "name": "series"},
                                                     {"id": GENERAL, "name": "general"}], system_channel_id=GENERAL)
        fd.add_member(GUILD, ADMIN, permissions=MANAGE_GUILD, name="admin")
        fd.add_member(GUILD, MEMBER, name="member")
        yield fd
        assert not fd.errors, fd.errors


async def test_discord_admin_turns_the_digest_on_and_it_posts_once(tmp_path: Path, fake: FakeDiscord) -> None:
    async with bootstrap(discord_settings(tmp_path / "bot.db", fake), console=Console(file=io.StringIO())) as services:
        stop = await start_adapter(services, Platform.DISCORD, guild_ready_timeout=0.05)
        try:
            await discord_digest(services, fake)
        finally:
            await stop()


async def discord_digest(services: Services, fake: FakeDiscord) -> None:
    feed_id, _ = await subscribe(services)
    await learn(services, feed_id, replace(soul_mate(), status=Status.PREMIERE_DATE, premiere_date=date(2026, 11, 25)),
                "Soul Mate premieres 25 November", "soul-date")
    await services.dispatcher.drain()
    options = {"weekday": "mon", "time": "09:00", "timezone": "Asia/Seoul"}
    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "feeds", options, subcommand="digest")
    assert (await fake.wait_callback(inter))["data"]["flags"] == EPHEMERAL
    inter = await fake.autocomplete(GUILD, CHANNEL, ADMIN, "feeds", {**options, "timezone": "seoul"},
                                    focused="timezone", subcommand="digest")
    assert (await fake.wait_callback(inter))["data"]["choices"] == [{"name": "Asia/Seoul", "value": "Asia/Seoul"}]
    inter = await fake.slash_command(GUILD, CHANNEL, ADMIN, "feeds", options, subcommand="digest")
    body = await fake.wait_callback(inter)
    assert body["data"]["flags"] == EPHEMERAL and "every Monday at 09:00 (Asia/Seoul)" in body["data"]["content"]
    schedule = await DigestStore(services.store).get(Destination(Platform.DISCORD, str(CHANNEL), str(GUILD)))
    assert schedule is not None and schedule.created_by == str(ADMIN)
    await backdate(services, schedule.destination)

    for minutes in (-1, 0, 1, 30):
        clock = MONDAY_0900_SEOUL + timedelta(minutes=minutes)
        await Digests(services.store, clock=lambda c=clock: c, grace=3600).run_due()
        await services.dispatcher.drain()
    _card, digest = fake.messages(CHANNEL)
    assert digest["embeds"][0]["title"] == "Premieres this week (23 Nov – 29 Nov)"
    assert digest["embeds"][1]["title"] == "Wednesday 25 November"
    assert "**Soul Mate** — Netflix" in digest["embeds"][1]["description"]
    assert digest["nonce"].startswith("seriesbot-") and digest["allowed_mentions"] == {"parse": []}


async def backdate(services: Services, destination: Destination) -> None:
    """Make the schedule older than the Monday the test drives to, as if set the week before."""
    schedule = await DigestStore(services.store).get(destination)
    assert schedule is not None
    await DigestStore(services.store).put(destination, weekday=schedule.weekday, at_time=schedule.at_time,
                                          timezone=schedule.timezone, now=MONDAY_0900_SEOUL - timedelta(days=3),
                                          created_by=schedule.created_by)


async def test_slack_admin_turns_the_digest_on_and_it_posts_once(tmp_path: Path) -> None:
    async with FakeSlack() as fake:
        fake.add_channel(NEWS, "news")
        fake.add_user("U0ADMIN", "ada", is_admin=True)
        fake.add_user("U0MEMBER", "max")
        async with bootstrap(slack_settings(tmp_path, fake)) as services:
            runtime = await start_adapter(services, Platform.SLACK)
            try:
                feed_id = await slack_subscribe(services)
                await slack_learn(services, feed_id, ("Soul Mate premieres 25 November", replace(
                    SOUL_MATE, status=Status.PREMIERE_DATE, premiere_date=date(2026, 11, 25))))
                await services.dispatcher.drain(within=5)
                assert await slash(runtime, fake, "/feeds", "digest mon 09:00", "refused", user="U0MEMBER") == 200
                assert "Only workspace admins" in text_of(await fake.wait_response("refused"))
                assert await slash(runtime, fake, "/feeds", "digest fri 9am", "usage") == 200
                assert "not a time of day" in text_of(await fake.wait_response("usage"))
                assert await slash(runtime, fake, "/feeds", f"digest <#{NEWS}|news> mon 09:00 Asia/Seoul",
                                   "set") == 200
                assert "every Monday at 09:00 (Asia/Seoul)" in text_of(await fake.wait_response("set"))
                await backdate(services, Destination(Platform.SLACK, NEWS, DEFAULT_TEAM_ID))
                for minutes in (0, 2, 60):
                    clock = MONDAY_0900_SEOUL + timedelta(minutes=minutes)
                    await Digests(services.store, clock=lambda c=clock: c, grace=3600).run_due()
                    await services.dispatcher.drain(within=5)
                assert await slash(runtime, fake, "/feeds", "digest list", "listed") == 200
                assert f"<#{NEWS}>" in text_of(await fake.wait_response("listed"))
            finally:
                await runtime()
        _card, digest = fake.messages(NEWS)
    assert digest["metadata"]["event_type"] == "seriesbot_digest"
    assert digest["blocks"][0]["text"]["text"] == "Premieres this week (23 Nov – 29 Nov)"
    assert "*Soul Mate* · Netflix" in text_of(digest["blocks"])
