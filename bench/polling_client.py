"""One polling client in its own process, driven by bench.polling over stdin and stdout.

    python -m bench.polling_client seriesbot BASE N --concurrency 64 --dir TMP [--seed poll]
    python -m bench.polling_client seriesbot BASE N --dir TMP --one-by-one [--profile OUT]
    python -m bench.polling_client reader BASE N --workers 16 --dir TMP
    python -m bench.polling_client feedparser BASE N

seriesbot and reader get the N feeds `BASE/feed/0..N-1` seeded, print `{"event": "seeded", ...}`,
wait for a line on stdin (the parent advances the server in between so 10 % of the feeds change),
run the measured cycle and print `{"event": "result", ...}`. reader seeds by its own first
update; seriesbot's store is seeded directly with what its first cycle would leave (see
seed_directly), because its real first cycle takes minutes at these sizes; `--seed poll` measures
that real first cycle instead. The naive feedparser loop has no state: it only waits for its go line.

Measures are of this process only: wall time, CPU time (user + system, all threads), peak RSS
sampled every 20 ms during the cycle, and the lifetime peak RSS from getrusage.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import importlib
import json
import logging
import pstats
import random
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psutil

from bench.common import Meter, control, max_rss_mb


class ErrorCount(logging.Handler):
    """Count the ERROR records logged (an extractor crash is logged and the entry kept without series)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


ERRORS = ErrorCount()


def emit(event: str, **values: object) -> None:
    """Print one JSON line for the parent."""
    print(json.dumps({"event": event, **values}), flush=True)


def wait_for_go() -> None:
    """Block until the parent writes a line (it has advanced the feed server)."""
    if not sys.stdin.readline():
        raise SystemExit("the parent closed stdin before the measured cycle")


def _kind(name: str) -> str:
    if name == "MainThread":
        return "main thread"
    if name.startswith("asyncio_"):
        return "to_thread pool"
    return "other threads"


def thread_cpu() -> dict[int, tuple[str, float]]:
    """Return each live thread's kind and the CPU seconds it has used so far."""
    names = {thread.native_id: thread.name for thread in threading.enumerate()}
    return {info.id: (_kind(names.get(info.id, "")), info.user_time + info.system_time)
            for info in psutil.Process().threads()}


def cpu_split(before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]],
              total: float) -> dict[str, float]:
    """Split the process CPU seconds between two snapshots by kind of thread.

    "other threads" is the remainder of the process total: the aiosqlite connection threads
    (one per pooled connection, some of which end within the cycle), the RSS sampler and the GC.
    """
    split = {"main thread": 0.0, "to_thread pool": 0.0}
    for thread_id, (kind, used) in after.items():
        if kind in split:
            split[kind] += used - before.get(thread_id, (kind, 0.0))[1]
    split["other threads"] = total - sum(split.values())
    return {kind: round(seconds, 2) for kind, seconds in split.items()}


# seriesbot


class MovableClock:
    """Real time plus an offset, so that a whole poll interval can pass at once."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


class ThreadProfiles:
    """cProfile in the main thread and in every worker thread of the default executor."""

    def __init__(self) -> None:
        self.main = cProfile.Profile()
        self.workers: list[cProfile.Profile] = []
        self._local = threading.local()
        self._lock = threading.Lock()

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def profiled(*args: Any, **kwargs: Any) -> Any:
            profile = getattr(self._local, "profile", None)
            if profile is None:
                profile = self._local.profile = cProfile.Profile()
                with self._lock:
                    self.workers.append(profile)
            profile.enable()
            try:
                return function(*args, **kwargs)
            finally:
                profile.disable()

        return profiled

    def dump(self, path: str) -> None:
        stats = pstats.Stats(self.main)
        for profile in self.workers:
            stats.add(profile)
        stats.dump_stats(path)


class ProfilingExecutor(ThreadPoolExecutor):
    """The default executor, profiling what asyncio.to_thread runs."""

    def __init__(self, profiles: ThreadProfiles) -> None:
        super().__init__(thread_name_prefix="asyncio")
        self._profiles = profiles

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:  # type: ignore[override]
        return super().submit(self._profiles.wrap(fn), *args, **kwargs)


async def seed_directly(services: Any, base: str, count: int, clock: MovableClock) -> int:
    """Write what a seeding cycle leaves behind (validators, item identities); return the entries written.

    The feed server tells each feed's ETag, Last-Modified and current items. The knowledge base
    stays empty: series the seeding cycle would have learnt are not written.
    """
    from bot.feeds.identity import entry_identity
    from bot.store.engine import create_engine

    # The store keeps its engine to itself: the benchmark writes through an engine of its own.
    engine = create_engine(services.settings.store_url)
    try:
        return await _seed(engine, base, count, clock, services.settings.file.poll.interval, entry_identity)
    finally:
        await engine.dispose()


async def _seed(engine: Any, base: str, count: int, clock: MovableClock, interval: float,
                entry_identity: Callable[..., str]) -> int:
    from sqlalchemy import insert, select

    from bot.store.schema import entries, feeds

    now = clock()
    written = 0
    for first in range(0, count, 1_000):
        state = await asyncio.to_thread(control, base, f"/_bench/state?start={first}&count={min(1_000, count - first)}")
        urls = {feed["index"]: f"{base}/feed/{feed['index']}" for feed in state}
        async with engine.begin() as conn:
            await conn.execute(insert(feeds), [{
                "url": urls[feed["index"]], "title": feed["title"], "follow_links": False, "etag": feed["etag"],
                "last_modified": feed["last_modified"], "status": "ok",
                "next_check_at": now + timedelta(seconds=interval * random.uniform(0.95, 1.05)),
                "last_checked_at": now, "last_success_at": now, "consecutive_failures": 0, "paused": False,
                "seeded": True, "created_at": now,
            } for feed in state])
            found = await conn.execute(select(feeds.c.id, feeds.c.url).where(feeds.c.url.in_(list(urls.values()))))
            ids = {row.url: row.id for row in found}
            rows = []
            for feed in state:
                for guid, headline, published in feed["items"]:
                    moment = datetime.fromisoformat(published)
                    rows.append({"feed_id": ids[urls[feed["index"]]], "title": headline, "link": guid,
                                 "identity": entry_identity(guid, guid, headline, moment), "published": moment,
                                 "first_seen": now})
            await conn.execute(insert(entries), rows)
            written += len(rows)
    return written


class StageTimes:
    """Wall time and calls of named steps, for a cycle that runs one feed at a time."""

    def __init__(self) -> None:
        self.totals: dict[str, list[float]] = {}

    def _add(self, name: str, seconds: float) -> None:
        total = self.totals.setdefault(name, [0, 0.0])
        total[0] += 1
        total[1] += seconds

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        if asyncio.iscoroutinefunction(function):
            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                start = time.perf_counter()
                try:
                    return await function(*args, **kwargs)
                finally:
                    self._add(name, time.perf_counter() - start)

            return timed_async

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self._add(name, time.perf_counter() - start)

        return timed

    def patch(self, owner: Any, attribute: str, name: str) -> None:
        """Time owner.attribute (an instance's method or a module's function) in this process only."""
        if hasattr(owner, attribute):
            setattr(owner, attribute, self.wrap(name, getattr(owner, attribute)))


async def one_by_one_cycle(services: Any, count: int,
                         profile_path: str | None) -> tuple[Any, dict[str, list[float]]]:
    """Poll every due feed one at a time with step timers, and under cProfile when given a path to write to.

    Not poll_due: its claimer and workers interleave, and cProfile then charges suspended
    coroutines and SQLAlchemy's greenlets with time that other feeds ran. One poll_feed after the
    other, each step's wall time is its own. The claim is one call for all the feeds.
    """
    from bot.poller import PollSummary

    steps = StageTimes()
    steps.patch(services.fetcher, "fetch", "fetch (Fetcher.fetch)")
    pool = services.pipeline._pool
    steps.patch(pool, "parse", "parse (worker pool)")
    steps.patch(pool, "facts", "gate + extract (worker pool)")
    steps.patch(services.pipeline, "commit", "commit (pipeline writer)")
    for method in ("record_poll", "known_identities"):
        steps.patch(services.store, method, f"Store.{method}")
    profiles = ThreadProfiles() if profile_path else None
    if profiles is not None:
        asyncio.get_running_loop().set_default_executor(ProfilingExecutor(profiles))
        profiles.main.enable()
    summary = PollSummary()
    now = services.clock()
    try:
        claimed = await services.store.claim_due_feeds(now=now, due_by=now, owner=services.owner,
                                                       lease=services.settings.file.poll.poll_timeout * 2,
                                                       limit=count)
        for feed in claimed:
            summary.add(await services.poller.poll_feed(feed))
    finally:
        if profiles is not None:
            profiles.main.disable()
    if profiles is not None and profile_path:
        profiles.dump(profile_path)
    return summary, steps.totals


async def run_seriesbot(base: str, count: int, concurrency: int, per_host: int, folder: Path, *,
                        seed: str, profile_path: str | None, one_by_one: bool) -> None:
    """Seed, wait, then measure one steady-state cycle of seriesbot's own poller.

    seed="direct" writes the seeding cycle's outcome straight into the store (fast);
    seed="poll" runs the real first cycle, and that cycle is the measure (no second cycle);
    seed="cold" runs and measures the real first cycle (every entry learnt), then the steady one.
    The worker pool is started before any measure, as `seriesbot run` starts it.
    """
    from bot.app import bootstrap
    from bot.config import FileSettings, Secrets, Settings

    settings = Settings(file=FileSettings.model_validate({
        "store": {"url": f"sqlite+aiosqlite:///{folder / 'seriesbot.db'}"},
        "fetch": {"allow_private_networks": True},
        "poll": {"concurrency": concurrency, "per_host": per_host},
        "console": {"enabled": "off"},
    }), secrets=Secrets(), source="bench")
    clock = MovableClock()
    async with bootstrap(settings, clock=clock) as services:
        await services.pipeline.start()
        if seed in ("poll", "cold"):
            for index in range(count):
                await services.store.add_feed(f"{base}/feed/{index}", now=clock())
            with Meter() as first:
                summary = await services.poller.poll_due()
            cold = dict(**first.as_dict(), max_rss_mb=max_rss_mb(), polled=summary.polled, failed=summary.failed,
                        new_entries=summary.new_entries, errors=summary.errors[:3], logged_errors=ERRORS.count)
            if seed == "poll":
                emit("result", **cold)
                return
            emit("seeded", seed=cold, entries=summary.new_entries, cold=cold)
        else:
            with Meter() as seeding:
                written = await seed_directly(services, base, count, clock)
            emit("seeded", seed=seeding.as_dict(), entries=written)
        await asyncio.to_thread(wait_for_go)
        # One poll interval (plus the 5 % jitter) passes: every feed is due again, as in steady state.
        clock.offset += timedelta(seconds=settings.file.poll.interval * 1.06)
        threads_before = thread_cpu()
        steps: dict[str, list[float]] = {}
        if one_by_one or profile_path:
            with Meter() as measured:
                summary, steps = await one_by_one_cycle(services, count, profile_path)
        else:
            with Meter() as measured:
                summary = await services.poller.poll_due()
        threads = cpu_split(threads_before, thread_cpu(), measured.cpu)
        emit("result", **measured.as_dict(), max_rss_mb=max_rss_mb(), polled=summary.polled,
             not_modified=summary.not_modified, failed=summary.failed, new_entries=summary.new_entries,
             announcements=summary.announcements, errors=summary.errors[:3], threads=threads, steps=steps,
             logged_errors=ERRORS.count)


# reader


def run_reader(base: str, count: int, workers: int, folder: Path) -> None:
    """Seed, wait, then measure one update_feeds() of lemon24/reader on the same feeds."""
    # reader 3.26 vendors a feedparser that imports `sgmllib` (the sgmllib3k package), which the
    # environment lacks; feedparser-sgmllib, installed with feedparser 6.0.14, is a fork of the same module.
    sys.modules.setdefault("sgmllib", importlib.import_module("feedparser_sgmllib"))
    from reader import make_reader

    reader = make_reader(str(folder / "reader.sqlite"))
    try:
        with Meter() as adding:
            for index in range(count):
                reader.add_feed(f"{base}/feed/{index}")
        with Meter() as seeding:
            reader.update_feeds(workers=workers, scheduled=False)
        seeded = reader.get_entry_counts()
        # reader's first update stores every entry: its cold cycle.
        cold = dict(**seeding.as_dict(), max_rss_mb=max_rss_mb(), polled=count, failed=reader.get_feed_counts().broken,
                    new_entries=seeded.total)
        emit("seeded", add_feeds_s=adding.wall, seed=seeding.as_dict(), entries=seeded.total, cold=cold)
        wait_for_go()
        threads_before = thread_cpu()
        with Meter() as measured:
            reader.update_feeds(workers=workers, scheduled=False)
        threads = cpu_split(threads_before, thread_cpu(), measured.cpu)
        after = reader.get_entry_counts()
        broken = reader.get_feed_counts().broken
        emit("result", **measured.as_dict(), max_rss_mb=max_rss_mb(), polled=count, failed=broken,
             new_entries=after.total - seeded.total, threads=threads)
    finally:
        reader.close()


# the naive baseline


def run_feedparser(base: str, count: int) -> None:
    """Measure a plain sequential loop of feedparser.parse(url), without conditional requests."""
    import feedparser

    wait_for_go()
    entries = failed = 0
    with Meter() as measured:
        for index in range(count):
            parsed = feedparser.parse(f"{base}/feed/{index}")
            failed += int(parsed.get("status") != 200)
            entries += len(parsed.entries)
    emit("result", **measured.as_dict(), max_rss_mb=max_rss_mb(), polled=count, failed=failed,
         entries_parsed=entries)


@contextlib.contextmanager
def quiet_logs() -> Iterator[None]:
    """Keep the children's logs to warnings on stderr (the parent reads stdout), and count errors."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    logging.getLogger().addHandler(ERRORS)
    # reader warns about every feed served as application/rss+xml ("NonXMLContentType"), and parses it.
    logging.getLogger("reader").setLevel(logging.ERROR)
    yield


def main(argv: list[str] | None = None) -> None:
    """Run one client as the parent asked."""
    parser = argparse.ArgumentParser(description="one polling client of the benchmark")
    parser.add_argument("client", choices=("seriesbot", "reader", "feedparser"))
    parser.add_argument("base")
    parser.add_argument("count", type=int)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--per-host", type=int, default=64)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--dir", type=Path, default=Path("."))
    parser.add_argument("--profile", default=None)
    parser.add_argument("--seed", choices=("direct", "poll", "cold"), default="direct")
    parser.add_argument("--one-by-one", action="store_true", help="poll feeds one at a time, timing each step")
    args = parser.parse_args(argv)
    if not args.base.startswith("http://127.0.0.1:"):
        raise SystemExit("the benchmark clients poll 127.0.0.1 only")
    with quiet_logs():
        if args.client == "seriesbot":
            asyncio.run(run_seriesbot(args.base, args.count, args.concurrency, args.per_host, args.dir,
                                      seed=args.seed, profile_path=args.profile, one_by_one=args.one_by_one))
        elif args.client == "reader":
            run_reader(args.base, args.count, args.workers, args.dir)
        else:
            run_feedparser(args.base, args.count)


if __name__ == "__main__":
    main(sys.argv[1:])
