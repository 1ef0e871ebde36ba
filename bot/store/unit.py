"""A unit of work: the few writes the pipeline needs, in one transaction, each a bulk statement."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.destinations import Destination
from bot.model import Announcement, Entry, Series
from bot.store.codec import announcement_to_dict, series_from_dict, series_to_dict
from bot.store.records import Subscription
from bot.store.schema import announcements, deliveries, entries, feeds, season_premieres, series, subscriptions
from bot.store.schema import series_keys as keys_table

KEY_LENGTH = 600


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """A successful poll of a feed with content: what to remember about it."""

    feed_id: int
    next_check_at: datetime
    title: str | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class QueuedDelivery:
    """One announcement for one subscription's destination."""

    announcement_id: int
    subscription_id: int
    destination: Destination
    mention: str | None


class Transaction:
    """Writes and reads inside one open transaction; the store commits it, or rolls it back on error."""

    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    @property
    def connection(self) -> AsyncConnection:
        """The open connection, for the store's own modules that keep their SQL next to their tables."""
        return self._conn

    async def add_entries(self, items: Sequence[tuple[int, Entry]], now: datetime) -> dict[tuple[int, str], int]:
        """Insert the (feed id, entry) pairs not seen yet; return the row id of each inserted here."""
        if not items:
            return {}
        rows = [{"feed_id": feed_id, "identity": entry.identity, "title": entry.title[:2000],
                 "link": (entry.link or "")[:2048] or None, "published": entry.published, "first_seen": now}
                for feed_id, entry in items]
        dialect = self._conn.dialect.name
        statement: Any
        if dialect == "postgresql":
            statement = postgresql.insert(entries).on_conflict_do_nothing()
        elif dialect == "sqlite":
            statement = sqlite.insert(entries).on_conflict_do_nothing()
        else:
            statement = insert(entries)
        # Another process may have taken some of them first: only the rows inserted here come back.
        result = await self._conn.execute(statement.returning(entries.c.id, entries.c.feed_id, entries.c.identity),
                                          rows)
        return {(int(row.feed_id), row.identity): int(row.id) for row in result}

    async def subscriptions(self, feed_ids: Sequence[int]) -> dict[int, list[Subscription]]:
        """Return the subscriptions of these feeds, by feed."""
        found: dict[int, list[Subscription]] = {}
        if feed_ids:
            rows = await self._conn.execute(select(subscriptions).where(subscriptions.c.feed_id.in_(list(feed_ids)))
                                            .order_by(subscriptions.c.id))
            for row in rows:
                found.setdefault(int(row.feed_id), []).append(Subscription.from_row(row))
        return found

    async def series_with_keys(self, keys: Iterable[str]) -> list[Series]:
        """Return the known series that have any of these match keys."""
        wanted = sorted({key[:KEY_LENGTH] for key in keys})
        if not wanted:
            return []
        found: dict[int, Series] = {}
        for start in range(0, len(wanted), 500):
            ids = select(keys_table.c.series_id).where(keys_table.c.key.in_(wanted[start:start + 500]))
            rows = await self._conn.execute(select(series.c.id, series.c.data).where(series.c.id.in_(ids)))
            for row in rows:
                found.setdefault(int(row.id), series_from_dict(row.data, int(row.id)))
        return list(found.values())

    async def save_series(self, records: Sequence[tuple[Series, Iterable[str]]], *, now: datetime) -> list[Series]:
        """Insert the records without an id and update the others, each with its match keys; return them with ids.

        A new record goes in whole in one statement: its stored form leaves out the id, which is the row's.
        """
        if not records:
            return []
        saved = [record for record, _ in records]
        fresh = [index for index, record in enumerate(saved) if record.id is None]
        known = [record for record in saved if record.id is not None]
        if fresh:
            new_ids = await self._insert_returning_ids(series, [
                {**_series_columns(saved[index], now), "data": _stored_series(saved[index]),
                 "first_seen": saved[index].first_seen or now} for index in fresh])
            for index, new_id in zip(fresh, new_ids, strict=True):
                saved[index] = replace(saved[index], id=new_id)
        if known:
            await self._conn.execute(
                update(series).where(series.c.id == bindparam("series_id"))
                .values({name: bindparam(f"new_{name}") for name in (*_SERIES_COLUMNS, "data")}),
                [{"series_id": record.id, "new_data": _stored_series(record),
                  **{f"new_{name}": value for name, value in _series_columns(record, now).items()}}
                 for record in known])
            # Only a stored record has keys to replace; a new one has none yet.
            await self._conn.execute(delete(keys_table).where(keys_table.c.series_id.in_([r.id for r in known])))
        await self._save_season_premieres(saved, known)
        key_rows = [{"series_id": record.id, "key": key}
                    for record, (_, keys) in zip(saved, records, strict=True)
                    for key in sorted({key[:KEY_LENGTH] for key in keys})]
        if key_rows:
            await self._conn.execute(insert(keys_table), key_rows)
        return saved

    async def _save_season_premieres(self, saved: Sequence[Series], known: Sequence[Series]) -> None:
        """Record the premiere of each record's current season; the rows of its earlier seasons stay as they are."""
        if known:
            await self._conn.execute(
                delete(season_premieres).where(season_premieres.c.series_id == bindparam("of_series"),
                                               season_premieres.c.season == bindparam("of_season")),
                [{"of_series": record.id, "of_season": record.season or 1} for record in known])
        dated = [{"series_id": record.id, "season": record.season or 1, "premiere_date": record.premiere_date}
                 for record in saved if record.premiere_date is not None]
        if dated:
            await self._conn.execute(insert(season_premieres), dated)

    async def add_announcements(self, made: Sequence[tuple[Announcement, int]], now: datetime) -> list[Announcement]:
        """Record announcements (each with the id of the entry it came from); return them with their ids.

        Each goes in whole in one statement: its stored form leaves out its own id, which is the row's.
        """
        if not made:
            return []
        new_ids = await self._insert_returning_ids(announcements, [
            {"series_id": announcement.series.id, "entry_id": entry_id, "event": announcement.event.value,
             "payload": _without_id(announcement_to_dict(announcement)), "created_at": now}
            for announcement, entry_id in made])
        return [replace(announcement, id=new_id) for (announcement, _), new_id in zip(made, new_ids, strict=True)]

    async def _insert_returning_ids(self, table: Table, rows: Sequence[dict[str, Any]]) -> list[int]:
        """Insert rows with a few multi-row statements; return the new ids in the order of the rows."""
        if self._conn.dialect.name != "sqlite":
            result = await self._conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
            return [int(new_id) for new_id in result.scalars()]
        # Asked for the ids in row order, SQLAlchemy sends SQLite one statement per row. SQLite numbers the rows of
        # an INSERT in turn (each gets the largest id + 1), and no other writer can come in between before this
        # transaction ends, so the new ids sorted are the rows' in order, whatever order RETURNING gives them in.
        result = await self._conn.execute(insert(table).returning(table.c.id), rows)
        return sorted(int(new_id) for new_id in result.scalars())

    async def queue_deliveries(self, queued: Sequence[QueuedDelivery], now: datetime) -> None:
        """Add pending deliveries, due now."""
        if queued:
            await self._conn.execute(insert(deliveries), [
                {"announcement_id": item.announcement_id, "subscription_id": item.subscription_id,
                 "kind": "announcement", "platform": item.destination.platform.value,
                 "workspace": item.destination.workspace, "channel": item.destination.channel,
                 "mention": item.mention, "state": "pending", "attempts": 0, "next_attempt_at": now,
                 "created_at": now} for item in queued])

    async def add_notice(self, destination: Destination, text: str, now: datetime) -> None:
        """Queue a notice for a channel's admins."""
        await self._conn.execute(insert(deliveries).values(
            kind="notice", platform=destination.platform.value, workspace=destination.workspace,
            channel=destination.channel, notice=text[:1500], state="pending", attempts=0, next_attempt_at=now,
            created_at=now))

    async def record_polls(self, outcomes: Sequence[PollOutcome], now: datetime) -> None:
        """Store successful polls with content and release their leases."""
        if not outcomes:
            return
        statement = (update(feeds).where(feeds.c.id == bindparam("feed_id"))
                     .values(status="ok", next_check_at=bindparam("next_at"), last_checked_at=now,
                             last_success_at=now, consecutive_failures=0, last_error=None, lease_owner=None,
                             lease_until=None, title=bindparam("feed_title"), etag=bindparam("feed_etag"),
                             last_modified=bindparam("feed_modified"), seeded=True))
        await self._conn.execute(statement, [
            {"feed_id": item.feed_id, "next_at": item.next_check_at, "feed_title": item.title,
             "feed_etag": item.etag, "feed_modified": item.last_modified} for item in outcomes])


_SERIES_COLUMNS = ("title", "status", "platforms", "premiere_date", "last_updated")


def _without_id(data: dict[str, Any]) -> dict[str, Any]:
    data.pop("id", None)
    return data


def _stored_series(record: Series) -> dict[str, Any]:
    return _without_id(series_to_dict(record))


def _series_columns(record: Series, now: datetime) -> dict[str, Any]:
    return {"title": record.title, "status": record.status.value, "platforms": ", ".join(record.platforms),
            "premiere_date": record.premiere_date, "last_updated": record.last_updated or now}
