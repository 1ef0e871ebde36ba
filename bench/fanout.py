"""Fan-out: one announcement to 1,000 Discord channels and to 200 Slack channels.

The real adapters (`start_adapter`: Discord and Slack) and the real outbox (`Dispatcher.run`) post
through the real discord.py and slack_sdk clients to the local fakes of tests/fakes, which run in
this process on 127.0.0.1. The announcement is queued the way a poll queues it, with
`bot.pipeline.store_entries` of one entry and its facts for every subscribed channel; the clock runs
from that commit to the moment the fake has accepted the last message.

Discord: `discord.rate_limit_per_second = 50` and the fake enforces a global 50 requests/s
(`global_limit_per_second`), so 1,000 posts cannot take less than 20 s; the target is 1.1 × that.
Slack: the fake enforces Slack's one message per second per channel; there is no global bound.
"""

from __future__ import annotations

import asyncio
import io
import logging
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.common import Row, row, wait_until

PART = "fan-out"
GUILD = 333000000000000001
FIRST_CHANNEL = 333000000000100000
DISCORD_RATE = 50
BOUND_FACTOR = 1.1


def _settings(folder: Path, **sections: Any) -> Any:
    from bot.config import FileSettings, Secrets, Settings

    data: dict[str, Any] = {"store": {"url": f"sqlite+aiosqlite:///{folder / 'fanout.db'}"},
                            "fetch": {"allow_private_networks": True}, "console": {"enabled": "off"}}
    secrets = sections.pop("secrets")
    return Settings(file=FileSettings.model_validate({**data, **sections}), secrets=Secrets(**secrets),
                    source="bench")


async def _queue_announcement(services: Any, destinations: list[Any]) -> tuple[int, float]:
    """Subscribe one feed to every destination, then ingest one announcement; return (deliveries, seconds)."""
    from bot.model import CastMember, Entry, Kind, SeriesFacts, Status
    from bot.pipeline import NewEntry, store_entries

    now = services.clock()
    feed, _ = await services.store.add_feed("https://news.example/tv/feed", now=now)
    for destination in destinations:
        await services.store.add_subscription(feed.id, destination, now=now, created_by="bench")
    entry = Entry(feed.url, "bench-announcement", "Netflix Orders Drama Series “Harbor Lights”",
                  link="https://news.example/tv/harbor-lights", summary="Netflix has ordered “Harbor Lights”, "
                  "a drama series starring Kim Seo Yeon as a ferry captain.",
                  published=datetime.now(UTC), source_name="Entertainment Wire")
    facts = SeriesFacts(title="Harbor Lights", platform="Netflix", kind=Kind.DRAMA, status=Status.ANNOUNCED,
                        cast=(CastMember("Kim Seo Yeon", "Captain Yoon"),), countries=("South Korea",))
    start = time.perf_counter()
    written = await store_entries(services.store, feed.id, [NewEntry(entry, [facts], post=True)], now=now)
    return written.deliveries, time.perf_counter() - start


async def discord_fanout(folder: Path, channels: int) -> list[Row]:
    """Post one announcement to `channels` Discord channels under a 50 requests/s global limit."""
    from rich.console import Console

    from bot.app import bootstrap, start_adapter
    from bot.destinations import Destination, Platform
    from tests.fakes.discord_api import FAKE_TOKEN, FakeDiscord

    bound = channels / DISCORD_RATE
    async with FakeDiscord() as fake:
        ids = [FIRST_CHANNEL + index for index in range(channels)]
        fake.add_guild(GUILD, "Series Fans", channels=[{"id": i, "name": f"tv-{n}"} for n, i in enumerate(ids)],
                       system_channel_id=ids[0])
        settings = _settings(folder, discord={"api_base": fake.api_base, "gateway_url": fake.gateway_url,
                                              "guild_id": GUILD, "rate_limit_per_second": DISCORD_RATE},
                             secrets={"discord_token": FAKE_TOKEN})
        async with bootstrap(settings, console=Console(file=io.StringIO())) as services:
            stop = await start_adapter(services, Platform.DISCORD, guild_ready_timeout=0.1)
            outbox = asyncio.create_task(services.dispatcher.run(), name="outbox")
            try:
                fake.global_limit_per_second = DISCORD_RATE
                fake.count_429 = 0
                destinations = [Destination(Platform.DISCORD, str(i), str(GUILD)) for i in ids]
                queued, ingest_s = await _queue_announcement(services, destinations)
                start = time.perf_counter()
                services.dispatcher.wake()

                def posted() -> int:
                    return sum(len(bodies) for bodies in fake.posted.values())

                complete = await wait_until(lambda: posted() >= channels, within=bound * 3 + 10)
                elapsed = time.perf_counter() - start
                count_429 = fake.count_429
                delivered = posted()
            finally:
                outbox.cancel()
                await asyncio.gather(outbox, return_exceptions=True)
                await stop()
    limit = BOUND_FACTOR * bound
    note = (f"{delivered} of {queued} messages posted{'' if complete else ' (timed out)'}; bound {bound:.0f} s "
            f"= {channels} / {DISCORD_RATE} per s; ingest of the {queued} deliveries {ingest_s:.2f} s")
    return [
        row(PART, f"Discord, {channels:,} channels", "time to last message",
            f"{elapsed:.2f} s ({elapsed / bound:.2f} × bound)", f"≤ {limit:.0f} s ({BOUND_FACTOR} × bound)",
            complete and elapsed <= limit, note),
        row(PART, f"Discord, {channels:,} channels", "HTTP 429 answers", count_429, "0", count_429 == 0,
            "the fake enforces a global 50 requests/s over a sliding second"),
    ]


async def slack_fanout(folder: Path, channels: int) -> list[Row]:
    """Post one announcement to `channels` Slack channels, Slack's 1 message/s/channel enforced."""
    from rich.console import Console

    from bot.app import bootstrap, start_adapter
    from bot.destinations import Destination, Platform
    from tests.fakes.slack_api import DEFAULT_BOT_TOKEN, FakeSlack

    async with FakeSlack() as fake:
        ids = [f"C{index:08d}" for index in range(channels)]
        for index, channel in enumerate(ids):
            fake.add_channel(channel, f"tv-{index}")
        fake.per_channel_per_second = 1
        settings = _settings(folder, slack={"api_base": fake.api_base, "mode": "http", "http_port": 0},
                             secrets={"slack_bot_token": DEFAULT_BOT_TOKEN, "slack_signing_secret": "bench"})
        async with bootstrap(settings, console=Console(file=io.StringIO())) as services:
            runtime = await start_adapter(services, Platform.SLACK)
            outbox = asyncio.create_task(services.dispatcher.run(), name="outbox")
            try:
                fake.count_429 = 0
                queued, ingest_s = await _queue_announcement(
                    services, [Destination(Platform.SLACK, channel) for channel in ids])
                start = time.perf_counter()
                services.dispatcher.wake()

                def posted() -> int:
                    return sum(1 for channel in ids if fake.messages(channel))

                complete = await wait_until(lambda: posted() >= channels, within=60.0, step=0.05)
                elapsed = time.perf_counter() - start
                count_429 = fake.count_429
                delivered = posted()
            finally:
                outbox.cancel()
                await asyncio.gather(outbox, return_exceptions=True)
                await runtime()
    note = (f"{delivered} of {queued} channels posted{'' if complete else ' (timed out after 60 s)'}; "
            f"{channels / elapsed:.0f} messages/s; ingest of the {queued} deliveries {ingest_s:.2f} s")
    return [
        row(PART, f"Slack, {channels:,} channels", "time to last message", f"{elapsed:.2f} s", note=note),
        row(PART, f"Slack, {channels:,} channels", "HTTP 429 answers", count_429, "0", count_429 == 0,
            "the fake enforces 1 message/s per channel"),
    ]


def pending(reason: str) -> list[Row]:
    """Rows saying the part could not run yet."""
    return [row(PART, "Discord and Slack fan-out", "pending", "—", note=reason)]


def run(quick: bool) -> list[Row]:
    """Run both fan-outs; say pending when an adapter does not exist yet."""
    import importlib.util

    missing = [name for name in ("bot.discord.runner", "bot.slack.runner") if importlib.util.find_spec(name) is None]
    if missing:
        return pending(f"{', '.join(missing)} not written yet")
    logging.getLogger("discord").setLevel(logging.WARNING)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="seriesbot-fanout-") as tmp:
        (Path(tmp) / "discord").mkdir()
        (Path(tmp) / "slack").mkdir()
        rows += asyncio.run(discord_fanout(Path(tmp) / "discord", 100 if quick else 1000))
        rows += asyncio.run(slack_fanout(Path(tmp) / "slack", 40 if quick else 200))
    return rows
