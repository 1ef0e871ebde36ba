"""The store: feeds, subscriptions, entries seen, series and the delivery outbox."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.destinations import Destination, Platform
from bot.filters import Filters
from bot.model import Announcement, Series
from bot.store import migrate
from bot.store.codec import announcement_from_dict, series_from_dict
from bot.store.engine import create_engine
from bot.store.ratelimit import Budget, rate_budget
from bot.store.ratewindow import Window, rate_window
from bot.store.records import DeliveryJob, FeedRecord, Subscription
from bot.store.schema import announcements, deliveries, entries, feeds, season_premieres, series, subscriptions
from bot.store.unit import Transaction

log = logging.getLogger(__name__)


class DuplicateSubscription(Exception):
    """That feed already goes to that channel."""


class Store:
    """Async access to the database; the same code runs on SQLite and PostgreSQL."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """Open a unit of work: everything done through it commits together, or not at all."""
        async with self._engine.begin() as conn:
            yield Transaction(conn)

    @contextlib.asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncConnection]:
        """Open a connection for reads, for the store's own modules that keep their SQL next to their tables."""
        async with self._engine.connect() as conn:
            yield conn

    def rate_budget(self, name: str, rate: float, capacity: float | None = None) -> Budget:
        """Return a token bucket: shared by every process on PostgreSQL, by this process's users on SQLite."""
        return rate_budget(self._engine, name, rate, capacity)

    def rate_window(self, name: str, rate: float) -> Window:
        """Return at most `rate` slots a second: shared by every process on PostgreSQL, this process's on SQLite."""
        return rate_window(self._engine, name, rate)

    @classmethod
    async def open(cls, url: str) -> Store:
        """Connect and apply the migrations."""
        engine = create_engine(url)
        await migrate.upgrade(engine)
        return cls(engine)

    @property
    def dialect(self) -> str:
        """Return 'sqlite' or 'postgresql'."""
        return self._engine.dialect.name

    async def close(self) -> None:
        """Release every connection."""
        await self._engine.dispose()

    # Feeds

    async def add_feed(self, url: str, *, now: datetime, name: str | None = None, interval: float | None = None,
                       follow_links: bool = False, backfill: int | None = None) -> tuple[FeedRecord, bool]:
        """Add a feed due at once, or return the existing one; say whether it was created."""
        existing = await self.get_feed(url)
        if existing is not None:
            return existing, False
        values = {"url": url, "name": name, "interval_seconds": interval, "follow_links": follow_links,
                  "backfill": backfill, "status": "new", "next_check_at": now, "consecutive_failures": 0,
                  "paused": False, "seeded": False, "created_at": now}
        try:
            async with self._engine.begin() as conn:
                await conn.execute(insert(feeds).values(**values))
        except IntegrityError:
            pass  # Added meanwhile by another process or command: the row is what counts.
        feed = await self.get_feed(url)
        assert feed is not None
        return feed, existing is None

    async def update_feed(self, feed_id: int, **values: Any) -> None:
        """Change a feed's settings (name, interval_seconds, follow_links, backfill)."""
        unknown = set(values) - {"name", "interval_seconds", "follow_links", "backfill"}
        if unknown:
            raise ValueError(f"not a feed setting: {', '.join(sorted(unknown))}")
        async with self._engine.begin() as conn:
            await conn.execute(update(feeds).where(feeds.c.id == feed_id).values(**values))

    async def get_feed(self, ref: int | str) -> FeedRecord | None:
        """Find a feed by id (or a string of digits) or by URL."""
        if isinstance(ref, int) or ref.isdigit():
            condition = feeds.c.id == int(ref)
        else:
            condition = feeds.c.url == ref
        async with self._engine.connect() as conn:
            row = (await conn.execute(select(feeds).where(condition))).first()
        return FeedRecord.from_row(row) if row else None

    async def list_feeds(self, ids: Iterable[int] | None = None) -> list[FeedRecord]:
        """Return feeds in the order they were added."""
        query = select(feeds).order_by(feeds.c.id)
        if ids is not None:
            query = query.where(feeds.c.id.in_(list(ids)))
        async with self._engine.connect() as conn:
            return [FeedRecord.from_row(row) for row in await conn.execute(query)]

    async def entry_counts(self) -> dict[int, int]:
        """Return how many entries each feed has seen."""
        query = select(entries.c.feed_id, func.count()).group_by(entries.c.feed_id)
        async with self._engine.connect() as conn:
            return {int(feed_id): int(count) for feed_id, count in await conn.execute(query)}

    async def set_paused(self, feed_id: int, paused: bool, *, now: datetime) -> None:
        """Pause or resume a feed; resuming clears a disabled state and makes it due."""
        values: dict[str, Any] = {"paused": paused}
        if not paused:
            values |= {"disabled_reason": None, "consecutive_failures": 0, "next_check_at": now}
        async with self._engine.begin() as conn:
            await conn.execute(update(feeds).where(feeds.c.id == feed_id).values(**values))

    async def remove_feed(self, feed_id: int) -> None:
        """Delete a feed with its entries and subscriptions (sent history stays)."""
        async with self._engine.begin() as conn:
            sub_ids = select(subscriptions.c.id).where(subscriptions.c.feed_id == feed_id)
            await conn.execute(update(deliveries).where(deliveries.c.subscription_id.in_(sub_ids),
                                                        deliveries.c.state == "pending")
                               .values(state="cancelled", last_error="feed removed"))
            await conn.execute(delete(subscriptions).where(subscriptions.c.feed_id == feed_id))
            await conn.execute(delete(entries).where(entries.c.feed_id == feed_id))
            await conn.execute(delete(feeds).where(feeds.c.id == feed_id))

    async def make_all_due(self, now: datetime) -> None:
        """Make every enabled feed due now (for a one-off pass over all feeds)."""
        async with self._engine.begin() as conn:
            await conn.execute(update(feeds).where(feeds.c.paused.is_(False), feeds.c.disabled_reason.is_(None),
                                                   feeds.c.next_check_at > now).values(next_check_at=now))

    async def claim_due_feeds(self, *, now: datetime, owner: str, lease: float, limit: int,
                              due_by: datetime | None = None) -> list[FeedRecord]:
        """Lease the feeds due by a moment (default now) so that no other process polls them."""
        free = or_(feeds.c.lease_until.is_(None), feeds.c.lease_until < now)
        wanted = and_(feeds.c.paused.is_(False), feeds.c.disabled_reason.is_(None), free,
                      feeds.c.next_check_at <= (due_by or now))
        until = now + timedelta(seconds=lease)
        candidates = (select(feeds.c.id).where(wanted).order_by(feeds.c.next_check_at).limit(limit)
                      .with_for_update(skip_locked=True).scalar_subquery())
        # One UPDATE picks and leases at once, so concurrent claimers never take the same rows.
        async with self._engine.begin() as conn:
            await conn.execute(update(feeds).where(feeds.c.id.in_(candidates), free)
                               .values(lease_owner=owner, lease_until=until))
            rows = await conn.execute(select(feeds).where(feeds.c.lease_owner == owner, feeds.c.lease_until == until)
                                      .order_by(feeds.c.next_check_at))
            return [FeedRecord.from_row(row) for row in rows]

    async def record_poll(self, feed_id: int, *, now: datetime, status: str, next_check_at: datetime,
                          **values: Any) -> None:
        """Store the outcome of a poll and release the feed's lease."""
        success = status in ("ok", "not_modified")
        fields: dict[str, Any] = {"status": status, "next_check_at": next_check_at, "last_checked_at": now,
                                  "lease_owner": None, "lease_until": None, **values}
        if success:
            fields |= {"last_success_at": now, "consecutive_failures": 0, "last_error": None}
        async with self._engine.begin() as conn:
            await conn.execute(update(feeds).where(feeds.c.id == feed_id).values(**fields))

    async def release_leases_of(self, is_dead: Callable[[str], bool]) -> int:
        """Free the feeds and deliveries leased by owners that are known to be dead; return how many."""
        freed = 0
        async with self._engine.begin() as conn:
            for table in (feeds, deliveries):
                owners = await conn.execute(select(table.c.lease_owner).distinct()
                                            .where(table.c.lease_owner.is_not(None)))
                dead = [owner for (owner,) in owners if is_dead(owner)]
                if dead:
                    result = await conn.execute(update(table).where(table.c.lease_owner.in_(dead))
                                                .values(lease_owner=None, lease_until=None))
                    freed += result.rowcount or 0
        return freed

    async def record_not_modified(self, outcomes: Sequence[tuple[int, datetime]], *, now: datetime) -> None:
        """Store many 304 outcomes (feed id, next check) in one transaction and release their leases."""
        if not outcomes:
            return
        statement = (update(feeds).where(feeds.c.id == bindparam("feed_id"))
                     .values(status="not_modified", next_check_at=bindparam("next_at"), last_checked_at=now,
                             last_success_at=now, consecutive_failures=0, last_error=None, lease_owner=None,
                             lease_until=None))
        async with self._engine.begin() as conn:
            await conn.execute(statement, [{"feed_id": feed_id, "next_at": next_at} for feed_id, next_at in outcomes])

    # Subscriptions

    async def add_subscription(self, feed_id: int, destination: Destination, *, now: datetime,
                               filters: Filters | None = None, mention: str | None = None,
                               created_by: str | None = None) -> Subscription:
        """Route a feed to a destination; raise DuplicateSubscription when it already is."""
        values = {"feed_id": feed_id, "platform": destination.platform.value, "workspace": destination.workspace,
                  "channel": destination.channel, "filters": (filters or Filters()).to_dict(), "mention": mention,
                  "created_by": created_by, "created_at": now}
        try:
            async with self._engine.begin() as conn:
                result = await conn.execute(insert(subscriptions).values(**values))
                new_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        except IntegrityError:
            raise DuplicateSubscription(f"that feed already posts to {destination}") from None
        found = await self.list_subscriptions(ids=[new_id])
        return found[0]

    async def list_subscriptions(self, *, feed_id: int | None = None, platform: Platform | None = None,
                                 workspace: str | None = None, ids: Sequence[int] | None = None
                                 ) -> list[Subscription]:
        """Return the subscriptions that match every given condition."""
        query = select(subscriptions).order_by(subscriptions.c.id)
        if feed_id is not None:
            query = query.where(subscriptions.c.feed_id == feed_id)
        if platform is not None:
            query = query.where(subscriptions.c.platform == platform.value)
        if workspace is not None:
            query = query.where(subscriptions.c.workspace == workspace)
        if ids is not None:
            query = query.where(subscriptions.c.id.in_(list(ids)))
        async with self._engine.connect() as conn:
            return [Subscription.from_row(row) for row in await conn.execute(query)]

    async def remove_subscription(self, subscription_id: int) -> None:
        """Delete a subscription and cancel what it still had to send."""
        async with self._engine.begin() as conn:
            await conn.execute(update(deliveries).where(deliveries.c.subscription_id == subscription_id,
                                                        deliveries.c.state == "pending")
                               .values(state="cancelled", last_error="subscription removed"))
            await conn.execute(delete(subscriptions).where(subscriptions.c.id == subscription_id))

    async def update_subscription(self, subscription_id: int, *, filters: Filters, mention: str | None) -> None:
        """Replace a subscription's filters and mention."""
        async with self._engine.begin() as conn:
            await conn.execute(update(subscriptions).where(subscriptions.c.id == subscription_id)
                               .values(filters=filters.to_dict(), mention=mention))

    async def set_subscription_paused(self, subscription_id: int, reason: str | None) -> None:
        """Pause (with a reason) or resume (None) a subscription."""
        async with self._engine.begin() as conn:
            await conn.execute(update(subscriptions).where(subscriptions.c.id == subscription_id)
                               .values(paused_reason=reason))

    # Entries

    async def known_identities(self, feed_id: int, identities: Sequence[str]) -> set[str]:
        """Return which of these item identities the feed has seen before."""
        known: set[str] = set()
        async with self._engine.connect() as conn:
            for start in range(0, len(identities), 500):
                chunk = identities[start:start + 500]
                rows = await conn.execute(select(entries.c.identity).where(entries.c.feed_id == feed_id,
                                                                           entries.c.identity.in_(chunk)))
                known.update(row.identity for row in rows)
        return known

    # Outbox

    async def add_notice(self, destination: Destination, text: str, *, now: datetime) -> None:
        """Queue a notice for a channel's admins (feed disabled, channel lost, ...)."""
        async with self.transaction() as tx:
            await tx.add_notice(destination, text, now)

    async def claim_deliveries(self, platform: Platform, *, now: datetime, owner: str, lease: float,
                               limit: int) -> list[DeliveryJob]:
        """Lease due deliveries of one platform, oldest first."""
        free = or_(deliveries.c.lease_until.is_(None), deliveries.c.lease_until < now)
        due = and_(deliveries.c.platform == platform.value, deliveries.c.state == "pending",
                   deliveries.c.next_attempt_at <= now, free)
        until = now + timedelta(seconds=lease)
        candidates = (select(deliveries.c.id).where(due).order_by(deliveries.c.id).limit(limit)
                      .with_for_update(skip_locked=True).scalar_subquery())
        async with self._engine.begin() as conn:
            await conn.execute(update(deliveries).where(deliveries.c.id.in_(candidates), free)
                               .values(lease_owner=owner, lease_until=until, attempts=deliveries.c.attempts + 1))
            query = (select(deliveries, announcements.c.payload.label("announcement_payload")).select_from(
                deliveries.outerjoin(announcements, deliveries.c.announcement_id == announcements.c.id))
                .where(deliveries.c.lease_owner == owner, deliveries.c.lease_until == until,
                       deliveries.c.platform == platform.value)
                .order_by(deliveries.c.id))
            rows = list(await conn.execute(query))
        return [_job(row) for row in rows]

    async def mark_sent(self, delivery_id: int, message_id: str | None, *, now: datetime) -> None:
        """Record that the platform confirmed the message."""
        async with self._engine.begin() as conn:
            await conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(
                state="sent", message_id=message_id, sent_at=now, lease_owner=None, lease_until=None,
                last_error=None))

    async def mark_retry(self, delivery_id: int, error: str, *, at: datetime) -> None:
        """Give the delivery back, to be tried again at the given time."""
        async with self._engine.begin() as conn:
            await conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(
                next_attempt_at=at, lease_owner=None, lease_until=None, last_error=error[:2000]))

    async def mark_failed(self, delivery_id: int, error: str) -> None:
        """Give up on a delivery for good, keeping the reason."""
        async with self._engine.begin() as conn:
            await conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(
                state="failed", lease_owner=None, lease_until=None, last_error=error[:2000]))

    async def fail_pending_for_subscription(self, subscription_id: int, reason: str) -> None:
        """Stop the pending deliveries of a paused subscription, keeping why."""
        async with self._engine.begin() as conn:
            await conn.execute(update(deliveries).where(deliveries.c.subscription_id == subscription_id,
                                                        deliveries.c.state == "pending")
                               .values(state="failed", last_error=reason[:2000], lease_owner=None,
                                       lease_until=None))

    async def delivery_counts(self) -> dict[str, int]:
        """Return how many deliveries are in each state."""
        query = select(deliveries.c.state, func.count()).group_by(deliveries.c.state)
        async with self._engine.connect() as conn:
            return {state: int(count) for state, count in await conn.execute(query)}

    # Series

    async def get_series(self, series_id: int) -> Series | None:
        """Return one series of the knowledge base."""
        async with self._engine.connect() as conn:
            row = (await conn.execute(select(series.c.id, series.c.data).where(series.c.id == series_id))).first()
        return series_from_dict(row.data, row.id) if row else None

    async def series_titles(self, since: datetime | None = None) -> list[tuple[int, Series]]:
        """Return every series (or those changed since a moment), for the lookup index."""
        query = select(series.c.id, series.c.data).order_by(series.c.last_updated, series.c.id)
        if since is not None:
            query = query.where(series.c.last_updated >= since)
        async with self._engine.connect() as conn:
            return [(row.id, series_from_dict(row.data, row.id)) for row in await conn.execute(query)]

    async def upcoming(self, *, today: date, days: int, platform: str | None = None,
                       limit: int = 25) -> list[Series]:
        """Return series premiering from today within the given number of days, soonest first."""
        query = (select(series.c.id, series.c.data)
                 .where(series.c.premiere_date >= today, series.c.premiere_date <= today + timedelta(days=days))
                 .order_by(series.c.premiere_date, series.c.id))
        if platform:
            query = query.where(func.lower(series.c.platforms).contains(platform.lower()))
        async with self._engine.connect() as conn:
            return [series_from_dict(row.data, row.id) for row in await conn.execute(query.limit(limit))]

    async def season_premieres(self, *, start: date, end: date, platform: str | None = None,
                               limit: int = 2000) -> list[Series]:
        """Return one record per season premiering in [start, end], earlier seasons of a series included, soonest
        first: the series as known now, with that season's number and premiere date."""
        query = (select(series.c.id, series.c.data, season_premieres.c.season, season_premieres.c.premiere_date)
                 .join(series, series.c.id == season_premieres.c.series_id)
                 .where(season_premieres.c.premiere_date >= start, season_premieres.c.premiere_date <= end)
                 .order_by(season_premieres.c.premiere_date, series.c.id, season_premieres.c.season))
        if platform:
            query = query.where(func.lower(series.c.platforms).contains(platform.lower()))
        async with self._engine.connect() as conn:
            rows = await conn.execute(query.limit(limit))
            return [replace(series_from_dict(row.data, row.id), season=row.season, premiere_date=row.premiere_date)
                    for row in rows]

    async def latest_announcements(self, limit: int, series_id: int | None = None) -> list[Announcement]:
        """Return the newest announcements, newest first."""
        query = select(announcements.c.id, announcements.c.payload).order_by(announcements.c.id.desc())
        if series_id is not None:
            query = query.where(announcements.c.series_id == series_id)
        async with self._engine.connect() as conn:
            rows = await conn.execute(query.limit(limit))
            return [announcement_from_dict(row.payload, row.id) for row in rows]


def _job(row: Any) -> DeliveryJob:
    data = row.announcement_payload
    announcement = announcement_from_dict(data, row.announcement_id) if data else None
    return DeliveryJob(
        id=row.id,
        destination=Destination(Platform(row.platform), row.channel, row.workspace or ""),
        announcement=announcement,
        notice=row.notice,
        mention=row.mention,
        subscription_id=row.subscription_id,
        attempts=row.attempts,
        kind=row.kind,
        payload=row.payload,
    )
