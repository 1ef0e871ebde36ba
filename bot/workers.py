"""CPU work of the pipeline (parsing feeds and pages, reading series facts) in a pool of processes.

Parsing and extraction are pure Python and hold the GIL, so threads would run them on one core
only. Each call sends plain data (bytes, entries) to a worker process and gets plain data back;
every write stays in the main process. `workers = 0` runs the same functions in a thread instead.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import Any, TypeVar

from bot.feeds.parse import ParsedFeed, parse_feed
from bot.model import ANNOUNCED_SUMMARY, Entry, SeriesFacts, first_of_each_identity
from bot.normalise import normalise

log = logging.getLogger(__name__)
T = TypeVar("T")
PARENT_CHECK_SECONDS = 1.0
WARM_UP_TEXT = "Netflix has ordered “Warm Up”, a new drama series."


def default_workers() -> int:
    """Return the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def read_facts(entries: Sequence[Entry]) -> list[list[SeriesFacts] | str]:
    """Return each entry's series facts, or the error that stopped its extraction (to be logged by the caller)."""
    found: list[list[SeriesFacts] | str] = []
    for entry in entries:
        try:
            found.append(normalise(entry))
        except Exception as error:
            found.append(f"{type(error).__name__}: {error}")
    return found


def read_feed(body: bytes, url: str, headers: Mapping[str, str]) -> tuple[ParsedFeed, list[list[SeriesFacts] | str]]:
    """Parse a feed body and read the series facts of every entry, in one trip to a worker (raises NotAFeed).

    Of the entries sharing an identity only the first is read: the pipeline keeps only that one (Pipeline.read),
    and the others get no facts. The entries come back as the pipeline stores them (_as_stored).
    """
    parsed = parse_feed(body, url, headers)
    first = first_of_each_identity(parsed.entries)
    if len(first) == len(parsed.entries):
        found = read_facts(parsed.entries)
    else:
        found = [[] for _ in parsed.entries]
        for index, facts in zip(first.values(), read_facts([parsed.entries[index] for index in first.values()]),
                                strict=True):
            found[index] = facts
    return replace(parsed, entries=tuple(_as_stored(entry) for entry in parsed.entries)), found


def _as_stored(entry: Entry) -> Entry:
    """Return the entry with only the text the pipeline keeps once its facts are read, to send back less."""
    if not entry.content and len(entry.summary) <= ANNOUNCED_SUMMARY:
        return entry
    return replace(entry, content="", summary=entry.summary[:ANNOUNCED_SUMMARY])


def read_article(html: str, url: str | None) -> Any:
    """Return the article page read from HTML (text, image, date)."""
    from bot.extract.article import parse_article

    return parse_article(html, url)


def _start_worker(parent: int) -> None:
    """Set up a worker: leave when the bot's process is gone, and build the extractor's tables."""
    # A worker holds its own end of the task queue open, so a parent killed with SIGKILL would leave it
    # waiting forever: it watches for that instead.
    threading.Thread(target=_exit_with, args=(parent,), name="parent-watch", daemon=True).start()
    _warm_up()


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


def _warm_up() -> None:
    # Build the extractor's tables once per worker, before the first real entry waits for them.
    read_facts([Entry("warm-up", "warm-up", "Warm Up", summary=WARM_UP_TEXT)])


def _warm_up_and_linger() -> None:
    _warm_up()
    # Long enough for the pool to hand the other warm-ups to the other workers.
    time.sleep(0.2)


class CpuPool:
    """Run the pipeline's CPU-bound steps on every core; started at first use, stopped by close()."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: Executor | None = None

    def _pool(self) -> Executor | None:
        if self.workers == 0:
            return None
        if self._executor is None:
            # spawn: a fork of this process would copy its threads' locks (aiosqlite, logging) mid-use.
            self._executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_start_worker, initargs=(os.getpid(),))
        return self._executor

    async def start(self) -> None:
        """Start every worker now and build its tables, rather than at the first feed."""
        if self._pool() is None:
            return
        await asyncio.gather(*(self._run(_warm_up_and_linger) for _ in range(self.workers)))

    async def _run(self, function: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            executor = self._pool()
            try:
                return await loop.run_in_executor(executor, function, *args)
            except BrokenProcessPool:
                # A worker died (killed, out of memory): start a fresh pool and try once more.
                log.warning("a worker process died; restarting the pool (attempt %d)", attempt)
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def parse(self, body: bytes, url: str, headers: Mapping[str, str]) -> ParsedFeed:
        """Parse a feed body (raises NotAFeed)."""
        return await self._run(parse_feed, body, url, dict(headers))

    async def facts(self, entries: Sequence[Entry]) -> list[list[SeriesFacts]]:
        """Return each entry's series facts; an entry the extractor fails on is logged and gets none."""
        if not entries:
            return []
        return _logged(entries, await self._run(read_facts, list(entries)))

    async def parse_and_read(self, body: bytes, url: str,
                             headers: Mapping[str, str]) -> tuple[ParsedFeed, list[list[SeriesFacts]]]:
        """Parse a feed body and read every entry's series facts (raises NotAFeed), as parse then facts would.

        An entry repeating an earlier one's identity gets none (the pipeline keeps only the first). The entries
        come back without their content and with their summary cut as announcements cut it: the text is read.
        """
        parsed, found = await self._run(read_feed, body, url, dict(headers))
        return parsed, _logged(parsed.entries, found)

    async def article(self, html: str, url: str | None) -> Any:
        """Read an article page."""
        return await self._run(read_article, html, url)

    def close(self) -> None:
        """Stop the worker processes."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)


def _logged(entries: Sequence[Entry], found: Sequence[list[SeriesFacts] | str]) -> list[list[SeriesFacts]]:
    """Return the facts of each entry, logging the entries the extractor failed on (they get none)."""
    facts: list[list[SeriesFacts]] = []
    for entry, result in zip(entries, found, strict=True):
        if isinstance(result, str):
            log.error("extraction failed on %s (%s); the entry is kept without series", entry.link or entry.title,
                      result)
            facts.append([])
        else:
            facts.append(result)
    return facts
