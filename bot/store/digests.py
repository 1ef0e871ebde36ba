"""Weekly digests in the store: one schedule per channel and the last occurrence handled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.destinations import Destination, Platform
from bot.store.schema import deliveries, digests
from bot.store.store import Store

DIGEST_KIND = "digest"


@dataclass(frozen=True, slots=True)
class DigestSchedule:
    """A channel's weekly digest: weekday (0 = Monday), local time HH:MM, IANA time zone."""

    id: int
    destination: Destination
    weekday: int
    at_time: str
    timezone: str
    last_fire_at: datetime
    created_by: str | None

    @classmethod
    def from_row(cls, row: Any) -> DigestSchedule:
        """Build from a digests row."""
        return cls(row.id, Destination(Platform(row.platform), row.channel, row.workspace or ""), row.weekday,
                   row.at_time, row.timezone, row.last_fire_at or row.created_at, row.created_by)


class _Lost(Exception):
    """Another process handled this occurrence first."""


class DigestStore:
    """Read and change digest schedules; record each occurrence together with its delivery."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def put(self, destination: Destination, *, weekday: int, at_time: str, timezone: str, now: datetime,
                  created_by: str | None) -> DigestSchedule:
        """Create or replace the digest of a channel; occurrences before now are not owed."""
        values = {"workspace": destination.workspace, "weekday": weekday, "at_time": at_time, "timezone": timezone,
                  "last_fire_at": now, "created_by": created_by, "created_at": now}
        where = (digests.c.platform == destination.platform.value, digests.c.channel == destination.channel)
        try:
            async with self._store.transaction() as tx:
                conn = tx.connection
                changed = await conn.execute(update(digests).where(*where).values(**values))
                if not changed.rowcount:
                    await conn.execute(insert(digests).values(platform=destination.platform.value,
                                                              channel=destination.channel, **values))
        except IntegrityError:  # Created meanwhile by another command: replace it.
            async with self._store.transaction() as tx:
                conn = tx.connection
                await conn.execute(update(digests).where(*where).values(**values))
        found = await self.get(destination)
        assert found is not None
        return found

    async def get(self, destination: Destination) -> DigestSchedule | None:
        """Return the digest of a channel, if it has one."""
        query = select(digests).where(digests.c.platform == destination.platform.value,
                                      digests.c.channel == destination.channel)
        async with self._store.reading() as conn:
            row = (await conn.execute(query)).first()
        return DigestSchedule.from_row(row) if row else None

    async def remove(self, destination: Destination) -> bool:
        """Turn a channel's digest off; tell whether it had one."""
        async with self._store.transaction() as tx:
            conn = tx.connection
            result = await conn.execute(delete(digests).where(digests.c.platform == destination.platform.value,
                                                              digests.c.channel == destination.channel))
        return bool(result.rowcount)

    async def list(self, workspace: str | None = None) -> list[DigestSchedule]:
        """Return every digest (or a workspace's), oldest first."""
        query = select(digests).order_by(digests.c.id)
        if workspace is not None:
            query = query.where(digests.c.workspace == workspace)
        async with self._store.reading() as conn:
            return [DigestSchedule.from_row(row) for row in await conn.execute(query)]

    async def record(self, schedule: DigestSchedule, occurrence: datetime, payload: dict[str, Any] | None, *,
                     now: datetime) -> bool:
        """Mark an occurrence handled and queue its message (None: nothing to send) at once; False if lost."""
        destination = schedule.destination
        try:
            async with self._store.transaction() as tx:
                conn = tx.connection
                # Compare-and-set on the last occurrence: of two processes only one moves it, so one sends.
                moved = await conn.execute(update(digests).where(
                    digests.c.id == schedule.id, digests.c.last_fire_at == schedule.last_fire_at)
                    .values(last_fire_at=occurrence))
                if moved.rowcount != 1:
                    raise _Lost
                if payload is not None:
                    await conn.execute(insert(deliveries).values(
                        kind=DIGEST_KIND, platform=destination.platform.value, workspace=destination.workspace,
                        channel=destination.channel, payload=payload, state="pending", attempts=0,
                        next_attempt_at=now, created_at=now))
        except _Lost:
            return False
        return True
