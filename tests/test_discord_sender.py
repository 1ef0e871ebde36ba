"""The Discord sender: outcomes for each kind of refusal, the DM fallback, crossposting and pacing."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from rich.console import Console

from bot.app import bootstrap, start_adapter
from bot.destinations import Platform
from bot.discord.pacing import Pacer
from bot.discord.sender import mention_parts, nonce_for
from bot.model import SeriesFacts
from tests.fakes.discord_api import FakeDiscord
from tests.test_discord_e2e import (
    ADMIN,
    CHANNEL,
    GENERAL,
    GUILD,
    Bot,
    discord_settings,
    learn,
    subscribe,
)

pytest_plugins = ("tests.test_discord_e2e",)  # its fake and bot fixtures

NEWS = 222000000000000012


def test_nonce_and_mentions() -> None:
    assert nonce_for(42) == "seriesbot-42" and nonce_for(42) == nonce_for(42)
    assert len(nonce_for(10**30)) <= 25
    content, allowed = mention_parts("222000000000000200")
    assert content == "<@&222000000000000200>" and allowed.to_dict() == {"parse": [], "roles": [222000000000000200]}
    assert mention_parts("@everyone")[0] is None and mention_parts(None)[1].to_dict() == {"parse": []}


async def test_pacer_keeps_a_gap_per_channel_and_a_global_rate() -> None:
    now = [0.0]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    pacer = Pacer(2.0, 1.5, clock=lambda: now[0], sleep=sleep)
    for channel in (1, 2):  # two slots a second: no wait; each answered at once
        async with pacer.slot(channel):
            pass
    async with pacer.slot(3):  # both slots are free again one second after their answers
        pass
    assert slept == [1.0]
    async with pacer.slot(1):  # channel 1 posted at t=0; its gap ends at t=1.5
        pass
    assert slept == [1.0, 0.5] and now[0] == pytest.approx(1.5)


async def test_an_invalid_message_fails_alone_and_the_next_one_is_sent(bot: Bot) -> None:
    services, fake = bot.services, bot.fake
    feed_id, sub_id = await subscribe(services)
    for number in range(2):
        await learn(services, feed_id, SeriesFacts(title=f"Series {number}"), f"News {number}", f"n{number}")
    fake.fail_next("POST /channels/{channel_id}/messages", 400)
    await services.dispatcher.drain()
    assert await services.store.delivery_counts() == {"failed": 1, "sent": 1}
    (sub,) = await services.store.list_subscriptions(ids=[sub_id])
    assert sub.paused_reason is None
    assert [b["embeds"][0]["title"] for b in fake.messages(CHANNEL)] == ["Series 1"]


async def test_a_5xx_is_retried_later(bot: Bot) -> None:
    services, fake = bot.services, bot.fake
    feed_id, _ = await subscribe(services)
    await learn(services, feed_id, SeriesFacts(title="Later Series"), "News", "later")
    fake.fail_next("POST /channels/{channel_id}/messages", 503)
    await services.dispatcher.drain()
    assert await services.store.delivery_counts() == {"pending": 1}
    assert fake.messages(CHANNEL) == []


async def test_a_hanging_api_is_cut_off_and_retried_without_a_repeat(tmp_path: Path, fake: FakeDiscord) -> None:
    settings = discord_settings(tmp_path / "hang.db", fake, send_timeout="0.5s")
    async with bootstrap(settings, console=Console(file=io.StringIO())) as services:
        stop = await start_adapter(services, Platform.DISCORD, guild_ready_timeout=0.05)
        try:
            feed_id, _ = await subscribe(services)
            await learn(services, feed_id, SeriesFacts(title="Slow Series"), "News", "slow")
            # Discord creates the message, then the answer never comes in time.
            fake.fail_next("POST /channels/{channel_id}/messages", 502, hang=1.5, after_processing=True)
            await services.dispatcher.drain()
            assert await services.store.delivery_counts() == {"pending": 1}
            async with asyncio.timeout(5):  # the retry's backoff after one attempt is at most 2.4 s
                while await services.store.delivery_counts() != {"sent": 1}:
                    await asyncio.sleep(0.1)
                    await services.dispatcher.drain()
        finally:
            await stop()
    assert [m["embeds"][0]["title"] for m in fake.channel_messages(CHANNEL)] == ["Slow Series"]


async def test_forbidden_system_channel_falls_back_to_a_dm(bot: Bot) -> None:
    services, fake = bot.services, bot.fake
    feed_id, sub_id = await subscribe(services, channel=GENERAL)  # the system channel itself is lost
    await learn(services, feed_id, SeriesFacts(title="Hidden Series"), "News", "hidden")
    fake.fail_next("POST /channels/{channel_id}/messages", 403)
    await services.dispatcher.drain()
    (sub,) = await services.store.list_subscriptions(ids=[sub_id])
    assert sub.paused_reason and "Missing Access" in sub.paused_reason
    dm = int(fake.open_dm(ADMIN)["id"])
    (notice,) = fake.messages(dm)
    assert f"<#{GENERAL}>" in notice["embeds"][0]["description"] and "/feeds resume" in notice["embeds"][0][
        "description"]


async def test_announcement_channels_are_crossposted_when_asked(tmp_path: Path, fake: FakeDiscord) -> None:
    fake.add_channel(GUILD, {"id": NEWS, "name": "series-news", "type": 5})
    settings = discord_settings(tmp_path / "bot.db", fake, crosspost=True)
    async with bootstrap(settings, console=Console(file=io.StringIO())) as services:
        stop = await start_adapter(services, Platform.DISCORD, guild_ready_timeout=0.05)
        try:
            feed_id, _ = await subscribe(services, channel=NEWS)
            await subscribe(services, channel=CHANNEL)
            await learn(services, feed_id, SeriesFacts(title="Loud Series"), "News", "loud")
            await services.dispatcher.drain()
        finally:
            await stop()
    (message,) = fake.channel_messages(NEWS)
    assert message["flags"] & 1  # published to following servers
    assert not fake.channel_messages(CHANNEL)[0]["flags"] & 1
    assert not any(r.path.endswith("/crosspost") and f"/{CHANNEL}/" in r.path for r in fake.requests)
