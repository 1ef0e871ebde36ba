"""Run three `seriesbot run` processes on one PostgreSQL against the fakes and 300 feeds; SIGKILL one mid-run."""

from __future__ import annotations

import asyncio
import itertools
import random
import signal
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from aiohttp import web
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from bot.destinations import Destination, Platform
from bot.store.engine import normalise_url
from bot.store.store import Store
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.feed_server import FeedServer, rss
from tests.fakes.slack_api import FakeSlack
from tests.harness_common import announcement_item, start_bot, stop_bot, unique_titles

FEEDS = 300
PROCESSES = 3
KILLED = 1  # the index of the process that is killed mid-run
INTERVAL = 5.0
TICK = 1.0
TICK_JITTER = TICK / 10  # the scheduler delays each tick by up to a tenth of it
POLL_TIMEOUT = 3.0  # feed leases last twice as long
RECLAIM = 3.0  # store.reclaim_interval: dead processes' leases are freed this often
RATE = 5.0  # discord.rate_limit_per_second, one budget for all processes
GLOBAL_LIMIT = 12  # fake Discord's limit per second: above one bucket's worst second (5 + 5), below three's
BURST = 30  # announcements published at once, to fill the shared budget
PER_SECOND = 2  # then this many each second
RUN_SECONDS = 24
KILL_AFTER = 10.0
GRACE = 2.5  # for a busy 2-core machine: ticks skipped while a pass still runs, slow commits
FEED_DELAY = 0.3  # each answer takes this long, so that a process always has polls in flight
SLACK_CHANNEL = "C0SCALE01"
CHANNEL = 444000000000000010


def guild_on_shard(shard: int, count: int, start: int = 444000000000000001) -> int:
    """Return a guild id that Discord routes to the given shard."""
    guild = start
    while (guild >> 22) % count != shard:
        guild += 1 << 22
    return guild


GUILDS = [guild_on_shard(shard, PROCESSES) for shard in range(PROCESSES)]


class TimedFeedServer(FeedServer):
    """The feed server, also recording when and by which process (its User-Agent) each path was requested."""

    def __init__(self) -> None:
        super().__init__()
        self.polls: defaultdict[str, list[tuple[float, str]]] = defaultdict(list)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.polls[request.path].append((time.monotonic(), request.headers.get("User-Agent", "")))
        return await super()._handle(request)


def agent(index: int) -> str:
    """Return the User-Agent of the process with this index."""
    return f"seriesbot-scale-{index}"


class ScaleFeeds:
    """300 small feeds of routine news; announcements appear in random ones."""

    def __init__(self, server: FeedServer, rng: random.Random) -> None:
        self.server = server
        self.rng = rng
        self.items = [[{"title": f"Weekly ratings roundup {index}-{week}", "guid": f"filler-{index}-{week}",
                        "description": "Audience figures were steady this week."} for week in (2, 1)]
                      for index in range(FEEDS)]
        self.titles: list[str] = []
        self._titles = unique_titles(rng)
        for index in range(FEEDS):
            self._render(index)

    @staticmethod
    def path(index: int) -> str:
        return f"/scale-{index}.xml"

    def publish(self, count: int) -> None:
        for index in self.rng.sample(range(FEEDS), count):
            title = next(self._titles)
            number = len(self.titles)
            self.titles.append(title)
            self.items[index].insert(0, announcement_item(title, f"scale-{number}", number))
            self._render(index)

    def _render(self, index: int) -> None:
        self.server.set(self.path(index), rss(self.items[index], title=f"Scale feed {index}"), delay=FEED_DELAY)


@dataclass
class ScaleResult:
    """What a run saw: poll times per feed, what the database holds and what the fakes received."""

    polls: dict[str, list[tuple[float, str]]]  # path -> (when, User-Agent)
    start: float
    end: float
    kill_at: float
    titles: list[str]
    leases_at_kill: int = 0
    announced: Counter[str] = field(default_factory=Counter)
    deliveries: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (platform, state)
    discord_nonces: Counter[str] = field(default_factory=Counter)
    discord_titles: Counter[str] = field(default_factory=Counter)
    slack_ids: Counter[str] = field(default_factory=Counter)
    count_429: int = 0
    exit_codes: list[int | None] = field(default_factory=list)


def write_config(folder: Path, index: int, database: str, discord: FakeDiscord, slack: FakeSlack) -> Path:
    lines = [
        "[store]", f'url = "{database}"', f'reclaim_interval = "{RECLAIM}s"',
        "[poll]", f'interval = "{INTERVAL}s"', f'tick = "{TICK}s"', "backfill = 0", 'max_age = "36500d"',
        f'poll_timeout = "{POLL_TIMEOUT}s"', "concurrency = 16", "per_host = 16",
        "[fetch]", "allow_private_networks = true", 'timeout = "2s"', f'user_agent = "{agent(index)}"',
        "[console]", 'enabled = "off"', "[enrich]", "tvmaze = false",
        "[discord]", f'api_base = "{discord.api_base}"', f'gateway_url = "{discord.gateway_url}"',
        'per_channel_interval = "10ms"', f"rate_limit_per_second = {RATE}",
        f"shard_count = {PROCESSES}", f"shard_ids = [{index}]",
        "[slack]", 'mode = "http"', "http_port = 0", f'api_base = "{slack.api_base}"',
        'per_channel_interval = "10ms"',
    ]
    path = folder / f"scale-{index}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def seed_store(database: str, server: FeedServer) -> None:
    """Add the feeds, each going to one Discord and one Slack channel, before any process starts."""
    store = await Store.open(database)
    now = datetime.now(UTC)
    try:
        for index in range(FEEDS):
            feed, _ = await store.add_feed(server.url(ScaleFeeds.path(index)), now=now, name=f"scale {index}")
            await store.add_subscription(feed.id, Destination(Platform.DISCORD, str(CHANNEL), str(GUILDS[0])),
                                         now=now)
            await store.add_subscription(feed.id, Destination(Platform.SLACK, SLACK_CHANNEL), now=now)
    finally:
        await store.close()


async def _wait_for(engine: AsyncEngine, done: Callable[[AsyncConnection], Awaitable[bool]],
                    alive: list[asyncio.subprocess.Process], *, deadline: float, what: str) -> None:
    for _ in range(int(deadline / 0.25)):
        if any(process.returncode is not None for process in alive):
            raise AssertionError(f"a seriesbot process ended early while waiting for {what}")
        async with engine.connect() as conn:
            if await done(conn):
                return
        await asyncio.sleep(0.25)
    raise AssertionError(f"timed out after {deadline:.0f} s waiting for {what}")


def _count_is(query: str, expected: int) -> Callable[[AsyncConnection], Awaitable[bool]]:
    async def check(conn: AsyncConnection) -> bool:
        return bool(await conn.scalar(text(query)) == expected)

    return check


def _knows(titles: list[str]) -> Callable[[AsyncConnection], Awaitable[bool]]:
    async def check(conn: AsyncConnection) -> bool:
        known = {str(title).casefold() for (title,) in await conn.execute(text("SELECT title FROM series"))}
        return all(title.casefold() in known for title in titles)

    return check


async def _kill_holding_leases(engine: AsyncEngine, process: asyncio.subprocess.Process) -> int:
    """SIGKILL the process as soon as it holds feed leases (within 5 s); return how many it held."""
    query = text("SELECT count(*) FROM feeds WHERE lease_owner LIKE :owner")
    held = 0
    for _ in range(100):
        async with engine.connect() as conn:
            held = int(await conn.scalar(query, {"owner": f"%:{process.pid}:%"}) or 0)
        if held:
            break
        await asyncio.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    return held


async def _collect(engine: AsyncEngine, result: ScaleResult) -> None:
    async with engine.connect() as conn:
        rows = await conn.execute(text("SELECT s.title FROM announcements a JOIN series s ON s.id = a.series_id"))
        result.announced = Counter(str(title).casefold() for (title,) in rows)
        rows = await conn.execute(text("SELECT id, platform, state FROM deliveries WHERE kind = 'announcement'"))
        result.deliveries = {int(ident): (str(platform), str(state)) for ident, platform, state in rows}


async def run_scale(folder: Path, database: str, *, seed: int) -> ScaleResult:
    """Seed, start the processes, publish announcements, kill one, wait until all is sent; return what was seen."""
    rng = random.Random(seed)
    server = TimedFeedServer()
    await server.start()
    engine = create_async_engine(normalise_url(database))
    try:
        async with FakeDiscord() as discord, FakeSlack() as slack:
            for shard, guild in enumerate(GUILDS):
                channels = [{"id": CHANNEL, "name": "series"}] if shard == 0 else []
                discord.add_guild(guild, f"Scale Guild {shard}", channels=channels)
            slack.add_channel(SLACK_CHANNEL, "series")
            feeds = ScaleFeeds(server, rng)
            await seed_store(database, server)
            discord.global_limit_per_second = GLOBAL_LIMIT
            processes = [await start_bot(write_config(folder, index, database, discord, slack),
                                         folder / f"bot-{index}.log") for index in range(PROCESSES)]
            try:
                await _wait_for(engine, _count_is("SELECT count(*) FROM feeds WHERE seeded", FEEDS), processes,
                                deadline=90, what="every feed's first poll")
                start = time.monotonic()
                feeds.publish(BURST)
                kill_at, held = 0.0, 0
                for second in range(1, RUN_SECONDS + 1):
                    await asyncio.sleep(1.0)
                    feeds.publish(PER_SECOND)
                    if not kill_at and second >= KILL_AFTER:
                        held = await _kill_holding_leases(engine, processes[KILLED])
                        kill_at = time.monotonic()
                await processes[KILLED].wait()
                alive = [process for index, process in enumerate(processes) if index != KILLED]
                await _wait_for(engine, _knows(feeds.titles), alive, deadline=60, what="every series")
                pending = _count_is("SELECT count(*) FROM deliveries WHERE state = 'pending'", 0)
                await _wait_for(engine, pending, alive, deadline=60, what="every delivery")
                end = time.monotonic()
                result = ScaleResult(polls=dict(server.polls), start=start, end=end, kill_at=kill_at,
                                     titles=list(feeds.titles), leases_at_kill=held)
                result.exit_codes = [process.returncode for process in processes]
            finally:
                for process in processes:
                    await stop_bot(process)
            await _collect(engine, result)
            messages = discord.channel_messages(CHANNEL)
            result.discord_nonces = Counter(str(message.get("nonce")) for message in messages)
            result.discord_titles = Counter(str(message["embeds"][0]["title"]).casefold() for message in messages
                                            if message.get("embeds"))
            result.slack_ids = Counter(
                str(message.get("metadata", {}).get("event_payload", {}).get("delivery_id"))
                for message in slack.messages(SLACK_CHANNEL))
            result.count_429 = discord.count_429
            return result
    finally:
        await engine.dispose()
        await server.stop()


def poll_problems(result: ScaleResult) -> tuple[list[str], list[str]]:
    """Return the feeds polled too late or too early, and the early re-polls excused by the kill."""
    # The next poll is due interval x 1.05 at most after the last one ended, and waits for a tick; plus grace.
    latest = INTERVAL * 1.05 + FEED_DELAY + TICK + TICK_JITTER + GRACE
    after_kill = latest + 2 * POLL_TIMEOUT  # the dead process's leases expire (or are reclaimed) first
    earliest = INTERVAL * 0.95 - 0.05
    problems: list[str] = []
    excused: list[str] = []
    for index in range(FEEDS):
        path = ScaleFeeds.path(index)
        polls = [poll for poll in result.polls.get(path, []) if poll[0] <= result.end]
        before = [poll for poll in polls if poll[0] < result.start]
        points = ([before[-1]] if before else [(result.start, "")]) + [poll for poll in polls
                                                                      if poll[0] >= result.start]
        points.append((result.end, ""))
        for (first, by), (second, then) in itertools.pairwise(points):
            gap = second - first
            spans_kill = first <= result.kill_at <= second
            where = f"{path}: {gap:.2f} s from {first - result.start:+.1f} s ({by or '-'} then {then or '-'})"
            if gap > (after_kill if spans_kill else latest):
                problems.append(f"{where}: too late")
            elif by and then and gap < earliest:
                # A poll the killed process made but never recorded (304s are recorded in batches) is repeated
                # once its lease is freed: taken-over work, not a second poll by a live process.
                if by == agent(KILLED) and first <= result.kill_at <= second:
                    excused.append(f"{where}, {result.kill_at - first:.2f} s before the kill")
                else:
                    problems.append(f"{where}: twice within one interval")
    return problems, excused
