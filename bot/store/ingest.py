"""Write what a poll learnt in one transaction: entries, series, announcements and their deliveries."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.kb.merge import candidate_keys, matches, merge, new_series, series_keys
from bot.model import Announcement, Entry, Event, SeriesFacts, Source
from bot.store.codec import announcement_to_dict, series_from_dict, series_to_dict
from bot.store.records import Subscription
from bot.store.schema import announcements, deliveries, entries, series
from bot.store.schema import series_keys as keys_table
from bot.store.store import Store

log = logging.getLogger(__name__)
MATCH_THRESHOLD = 0.7


@dataclass(frozen=True, slots=True)
class IngestItem:
    """A new feed entry, the series facts read from it, and whether it may be posted."""

    entry: Entry
    facts: Sequence[SeriesFacts]
    post: bool


@dataclass(slots=True)
class IngestResult:
    """What one batch wrote."""

    entries: int = 0
    announcements: list[Announcement] = field(default_factory=list)
    deliveries: int = 0
    series_touched: list[int] = field(default_factory=list)


async def ingest(store: Store, feed_id: int, items: Sequence[IngestItem], subs: Sequence[Subscription],
                 *, now: datetime) -> IngestResult:
    """Store entries, merge their facts into the knowledge base and queue deliveries, all or nothing."""
    result = IngestResult()
    live = [sub for sub in subs if sub.paused_reason is None]
    async with store.engine.begin() as conn:
        for item in items:
            entry_id = await _insert_entry(conn, feed_id, item.entry, now)
            if entry_id is None:
                continue  # Another process took this entry first.
            result.entries += 1
            for facts in item.facts:
                announcement = await _learn(conn, facts, item.entry, now)
                if announcement is None or announcement.series.id is None:
                    continue
                result.series_touched.append(announcement.series.id)
                if not item.post:
                    continue
                stored = await _record_announcement(conn, announcement, entry_id, now)
                result.announcements.append(stored)
                result.deliveries += await _queue(conn, stored, live, now)
    return result


async def _insert_entry(conn: AsyncConnection, feed_id: int, entry: Entry, now: datetime) -> int | None:
    values = {"feed_id": feed_id, "identity": entry.identity, "title": entry.title[:2000],
              "link": (entry.link or "")[:2048] or None, "published": entry.published, "first_seen": now}
    dialect = conn.dialect.name
    statement: Any
    if dialect == "postgresql":
        statement = postgresql.insert(entries).values(**values).on_conflict_do_nothing()
    elif dialect == "sqlite":
        statement = sqlite.insert(entries).values(**values).on_conflict_do_nothing()
    else:
        statement = insert(entries).values(**values)
    outcome = await conn.execute(statement.returning(entries.c.id))
    row = outcome.first()
    return int(row.id) if row else None


async def _learn(conn: AsyncConnection, facts: SeriesFacts, entry: Entry, now: datetime) -> Announcement | None:
    source = Source(entry.link, entry.published, entry.source_name)
    wanted = candidate_keys(facts)
    candidates: list[Any] = []
    if wanted:
        ids = select(keys_table.c.series_id).where(keys_table.c.key.in_(sorted(wanted)))
        candidates = list(await conn.execute(select(series.c.id, series.c.data).where(series.c.id.in_(ids))))
    best = None
    best_score = 0.0
    for row in candidates:
        known = series_from_dict(row.data, row.id)
        score = matches(known, facts)
        if score > best_score:
            best, best_score = known, score
    if best is not None and best_score >= MATCH_THRESHOLD:
        merged = merge(best, facts, source, entry.image, now)
        if merged.series != best:
            await _save_series(conn, merged.series, now)
        if merged.event is None:
            return None
        record, event, changes = merged.series, merged.event, merged.changes
    else:
        record = await _save_series(conn, new_series(facts, source, entry.image, now), now)
        event, changes = Event.NEW, ()
    return Announcement(series=record, event=event, headline=entry.title, source_url=entry.link,
                        source_name=entry.source_name, published=entry.published, summary=entry.summary[:1000],
                        image=entry.image or record.image, changes=changes)


async def _save_series(conn: AsyncConnection, record: Any, now: datetime) -> Any:
    columns = {"title": record.title, "status": record.status.value, "platforms": ", ".join(record.platforms),
               "premiere_date": record.premiere_date, "last_updated": record.last_updated or now}
    if record.id is None:
        outcome = await conn.execute(insert(series).values(
            **columns, data={}, first_seen=record.first_seen or now).returning(series.c.id))
        new_id = int(outcome.scalar_one())
        record = series_from_dict(series_to_dict(record), new_id)
    await conn.execute(update(series).where(series.c.id == record.id).values(**columns, data=series_to_dict(record)))
    await conn.execute(delete(keys_table).where(keys_table.c.series_id == record.id))
    keys = sorted(series_keys(record))
    if keys:
        await conn.execute(insert(keys_table), [{"series_id": record.id, "key": key[:600]} for key in keys])
    return record


async def _record_announcement(conn: AsyncConnection, announcement: Announcement, entry_id: int,
                               now: datetime) -> Announcement:
    assert announcement.series.id is not None
    outcome = await conn.execute(insert(announcements).values(
        series_id=announcement.series.id, entry_id=entry_id, event=announcement.event.value,
        payload={}, created_at=now).returning(announcements.c.id))
    announcement_id = int(outcome.scalar_one())
    stored = Announcement(**{**{name: getattr(announcement, name) for name in Announcement.__slots__},
                             "id": announcement_id})
    await conn.execute(update(announcements).where(announcements.c.id == announcement_id)
                       .values(payload=announcement_to_dict(stored)))
    return stored


async def _queue(conn: AsyncConnection, announcement: Announcement, subs: Sequence[Subscription],
                 now: datetime) -> int:
    rows = [
        {"announcement_id": announcement.id, "subscription_id": sub.id, "kind": "announcement",
         "platform": sub.destination.platform.value, "workspace": sub.destination.workspace,
         "channel": sub.destination.channel, "mention": sub.mention, "state": "pending", "attempts": 0,
         "next_attempt_at": now, "created_at": now}
        for sub in subs
        if sub.filters.accepts(announcement)
    ]
    if rows:
        await conn.execute(insert(deliveries), rows)
    return len(rows)
