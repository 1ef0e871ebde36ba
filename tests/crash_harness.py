"""Kill `seriesbot run` at random moments and check that every delivery happened exactly once."""

from __future__ import annotations

import asyncio
import random
import signal
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.fakes.discord_api import FakeDiscord
from tests.fakes.feed_server import FeedServer, rss
from tests.fakes.slack_api import FakeSlack
from tests.harness_common import announcement_item, start_bot, stop_bot, unique_titles

GUILD = 333000000000000001
CHANNEL = 333000000000000010
SLACK_CHANNEL = "C0CRASH01"
FEEDS = 3


@dataclass
class HarnessResult:
    """What a harness run saw."""

    runs: int
    kills: int
    items: int
    announcements: int
    discord_posts: Counter[str] = field(default_factory=Counter)
    slack_posts: Counter[str] = field(default_factory=Counter)
    deliveries: dict[str, int] = field(default_factory=dict)
    integrity: str = ""
    missing_series: list[str] = field(default_factory=list)


class Feeds:
    """Feeds that grow by one announcement item at a time."""

    def __init__(self, server: FeedServer, rng: random.Random) -> None:
        self.server = server
        self.rng = rng
        self.items: list[list[dict[str, str]]] = [[] for _ in range(FEEDS)]
        self.titles: list[str] = []
        self._titles = unique_titles(rng)
        for index in range(FEEDS):
            self._publish(index)

    def url(self, index: int) -> str:
        return self.server.url(f"/crash-{index}.xml")

    def grow(self, count: int) -> None:
        for _ in range(count):
            index = self.rng.randrange(FEEDS)
            title = next(self._titles)
            number = len(self.titles)
            self.titles.append(title)
            self.items[index].insert(0, announcement_item(title, f"crash-{number}", number))
            self._publish(index)

    def _publish(self, index: int) -> None:
        self.server.set(f"/crash-{index}.xml", rss(self.items[index], title=f"Crash feed {index}"))


def write_config(folder: Path, feeds: Feeds, discord: FakeDiscord, slack: FakeSlack) -> Path:
    lines = [
        "[store]", f'url = "sqlite+aiosqlite:///{folder}/crash.db"',
        "[poll]", 'interval = "1s"', 'tick = "1s"', "backfill = 0", 'max_age = "36500d"',
        "[fetch]", "allow_private_networks = true", 'timeout = "3s"',
        "[console]", 'enabled = "off"', "[enrich]", "tvmaze = false",
        "[discord]", f'api_base = "{discord.api_base}"', f'gateway_url = "{discord.gateway_url}"',
        f"guild_id = {GUILD}", 'per_channel_interval = "10ms"', "rate_limit_per_second = 50",
        "[slack]", 'mode = "http"', "http_port = 0", f'api_base = "{slack.api_base}"',
        'per_channel_interval = "10ms"',
    ]
    for index in range(FEEDS):
        lines += ["[[feeds]]", f'url = "{feeds.url(index)}"', f'to = ["discord:{CHANNEL}", "slack:{SLACK_CHANNEL}"]']
    path = folder / "crash.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def database_state(path: Path) -> tuple[dict[str, int], int, list[str], str]:
    with sqlite3.connect(path) as db:
        states = dict(db.execute("SELECT state, count(*) FROM deliveries WHERE kind = 'announcement' "
                                 "GROUP BY state").fetchall())
        announced = db.execute("SELECT count(*) FROM announcements").fetchone()[0]
        titles = [row[0] for row in db.execute("SELECT title FROM series")]
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    return states, announced, titles, integrity


async def run_harness(folder: Path, *, seed: int, runs: int) -> HarnessResult:
    """Run the bot `runs` times, killing it at random, then once to the end; return what was posted."""
    rng = random.Random(seed)
    server = await FeedServer().start()
    try:
        async with FakeDiscord() as discord, FakeSlack() as slack:
            discord.add_guild(GUILD, "Crash Guild", channels=[{"id": CHANNEL, "name": "series"}],
                              system_channel_id=CHANNEL)
            slack.add_channel(SLACK_CHANNEL, "series")
            feeds = Feeds(server, rng)
            config = write_config(folder, feeds, discord, slack)
            log = folder / "bot.log"
            seed = await start_bot(config, log, "poll", "--once")
            await seed.wait()
            kills = 0
            for _ in range(runs):
                feeds.grow(rng.randint(1, 3))
                inject_faults(rng, discord, slack)
                process = await start_bot(config, log)
                await asyncio.sleep(rng.uniform(2.0, 6.0))
                if process.returncode is None:
                    process.send_signal(signal.SIGKILL)
                    kills += 1
                await process.wait()
            feeds.grow(2)
            process = await start_bot(config, log)
            try:
                await _wait_until_settled(folder / "crash.db", feeds, deadline=180)
            finally:
                await stop_bot(process)
            states, announced, titles, integrity = database_state(folder / "crash.db")
            discord_titles = Counter(str(m["embeds"][0]["title"]) for m in discord.channel_messages(CHANNEL)
                                     if m.get("embeds"))
            slack_ids = Counter(str(m.get("metadata", {}).get("event_payload", {}).get("delivery_id"))
                                for m in slack.messages(SLACK_CHANNEL))
            known = {title.casefold() for title in titles}
            return HarnessResult(runs=runs + 1, kills=kills, items=len(feeds.titles), announcements=announced,
                                 discord_posts=discord_titles, slack_posts=slack_ids, deliveries=states,
                                 integrity=integrity,
                                 missing_series=[t for t in feeds.titles if t.casefold() not in known])
    finally:
        await server.stop()


def inject_faults(rng: random.Random, discord: FakeDiscord, slack: FakeSlack) -> None:
    """Arm a few API faults for the next run: rate limits, server errors, lost responses."""
    route = "POST /channels/{channel_id}/messages"
    match rng.randrange(4):
        case 0:
            discord.fail_next(route, 429, count=rng.randint(1, 4), retry_after=0.2)
        case 1:
            # Discord created the message but the answer was lost: only the nonce prevents a repeat.
            discord.fail_next(route, 502, count=1, after_processing=True)
        case 2:
            discord.fail_next(route, 500, count=rng.randint(1, 2))
    match rng.randrange(3):
        case 0:
            slack.fail_next("chat.postMessage", count=rng.randint(1, 4), status=429, retry_after=0)
        case 1:
            slack.fail_next("chat.postMessage", count=1, status=500)


async def _wait_until_settled(database: Path, feeds: Feeds, *, deadline: float) -> None:
    """Wait until every item is in the knowledge base and no delivery is pending."""
    until = time.monotonic() + deadline
    while time.monotonic() < until:
        await asyncio.sleep(0.5)
        try:
            states, _announced, titles, _ = database_state(database)
        except sqlite3.OperationalError:
            continue
        known = {title.casefold() for title in titles}
        if all(t.casefold() in known for t in feeds.titles) and not states.get("pending"):
            return
    raise AssertionError(f"the bot did not settle within {deadline} s; see the log")
