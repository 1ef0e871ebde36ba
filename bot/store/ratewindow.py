"""Rate windows that guarantee at most N requests in any one-second window: a sliding log of N slots.

A request takes a slot before it starts and gives it back when its answer has arrived; the slot is
free again one window after that. Whenever the server sees request k + N, request k has been
answered at least one window earlier, so the server can never count more than N in any window,
whatever the network delays (a token bucket, or a log of start times, breaks that promise as soon
as one request is slower than the next). On PostgreSQL the N slots are rows that every process
takes from, timed by the database's clock; on SQLite one process sends alone and keeps them in memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import math
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncEngine

WINDOW = 1.0
# A slot whose holder vanished (crash, lost connection) is free again after this long.
ABANDONED_AFTER = 120.0


@dataclass(frozen=True, slots=True)
class Slot:
    """A slot of a budget, taken for one request."""

    name: str
    ticket: int


class Window(Protocol):
    """At most `limit` requests in any window of `window` seconds."""

    limit: int
    window: float

    async def take(self) -> Slot:
        """Wait until a request may start and take a slot for it."""
        ...

    async def give_back(self, slot: Slot) -> None:
        """The request's answer has arrived: the slot is free one window from now."""
        ...


def slots_for(rate: float) -> tuple[int, float]:
    """Return the slots and window that keep within a rate: N a second, or one per 1/rate seconds below 1."""
    if rate >= 1:
        return math.floor(rate), WINDOW
    return 1, WINDOW / rate


@contextlib.asynccontextmanager
async def spend(window: Window) -> AsyncIterator[None]:
    """Hold a slot of the window while the block sends its request."""
    slot = await window.take()
    try:
        yield
    finally:
        await window.give_back(slot)


class LocalWindow:
    """The slots of this process alone: enough when a single process sends (SQLite)."""

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.limit, self.window = slots_for(rate)
        self._clock = clock
        self._sleep = sleep
        self._free: list[float] = [-math.inf] * self.limit  # when each idle slot is free (a heap)
        self._tickets = itertools.count()
        self._returned = asyncio.Condition()

    async def take(self) -> Slot:
        """Wait for the slot that frees first, and take it."""
        async with self._returned:
            # Every slot is in flight: wait until one is given back.
            await self._returned.wait_for(lambda: bool(self._free))
            free_at = heapq.heappop(self._free)
        delay = free_at - self._clock()
        if delay > 0:
            await self._sleep(delay)
        return Slot("local", next(self._tickets))

    async def give_back(self, slot: Slot) -> None:
        """Free the slot one window from now."""
        async with self._returned:
            heapq.heappush(self._free, self._clock() + self.window)
            self._returned.notify()


# A row is a slot: `tokens` holds its holder's ticket while it is in flight (0 once given back), and
# `updated_at` when it is free: one window after the answer, or a deadline while in flight in case its holder
# never gives it back. Take the given-back slot that frees first (rows another process is taking right now are
# skipped), mark it in flight, and say how long until it is really free.
_TAKE = text("""
    WITH pick AS (
        SELECT name, updated_at FROM rate_buckets
        WHERE name IN :names AND (tokens <= 0 OR updated_at <= clock_timestamp())
        ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    UPDATE rate_buckets AS b
    SET updated_at = GREATEST(pick.updated_at, clock_timestamp())
                     + CAST(:abandoned AS double precision) * interval '1 second',
        tokens = :ticket
    FROM pick WHERE b.name = pick.name
    RETURNING b.name, GREATEST(0, EXTRACT(EPOCH FROM pick.updated_at - clock_timestamp()))::double precision AS wait
""").bindparams(bindparam("names", expanding=True))
_GIVE_BACK = text("""
    UPDATE rate_buckets
    SET updated_at = clock_timestamp() + CAST(:window AS double precision) * interval '1 second', tokens = 0
    WHERE name = :name AND tokens = :ticket
""")
_CREATE = text("""
    INSERT INTO rate_buckets (name, tokens, updated_at) VALUES (:name, 0, clock_timestamp() - interval '1 hour')
    ON CONFLICT (name) DO NOTHING
""")


class SharedWindow:
    """The slots as rows of PostgreSQL, so that N processes together stay within one budget."""

    def __init__(self, engine: AsyncEngine, name: str, rate: float) -> None:
        self.engine = engine
        self.limit, self.window = slots_for(rate)
        self._names = [f"{name}#{index}" for index in range(self.limit)]
        self._created = False

    async def take(self) -> Slot:
        """Take the slot of every process's slots that frees first; wait until it is free."""
        if not self._created:
            async with self.engine.begin() as conn:
                for name in self._names:
                    await conn.execute(_CREATE, {"name": name})
            self._created = True
        # The ticket tells this holder's give-back from that of an earlier holder whose slot was reclaimed.
        ticket = 1 + secrets.randbelow(2**52)
        while True:
            async with self.engine.begin() as conn:
                row = (await conn.execute(_TAKE, {"names": self._names, "ticket": float(ticket),
                                                  "abandoned": ABANDONED_AFTER})).first()
            if row is not None:
                break
            await asyncio.sleep(0.01)  # every slot is in flight, or being taken by another process this instant
        if row.wait > 0:
            await asyncio.sleep(float(row.wait))
        return Slot(str(row.name), ticket)

    async def give_back(self, slot: Slot) -> None:
        """Free the slot one window from now, by the database's clock."""
        async with self.engine.begin() as conn:
            await conn.execute(_GIVE_BACK, {"name": slot.name, "ticket": float(slot.ticket), "window": self.window})


def rate_window(engine: AsyncEngine, name: str, rate: float) -> Window:
    """Return a window shared through the database on PostgreSQL, and a local one on SQLite."""
    if engine.dialect.name == "postgresql":
        return SharedWindow(engine, name, rate)
    return LocalWindow(rate)
