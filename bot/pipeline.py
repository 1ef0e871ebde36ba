"""The data path: a feed's new entries → series facts → knowledge base → announcements → deliveries.

The poller hands over what it fetched; parsing and extraction run in the worker pool; everything a
poll learnt (entries, series, announcements, deliveries, the feed's new state) is written by one
writer task, several feeds to a transaction, so that it all commits together or not at all.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.config import PollSettings
from bot.feeds.fetch import FetchResult
from bot.kb.merge import candidate_keys, matches, merge, new_series, series_keys
from bot.model import (
    ANNOUNCED_SUMMARY,
    Announcement,
    Entry,
    Event,
    Series,
    SeriesFacts,
    Source,
    first_of_each_identity,
)
from bot.store.records import FeedRecord
from bot.store.store import Store
from bot.store.unit import PollOutcome, QueuedDelivery, Transaction
from bot.workers import CpuPool

log = logging.getLogger(__name__)
MATCH_THRESHOLD = 0.7
BATCH_FEEDS = 64  # feeds written in one transaction at most
# How long the writer may wait for feeds still being read, to write them in the same transaction: a transaction
# costs the main process more than the feeds in it, and a burst of polls (a cold start) comes in a steady trickle.
GATHER_SECONDS = 0.25

# Called after each commit with every series learnt or updated in it (ids set); must not block.
SeriesListener = Callable[[Sequence[Series]], None]
LinkFollower = Callable[[Entry], Awaitable[Entry]]


@dataclass(frozen=True, slots=True)
class NewEntry:
    """A new feed entry, the series facts read from it, and whether it may be posted."""

    entry: Entry
    facts: Sequence[SeriesFacts]
    post: bool


@dataclass(slots=True)
class Learnt:
    """What one feed's poll wrote."""

    entries: int = 0
    announcements: list[Announcement] = field(default_factory=list)
    deliveries: int = 0


@dataclass(frozen=True, slots=True)
class FeedWork:
    """One feed's new entries and the state to record for it (None: only the entries, as in tests)."""

    feed_id: int
    items: Sequence[NewEntry]
    outcome: PollOutcome | None = None


class Pipeline:
    """Turn fetched feeds into stored knowledge and queued deliveries."""

    def __init__(self, store: Store, pool: CpuPool, settings: PollSettings, *,
                 follow: LinkFollower | None = None, clock: Callable[[], datetime]) -> None:
        self._store = store
        self._pool = pool
        self._settings = settings
        self._follow = follow
        self._clock = clock
        self._queue: asyncio.Queue[tuple[FeedWork, asyncio.Future[Learnt]]] = asyncio.Queue()
        self._writer: asyncio.Task[None] | None = None
        self._reading = 0  # takes that have not handed their work to the writer yet
        # The one place where the rest of the bot hears of new knowledge: the lookup index, enrichment.
        self.on_series_learnt: list[SeriesListener] = []
        self.on_queued: list[Callable[[], None]] = []

    async def start(self) -> None:
        """Start the worker processes now (the first poll would otherwise wait for them)."""
        await self._pool.start()

    async def take(self, feed: FeedRecord, fetched: FetchResult, next_check_at: datetime) -> Learnt:
        """Parse a fetched feed, read its new entries and store what they say (raises NotAFeed)."""
        self._reading += 1
        try:
            found: Sequence[Sequence[SeriesFacts]] | None = None
            if feed.seeded or self._follows(feed):
                parsed = await self._pool.parse(fetched.body, feed.url, fetched.headers)
            else:
                # On a feed's first poll every entry is new (see read): one trip to a worker parses and reads all.
                parsed, found = await self._pool.parse_and_read(fetched.body, feed.url, fetched.headers)
            items = await self.read(feed, parsed.entries, found)
        finally:
            self._reading -= 1
        outcome = PollOutcome(feed.id, next_check_at, (parsed.title or "")[:500] or None, fetched.etag,
                              fetched.last_modified)
        learnt = await self.commit(FeedWork(feed.id, items, outcome))
        if learnt.entries:
            log.info("%s: %d new entries, %d announcements, %d deliveries", feed.label, learnt.entries,
                     len(learnt.announcements), learnt.deliveries)
        return learnt

    def _follows(self, feed: FeedRecord) -> bool:
        return feed.follow_links and self._follow is not None

    async def read(self, feed: FeedRecord, parsed: Sequence[Entry],
                   found: Sequence[Sequence[SeriesFacts]] | None = None) -> list[NewEntry]:
        """Keep the entries the feed has not had before, oldest first, with their facts and whether to post.

        `found` has the facts of each parsed entry when they were read already (on a feed's first poll).
        """
        now = self._clock()
        unique = first_of_each_identity(parsed)
        # A feed's entries are written in the transaction that marks it seeded, so before that it has none.
        # (Were one there after all, storing it would skip it: learn() takes only the entries it inserts.)
        known = await self._store.known_identities(feed.id, list(unique)) if feed.seeded else set()
        fresh = [index for identity, index in unique.items() if identity not in known]
        # Feeds list newest first; post oldest first, undated items keeping their feed order.
        fresh.reverse()
        fresh.sort(key=lambda index: parsed[index].published or now)
        ordered = [parsed[index] for index in fresh]
        oldest = now - timedelta(seconds=self._settings.max_age)
        backfill = feed.backfill if feed.backfill is not None else self._settings.backfill
        first_postable = max(0, len(ordered) - backfill) if not feed.seeded else 0
        post = [index >= first_postable and (entry.published is None or entry.published >= oldest)
                for index, entry in enumerate(ordered)]
        if found is not None:
            facts: Sequence[Sequence[SeriesFacts]] = [found[index] for index in fresh]
        else:
            if self._follows(feed):
                ordered = [await self._followed(entry) if posted else entry
                           for entry, posted in zip(ordered, post, strict=True)]
            facts = await self._pool.facts(ordered)
        return [NewEntry(entry, said, posted) for entry, said, posted in zip(ordered, facts, post, strict=True)]

    async def _followed(self, entry: Entry) -> Entry:
        assert self._follow is not None
        try:
            return await self._follow(entry)
        except Exception as error:
            log.warning("could not follow %s: %s", entry.link, error)
            return entry

    async def commit(self, work: FeedWork) -> Learnt:
        """Have the writer store one feed's work, with other feeds' in the same transaction; wait for it."""
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_forever(), name="pipeline-writer")
        future: asyncio.Future[Learnt] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((work, future))
        return await future

    async def close(self) -> None:
        """Stop the writer (work still queued fails)."""
        if self._writer is not None:
            self._writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._writer
        while not self._queue.empty():
            _, future = self._queue.get_nowait()
            if not future.done():
                future.set_exception(RuntimeError("the pipeline was closed"))

    async def _write_forever(self) -> None:
        while True:
            batch = await self._next_batch()
            try:
                await self._write(batch)
            except asyncio.CancelledError:
                for _, future in batch:
                    _fail(future, RuntimeError("the pipeline was closed"))
                raise
            except Exception as error:
                if len(batch) == 1:
                    _fail(batch[0][1], error)
                    continue
                # One feed's bad data must not cost the others their poll: write each alone.
                for one in batch:
                    try:
                        await self._write([one])
                    except Exception as alone:
                        _fail(one[1], alone)

    async def _next_batch(self) -> list[tuple[FeedWork, asyncio.Future[Learnt]]]:
        """Wait for work; then take what is queued, waiting a little for the feeds still being read."""
        batch = [await self._queue.get()]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + GATHER_SECONDS
        while len(batch) < BATCH_FEEDS:
            if not self._queue.empty():
                batch.append(self._queue.get_nowait())
                continue
            if self._reading == 0 or loop.time() >= deadline:
                break
            try:
                async with asyncio.timeout_at(deadline):
                    batch.append(await self._queue.get())
            except TimeoutError:
                break
            except asyncio.CancelledError:
                for _, future in batch:
                    _fail(future, RuntimeError("the pipeline was closed"))
                raise
        return batch

    async def _write(self, batch: Sequence[tuple[FeedWork, asyncio.Future[Learnt]]]) -> None:
        now = self._clock()
        works = [work for work, _ in batch]
        async with self._store.transaction() as tx:
            results, learnt = await learn(tx, works, now=now)
            await tx.record_polls([work.outcome for work in works if work.outcome is not None], now)
        for (_, future), result in zip(batch, results, strict=True):
            if not future.done():
                future.set_result(result)
        if learnt:
            for listener in self.on_series_learnt:
                listener(learnt)
        if any(result.deliveries for result in results):
            for wake in self.on_queued:
                wake()


def _fail(future: asyncio.Future[Learnt], error: BaseException) -> None:
    if not future.done():
        future.set_exception(error)


class _Knowledge:
    """The knowledge base as far as one batch needs it: the series sharing a key with its facts, and changes."""

    def __init__(self, known: Sequence[Series]) -> None:
        self.records: dict[int, Series] = {}
        self.keys: dict[int, set[str]] = {}
        self._index: dict[str, set[int]] = {}
        self.changed: list[int] = []  # handles in the order first changed
        self._created = 0
        for record in known:
            assert record.id is not None
            self._put(record.id, record)

    def _put(self, handle: int, record: Series) -> None:
        for key in self.keys.get(handle, ()):
            self._index[key].discard(handle)
        keys = series_keys(record)
        self.records[handle], self.keys[handle] = record, keys
        for key in keys:
            self._index.setdefault(key, set()).add(handle)

    def best(self, facts: SeriesFacts, keys: set[str]) -> tuple[int, Series] | None:
        """Return the known series these facts (with their candidate_keys) are about, if one matches well enough."""
        handles = set().union(*(self._index.get(key, ()) for key in keys))
        best: tuple[int, Series] | None = None
        best_score = 0.0
        # Stored series first, oldest first, then those created in this batch in order.
        for handle in sorted(handles, key=lambda handle: (handle < 0, abs(handle))):
            score = matches(self.records[handle], facts)
            if score > best_score:
                best, best_score = (handle, self.records[handle]), score
        return best if best_score >= MATCH_THRESHOLD else None

    def save(self, handle: int | None, record: Series) -> int:
        """Keep a new or changed record; a new one gets a temporary (negative) handle until it is stored."""
        if handle is None:
            self._created += 1
            handle = -self._created
        if handle not in self.changed:
            self.changed.append(handle)
        self._put(handle, record)
        return handle


async def learn(tx: Transaction, works: Sequence[FeedWork], *, now: datetime) -> tuple[list[Learnt], list[Series]]:
    """Store the feeds' new entries, fold their facts into the knowledge base and queue deliveries.

    Return what each feed wrote, and every series learnt or updated.
    """
    results = [Learnt() for _ in works]
    ids = await tx.add_entries([(work.feed_id, item.entry) for work in works for item in work.items], now)
    # Another process may have stored some entries first: those are its to learn from.
    # Each entry with its facts and their candidate keys, which both the lookup and the matching need.
    fresh = [[(item, [(facts, candidate_keys(facts)) for facts in item.facts])
              for item in work.items if (work.feed_id, item.entry.identity) in ids] for work in works]
    wanted = {key for items in fresh for _, read in items for _, keys in read for key in keys}
    kb = _Knowledge(await tx.series_with_keys(wanted) if wanted else [])
    made: list[tuple[int, int, Announcement, int]] = []  # (work index, handle, announcement, entry id)
    for index, items in enumerate(fresh):
        results[index].entries = len(items)
        for item, read in items:
            for facts, keys in read:
                found = _fold(kb, facts, keys, item.entry, now, announce=item.post)
                if found is not None:
                    made.append((index, found[0], found[1], ids[works[index].feed_id, item.entry.identity]))
    saved = await tx.save_series([(kb.records[handle], kb.keys[handle]) for handle in kb.changed], now=now)
    ids_of = {handle: record.id for handle, record in zip(kb.changed, saved, strict=True)}
    announcements = await tx.add_announcements(
        [(replace(announcement, series=replace(announcement.series, id=ids_of.get(handle, handle))), entry_id)
         for _, handle, announcement, entry_id in made], now)
    subscriptions = await tx.subscriptions(sorted({works[index].feed_id for index, _, _, _ in made}))
    queued: list[QueuedDelivery] = []
    for (index, _, _, _), announcement in zip(made, announcements, strict=True):
        assert announcement.id is not None
        results[index].announcements.append(announcement)
        for sub in subscriptions.get(works[index].feed_id, ()):
            if sub.paused_reason is None and sub.filters.accepts(announcement):
                queued.append(QueuedDelivery(announcement.id, sub.id, sub.destination, sub.mention))
                results[index].deliveries += 1
    await tx.queue_deliveries(queued, now)
    return results, saved


def _fold(kb: _Knowledge, facts: SeriesFacts, keys: set[str], entry: Entry, now: datetime, *,
          announce: bool) -> tuple[int, Announcement] | None:
    """Fold one entry's facts into the batch's knowledge; return the announcement they make, if any and asked for."""
    source = Source(entry.link, entry.published, entry.source_name)
    match = kb.best(facts, keys)
    if match is not None:
        handle, known = match
        merged = merge(known, facts, source, entry.image, now)
        if merged.series != known:
            kb.save(handle, merged.series)
        if merged.event is None:
            return None
        record, event, changes = merged.series, merged.event, merged.changes
    else:
        record = new_series(facts, source, entry.image, now)
        handle = kb.save(None, record)
        event, changes = Event.NEW, ()
    if not announce:
        return None
    return handle, Announcement(series=record, event=event, headline=entry.title, source_url=entry.link,
                                source_name=entry.source_name, published=entry.published,
                                summary=entry.summary[:ANNOUNCED_SUMMARY], image=entry.image or record.image,
                                changes=changes)


async def store_entries(store: Store, feed_id: int, items: Sequence[NewEntry], *, now: datetime) -> Learnt:
    """Store one feed's new entries and what they say in a transaction of their own (one-off callers)."""
    async with store.transaction() as tx:
        (result,), _ = await learn(tx, [FeedWork(feed_id, items)], now=now)
    return result
