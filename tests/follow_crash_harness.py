"""Kill `seriesbot run` while it sends follower DMs (created, answer not yet back) and count what arrived."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from bot.destinations import Platform
from bot.model import Entry, SeriesFacts, Status
from bot.pipeline import NewEntry, store_entries
from bot.store.follows import FollowStore, Member
from bot.store.store import Store
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.slack_api import DEFAULT_TEAM_ID, FakeSlack
from tests.harness_common import start_bot, stop_bot

GUILD = 444000000000000001
CHANNEL = 444000000000000010
DISCORD_FAN = 444000000000000101
SLACK_FAN = "U0FOLLOW1"
HANG = 20.0


@dataclass
class FollowCrashResult:
    """What the harness saw: kills that landed mid-send, updates, and the DMs each fan got."""

    kills: int = 0
    updates: int = 0
    discord_nonces: Counter[str] = field(default_factory=Counter)
    slack_deliveries: Counter[str] = field(default_factory=Counter)
    states: dict[str, int] = field(default_factory=dict)


def write_config(folder: Path, discord: FakeDiscord, slack: FakeSlack) -> Path:
    lines = ["[store]", f'url = "sqlite+aiosqlite:///{folder}/follow.db"', "[poll]", 'tick = "1s"',
             "[console]", 'enabled = "off"', "[enrich]", "tvmaze = false",
             "[discord]", f'api_base = "{discord.api_base}"', f'gateway_url = "{discord.gateway_url}"',
             f"guild_id = {GUILD}", 'per_channel_interval = "10ms"', 'send_timeout = "60s"',
             "[slack]", 'mode = "http"', "http_port = 0", f'api_base = "{slack.api_base}"',
             'per_channel_interval = "10ms"']
    path = folder / "follow.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def learn_updates(url: str, first: int, count: int) -> None:
    """Learn `count` premiere-date moves of the followed series, as a poll would."""
    store = await Store.open(url)
    try:
        feed, _ = await store.add_feed("https://feed.test/rss", now=datetime.now(UTC))
        items = [NewEntry(Entry(feed.url, f"date-{n}", f"Soul Mate moves to day {n}"),
                            [SeriesFacts(title="Soul Mate", platform="Netflix", status=Status.PREMIERE_DATE,
                                         premiere_date=date(2027, 1, 1 + n))], post=True)
                 for n in range(first, first + count)]
        await store_entries(store, feed.id, items, now=datetime.now(UTC))
    finally:
        await store.close()


async def seed(url: str) -> None:
    """Learn the series and let one fan on each platform follow it."""
    store = await Store.open(url)
    try:
        feed, _ = await store.add_feed("https://feed.test/rss", now=datetime.now(UTC))
        entry = Entry(feed.url, "order", "Netflix orders Soul Mate")
        await store_entries(store, feed.id, [NewEntry(entry, [SeriesFacts(title="Soul Mate", platform="Netflix")],
                                                 post=True)], now=datetime.now(UTC))
        (series_id, _), *_ = await store.series_titles()
        follows = FollowStore(store)
        for member in (Member(Platform.DISCORD, str(DISCORD_FAN), str(GUILD)),
                       Member(Platform.SLACK, SLACK_FAN, DEFAULT_TEAM_ID)):
            await follows.follow(member, series_id, now=datetime.now(UTC), cap=100)
    finally:
        await store.close()


def states(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as db:
        return dict(db.execute("SELECT state, count(*) FROM deliveries WHERE kind = 'dm' GROUP BY state"))


async def wait_for(check: Callable[[], bool], within: float, what: str) -> None:
    until = time.monotonic() + within
    while not check():
        if time.monotonic() > until:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def run_follow_crash(folder: Path, *, rounds: int, updates_per_round: int = 2) -> FollowCrashResult:
    """Each round: learn updates, start the bot, SIGKILL it once a DM on each platform is created but unanswered."""
    result = FollowCrashResult()
    async with FakeDiscord() as discord, FakeSlack() as slack:
        discord.add_guild(GUILD, "Crash Guild", channels=[{"id": CHANNEL, "name": "series"}])
        discord.add_member(GUILD, DISCORD_FAN, name="fan")
        slack.add_user(SLACK_FAN, "fan")
        dm_route = f"POST /channels/{discord.open_dm(DISCORD_FAN)['id']}/messages"
        slack_dm = slack.dm_channel(SLACK_FAN)
        config, log, database = write_config(folder, discord, slack), folder / "bot.log", folder / "follow.db"
        url = f"sqlite+aiosqlite:///{database}"
        await seed(url)
        for _ in range(rounds):
            await learn_updates(url, result.updates, updates_per_round)
            result.updates += updates_per_round
            sent_discord, sent_slack = len(discord.dm_messages(DISCORD_FAN)), len(slack.messages(slack_dm))
            discord.fail_next(dm_route, 502, after_processing=True, hang=HANG)
            slack.hang_next("chat.postMessage", HANG)
            process = await start_bot(config, log)
            await wait_for(lambda d=sent_discord, s=sent_slack: len(discord.dm_messages(DISCORD_FAN)) > d
                           and len(slack.messages(slack_dm)) > s, 60, "a DM on each platform")
            process.send_signal(signal.SIGKILL)
            await process.wait()
            result.kills += 1
            discord.faults.clear()
        process = await start_bot(config, log)
        try:
            await wait_for(lambda: states(database).keys() == {"sent"}
                           and sum(states(database).values()) == 2 * result.updates, 90, "every DM sent")
        finally:
            await stop_bot(process)
        result.discord_nonces = Counter(str(m.get("nonce")) for m in discord.channel_messages(
            int(discord.open_dm(DISCORD_FAN)["id"])))
        result.slack_deliveries = Counter(str(m["metadata"]["event_payload"]["delivery_id"])
                                          for m in slack.messages(slack_dm))
        result.states = states(database)
    return result
