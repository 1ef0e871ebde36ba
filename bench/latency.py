"""Latency: from an item appearing in a feed to its card reaching the console, in the real loop.

The bot runs as `bot.app.run` does (bootstrap, APScheduler ticking `poller.poll_due` every
`poll.tick`, the outbox task `dispatcher.run`), with its feeds and their console destination
from `[[feeds]]` settings, against bench.feed_server in another process. After the first
(seeding) poll, each feed publishes one series announcement at a random moment within one poll
interval. The clock starts when the server has the item and stops when the console sender writes
the card (both `time.time()` on this machine).

The shipped settings poll every 10 minutes and tick every 15 s; a 60 s interval is the one the
target is set for. To keep the run to about two intervals the benchmark uses a 10 s interval
(4 s with --quick) and scales the tick the same way (interval / 4, as 15 s is to 60 s), and
reports the slack above the interval, which is what the target bounds (interval + 2 s).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from dataclasses import dataclass, field
from typing import Any

from bench.common import Row, control, feed_server, row, wait_until

PART = "latency"
TARGET_SLACK_S = 2.0


@dataclass
class StampedOutput:
    """A file for rich's Console that remembers when each piece of text was written."""

    writes: list[tuple[float, str]] = field(default_factory=list)

    def write(self, text: str) -> int:
        self.writes.append((time.time(), text))
        return len(text)

    def flush(self) -> None:
        """Nothing is buffered."""

    def first(self, needle: str) -> float | None:
        """Return when text containing needle was first written, or None."""
        return next((at for at, text in self.writes if needle in text), None)


def _settings(database: str, base: str, feeds: int, interval: float) -> Any:
    from bot.config import FileSettings, Secrets, Settings

    return Settings(file=FileSettings.model_validate({
        "store": {"url": f"sqlite+aiosqlite:///{database}"},
        "fetch": {"allow_private_networks": True},
        "poll": {"interval": interval, "tick": interval / 4, "backfill": 0},
        "console": {"enabled": "on"},
        "feeds": [{"url": f"{base}/feed/{index}", "to": ["console"]} for index in range(feeds)],
    }), secrets=Secrets(), source="bench")


async def _seeded(services: Any, feeds: int, within: float) -> bool:
    for _ in range(int(within / 0.1)):
        listed = await services.store.list_feeds()
        if len(listed) == feeds and all(feed.seeded for feed in listed):
            return True
        await asyncio.sleep(0.1)
    return False


async def measure(base: str, database: str, feeds: int, interval: float) -> list[dict[str, Any]]:
    """Run the loop, publish one item a feed, return what happened to each item."""
    from rich.console import Console

    from bot.app import bootstrap, sync_config_feeds
    from bot.scheduler import build_scheduler

    output = StampedOutput()
    console = Console(file=output, width=1000, force_terminal=False, color_system=None)  # type: ignore[arg-type]
    settings = _settings(database, base, feeds, interval)
    async with bootstrap(settings, console=console) as services:
        await sync_config_feeds(services)  # As `run` does: the [[feeds]] of the file are synced only there.
        poll = settings.file.poll
        scheduler = build_scheduler([
            ("poll", services.poller.poll_due, poll.tick, poll.poll_timeout * 3),
            ("catalog", services.catalog.refresh, 30.0, 60.0),
        ])
        scheduler.start()
        outbox = asyncio.create_task(services.dispatcher.run(), name="outbox")
        try:
            if not await _seeded(services, feeds, within=interval * 2):
                raise RuntimeError("the first poll did not seed the feeds in time")
            rng = random.Random(7)
            moments = sorted(rng.uniform(0, interval) for _ in range(feeds))
            published: list[dict[str, Any]] = []
            start = time.monotonic()
            for index, moment in enumerate(moments):
                await asyncio.sleep(max(0.0, moment - (time.monotonic() - start)))
                published.append(await asyncio.to_thread(control, base, f"/_bench/publish?feed={index}", post=True))
            await wait_until(lambda: all(output.first(item["headline"]) for item in published),
                             within=interval * 1.5 + poll.tick + 5, step=0.05)
        finally:
            scheduler.shutdown(wait=False)
            outbox.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await outbox
    for item in published:
        item["shown_at"] = output.first(item["headline"])
        served = await asyncio.to_thread(control, base, f"/_bench/served?feed={item['feed']}")
        item["fetched_at"] = served["served_at"] if served["served_at"] >= item["published_at"] else None
    return published


def run(quick: bool) -> list[Row]:
    """Measure and return the rows."""
    import tempfile

    interval = 4.0 if quick else 10.0
    feeds = 3 if quick else 6
    with tempfile.TemporaryDirectory(prefix="seriesbot-latency-") as tmp, feed_server(feeds) as server:
        items = asyncio.run(measure(server["base"], f"{tmp}/latency.db", feeds, interval))
    seen = [item for item in items if item["shown_at"] is not None]
    name = f"item → console card, interval {interval:.0f} s, tick {interval / 4:g} s"
    if not seen:
        return [row(PART, name, "latency", "no card shown", f"≤ {interval + TARGET_SLACK_S:.0f} s", False,
                    f"{len(items)} items published; none reached the console in time")]
    latencies = sorted(item["shown_at"] - item["published_at"] for item in seen)
    processing = sorted(item["shown_at"] - item["fetched_at"] for item in seen if item["fetched_at"])
    worst = latencies[-1]
    rows = [
        row(PART, name, "latency, worst of the items", f"{worst:.2f} s (slack {worst - interval:+.2f} s)",
            f"≤ interval + {TARGET_SLACK_S:.0f} s = {interval + TARGET_SLACK_S:.0f} s",
            worst <= interval + TARGET_SLACK_S and len(seen) == len(items),
            f"{len(seen)} of {len(items)} items shown; all: " + ", ".join(f"{value:.1f}" for value in latencies)),
    ]
    if processing:
        rows.append(row(PART, name, "fetch → card (processing part)", f"{max(processing):.2f} s worst",
                        note="median " + f"{processing[len(processing) // 2]:.2f} s; the rest of the latency is "
                                          "waiting for the feed's next due poll and the scheduler tick"))
    return rows
