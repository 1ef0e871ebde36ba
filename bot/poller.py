"""Poll feeds: claim the due ones, fetch them, hand what changed to the pipeline, back off on failure."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.config import PollSettings
from bot.feeds.fetch import Fetcher, FetchError
from bot.feeds.parse import NotAFeed
from bot.pipeline import Pipeline
from bot.store.records import FeedRecord
from bot.store.store import Store

log = logging.getLogger(__name__)
UNCHANGED_BATCH = 200


@dataclass(slots=True)
class PollSummary:
    """What one pass over the feeds did."""

    polled: int = 0
    not_modified: int = 0
    failed: int = 0
    new_entries: int = 0
    announcements: int = 0
    deliveries: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: PollSummary) -> None:
        """Fold another summary into this one."""
        self.polled += other.polled
        self.not_modified += other.not_modified
        self.failed += other.failed
        self.new_entries += other.new_entries
        self.announcements += other.announcements
        self.deliveries += other.deliveries
        self.errors.extend(other.errors)

    def line(self) -> str:
        """Return a one-line summary."""
        return (f"feeds polled: {self.polled}, not modified: {self.not_modified}, failed: {self.failed}, "
                f"new entries: {self.new_entries}, announcements: {self.announcements}, "
                f"deliveries: {self.deliveries}")


class Poller:
    """Claims due feeds and polls them concurrently."""

    def __init__(self, store: Store, fetcher: Fetcher, pipeline: Pipeline, settings: PollSettings, *, owner: str,
                 clock: Callable[[], datetime], on_queued: Callable[[], None] | None = None) -> None:
        self._store = store
        self._fetcher = fetcher
        self._pipeline = pipeline
        self._settings = settings
        self._owner = owner
        self._clock = clock
        self._on_queued = on_queued
        self._unchanged: list[tuple[int, datetime]] = []
        self._unchanged_since: datetime | None = None

    async def poll_due(self, *, every: bool = False) -> PollSummary:
        """Poll each due feed (or each enabled feed) once, claiming them so no other process does."""
        summary = PollSummary()
        started = self._clock()
        if every:
            await self._store.make_all_due(started)
        workers = self._settings.concurrency
        queue: asyncio.Queue[FeedRecord | None] = asyncio.Queue(maxsize=workers)

        async def work() -> None:
            while (feed := await queue.get()) is not None:
                summary.add(await self.poll_feed(feed))

        tasks = [asyncio.create_task(work()) for _ in range(workers)]
        try:
            # Feeds polled in this pass are due again only after `started`, so the loop ends.
            while claimed := await self._store.claim_due_feeds(now=self._clock(), due_by=started, owner=self._owner,
                                                               lease=self._settings.poll_timeout * 2, limit=workers):
                for feed in claimed:
                    await queue.put(feed)
            for _ in tasks:
                await queue.put(None)
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            await self._flush_unchanged()
        return summary

    async def _flush_unchanged(self) -> None:
        batch, self._unchanged, self._unchanged_since = self._unchanged, [], None
        await self._store.record_not_modified(batch, now=self._clock())

    async def poll_feed(self, feed: FeedRecord) -> PollSummary:
        """Poll one claimed feed and record the outcome; a failure stays with this feed."""
        summary = PollSummary(polled=1)
        try:
            async with asyncio.timeout(self._settings.poll_timeout):
                await self._poll(feed, summary)
        except (FetchError, NotAFeed, TimeoutError) as error:
            reason = str(error) or "the poll timed out"
            await self._record_failure(feed, reason, summary)
        except Exception as error:
            log.exception("unexpected error polling %s", feed.url)
            await self._record_failure(feed, f"internal error: {type(error).__name__}: {error}", summary)
        return summary

    async def _poll(self, feed: FeedRecord, summary: PollSummary) -> None:
        result = await self._fetcher.fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        now = self._clock()
        if result.not_modified:
            summary.not_modified += 1
            log.debug("%s not modified", feed.url)
            # Most polls of a large set are 304s: their bookkeeping is written in batches.
            self._unchanged.append((feed.id, self._next(feed)))
            self._unchanged_since = self._unchanged_since or now
            # Flush well before the leases of the batched feeds could expire and let another process repoll them.
            stale = (now - self._unchanged_since).total_seconds() >= self._settings.poll_timeout / 2
            if len(self._unchanged) >= UNCHANGED_BATCH or stale:
                await self._flush_unchanged()
            return
        learnt = await self._pipeline.take(feed, result, self._next(feed))
        summary.new_entries += learnt.entries
        summary.announcements += len(learnt.announcements)
        summary.deliveries += learnt.deliveries

    def _next(self, feed: FeedRecord) -> datetime:
        interval = feed.interval_seconds or self._settings.interval
        # Never later than the interval, so an item waits at most one interval (plus a tick).
        return self._clock() + timedelta(seconds=interval * random.uniform(0.97, 1.0))

    async def _record_failure(self, feed: FeedRecord, reason: str, summary: PollSummary) -> None:
        summary.failed += 1
        summary.errors.append(f"{feed.url}: {reason}")
        failures = feed.consecutive_failures + 1
        interval = feed.interval_seconds or self._settings.interval
        delay = min(self._settings.max_backoff, interval * 2 ** (failures - 1)) * random.uniform(0.8, 1.2)
        now = self._clock()
        disabled = failures >= self._settings.disable_after
        log.warning("%s failed (%d in a row): %s%s", feed.url, failures, reason,
                    "; feed disabled" if disabled else f"; next try in {delay:.0f} s")
        await self._store.record_poll(
            feed.id, now=now, status="error", next_check_at=now + timedelta(seconds=delay),
            consecutive_failures=failures, last_error=reason[:2000],
            disabled_reason=f"disabled after {failures} failures in a row: {reason}"[:2000] if disabled else None)
        if disabled:
            await self._notify_disabled(feed, failures, reason, now)

    async def _notify_disabled(self, feed: FeedRecord, failures: int, reason: str, now: datetime) -> None:
        text = (f"The feed {feed.label} ({feed.url}) was disabled after {failures} failed polls in a row. "
                f"Last error: {reason}. Fix the feed, then resume it with /feeds resume.")
        subs = await self._store.list_subscriptions(feed_id=feed.id)
        async with self._store.transaction() as tx:
            for destination in {sub.destination for sub in subs}:
                await tx.add_notice(destination, text, now)
        if self._on_queued and subs:
            self._on_queued()

