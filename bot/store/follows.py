"""Follows in the store: who follows which series, refused DMs, and the fan-out of updates into DMs."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy import and_, delete, exists, func, insert, select
from sqlalchemy.exc import IntegrityError

from bot.destinations import Platform
from bot.model import Event, Series
from bot.store.codec import series_from_dict
from bot.store.schema import announcements, deliveries, dm_refusals, follow_fanout, follows, series
from bot.store.store import Store

log = logging.getLogger(__name__)
DM_KIND = "dm"


@dataclass(frozen=True, slots=True)
class Member:
    """A person on one platform who can follow series and receive direct messages."""

    platform: Platform
    user_id: str
    workspace: str = ""


class Added(Enum):
    """How a follow request ended."""

    ADDED = "added"
    ALREADY = "already"
    FULL = "full"


class FollowStore:
    """Follow rows, DM refusals and the queueing of follower DMs, on the shared engine."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def follow(self, member: Member, series_id: int, *, now: datetime, cap: int) -> Added:
        """Follow a series unless the member already does or follows `cap` series."""
        mine = and_(follows.c.platform == member.platform.value, follows.c.user_id == member.user_id)
        try:
            async with self._store.transaction() as tx:
                conn = tx.connection
                present = await conn.scalar(select(func.count()).select_from(follows)
                                            .where(mine, follows.c.series_id == series_id))
                if present:
                    return Added.ALREADY
                if (await conn.scalar(select(func.count()).select_from(follows).where(mine)) or 0) >= cap:
                    return Added.FULL
                await conn.execute(insert(follows).values(platform=member.platform.value, workspace=member.workspace,
                                                          user_id=member.user_id, series_id=series_id,
                                                          created_at=now))
        except IntegrityError:
            return Added.ALREADY  # Two clicks at once: the other one added it.
        return Added.ADDED

    async def unfollow(self, member: Member, series_id: int) -> bool:
        """Stop following a series; tell whether the member followed it."""
        async with self._store.transaction() as tx:
            conn = tx.connection
            result = await conn.execute(delete(follows).where(
                follows.c.platform == member.platform.value, follows.c.user_id == member.user_id,
                follows.c.series_id == series_id))
        return bool(result.rowcount)

    async def following(self, member: Member) -> list[Series]:
        """Return the series a member follows, in the order followed."""
        query = (select(series.c.id, series.c.data).join(follows, follows.c.series_id == series.c.id)
                 .where(follows.c.platform == member.platform.value, follows.c.user_id == member.user_id)
                 .order_by(follows.c.id))
        async with self._store.reading() as conn:
            return [series_from_dict(row.data, row.id) for row in await conn.execute(query)]

    async def refuse(self, member: Member, reason: str, *, now: datetime) -> None:
        """Mark that a member's direct messages are refused, so nothing more is sent to them."""
        try:
            async with self._store.transaction() as tx:
                conn = tx.connection
                await conn.execute(insert(dm_refusals).values(platform=member.platform.value,
                                                              user_id=member.user_id, reason=reason[:500],
                                                              refused_at=now))
        except IntegrityError:
            pass  # Already marked.

    async def allow(self, member: Member) -> bool:
        """Clear a refusal (the member is back); tell whether there was one."""
        async with self._store.transaction() as tx:
            conn = tx.connection
            result = await conn.execute(delete(dm_refusals).where(dm_refusals.c.platform == member.platform.value,
                                                                  dm_refusals.c.user_id == member.user_id))
        return bool(result.rowcount)

    async def refused(self, member: Member) -> bool:
        """Tell whether the member's direct messages are refused."""
        async with self._store.reading() as conn:
            found = await conn.scalar(select(func.count()).select_from(dm_refusals).where(
                dm_refusals.c.platform == member.platform.value, dm_refusals.c.user_id == member.user_id))
        return bool(found)

    async def fan_out(self, *, now: datetime, limit: int = 200) -> int:
        """Queue one DM per follower for each update of a followed series not yet fanned out; return how many."""
        done = select(follow_fanout.c.announcement_id)
        pending = (select(announcements.c.id, announcements.c.series_id, announcements.c.created_at)
                   .where(announcements.c.event == Event.UPDATE.value,
                          announcements.c.series_id.in_(select(follows.c.series_id)),
                          announcements.c.id.not_in(done))
                   .order_by(announcements.c.id).limit(limit))
        async with self._store.reading() as conn:
            rows = list(await conn.execute(pending))
        queued = 0
        for row in rows:
            queued += await self._fan_out_one(row.id, row.series_id, row.created_at, now)
        return queued

    async def _fan_out_one(self, announcement_id: int, series_id: int, created: datetime, now: datetime) -> int:
        refused = exists().where(dm_refusals.c.platform == follows.c.platform,
                                 dm_refusals.c.user_id == follows.c.user_id)
        fans = (select(follows.c.platform, follows.c.workspace, follows.c.user_id)
                .where(follows.c.series_id == series_id, follows.c.created_at <= created, ~refused)
                .order_by(follows.c.id))
        try:
            # The marker and the DMs commit together: a crash queues all or none, a second process none.
            async with self._store.transaction() as tx:
                conn = tx.connection
                await conn.execute(insert(follow_fanout).values(announcement_id=announcement_id, queued=0,
                                                                created_at=now))
                rows = [{"announcement_id": announcement_id, "subscription_id": None, "kind": DM_KIND,
                         "platform": fan.platform, "workspace": fan.workspace, "channel": fan.user_id,
                         "state": "pending", "attempts": 0, "next_attempt_at": now, "created_at": now}
                        for fan in await conn.execute(fans)]
                if rows:
                    await conn.execute(insert(deliveries), rows)
                    await conn.execute(follow_fanout.update()
                                       .where(follow_fanout.c.announcement_id == announcement_id)
                                       .values(queued=len(rows)))
        except IntegrityError:
            return 0  # Another process fanned this update out first.
        if rows:
            log.info("queued %d follower DM(s) for announcement %s", len(rows), announcement_id)
        return len(rows)
