"""Rate budgets: a token bucket in this process, or one row in PostgreSQL that every process draws from."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

# One statement takes a token atomically: the row lock orders concurrent callers, each sees the tokens the
# previous one left, and the database clock refills it, so the hosts' clocks need not agree. A caller that
# finds no token takes one anyway (the count goes below zero) and waits until its turn comes: no retry loop.
_RESERVE = text("""
    INSERT INTO rate_buckets AS b (name, tokens, updated_at)
    VALUES (:name, CAST(:capacity AS double precision) - 1, clock_timestamp())
    ON CONFLICT (name) DO UPDATE SET
        tokens = LEAST(CAST(:capacity AS double precision),
                       b.tokens + CAST(:rate AS double precision)
                       * GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - b.updated_at))::double precision) - 1,
        updated_at = GREATEST(b.updated_at, clock_timestamp())
    RETURNING tokens
""")


class Budget(Protocol):
    """A rate budget that posts draw from."""

    async def reserve(self) -> float:
        """Take one token, going into debt when none is left; return how many seconds to wait before using it."""
        ...


class LocalBucket:
    """A token bucket of this process alone: enough when a single process sends (SQLite)."""

    def __init__(self, rate: float, capacity: float | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.capacity = capacity if capacity is not None else max(1.0, rate)
        self._clock = clock
        self._tokens = self.capacity
        self._updated = clock()

    async def reserve(self) -> float:
        """Take one token; return the wait until it is really there."""
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + max(0.0, now - self._updated) * self.rate) - 1.0
        self._updated = now
        return max(0.0, -self._tokens / self.rate)


class SharedBucket:
    """A token bucket kept in one PostgreSQL row, so that N processes together stay within one rate."""

    def __init__(self, engine: AsyncEngine, name: str, rate: float, capacity: float | None = None) -> None:
        self.engine = engine
        self.name = name
        self.rate = rate
        self.capacity = capacity if capacity is not None else max(1.0, rate)

    async def reserve(self) -> float:
        """Take one token from the shared row; return the wait until it is really there."""
        async with self.engine.begin() as conn:
            result = await conn.execute(_RESERVE, {"name": self.name, "capacity": self.capacity,
                                                   "rate": self.rate})
            tokens = float(result.scalar_one())
        return max(0.0, -tokens / self.rate)


# The local buckets of this process, one per database and name, as PostgreSQL keeps one row per name.
_LOCAL: dict[tuple[str, str, float, float | None], LocalBucket] = {}


def rate_budget(engine: AsyncEngine, name: str, rate: float, capacity: float | None = None) -> Budget:
    """Return a bucket shared through the database on PostgreSQL, and one shared within this process on SQLite."""
    if engine.dialect.name == "postgresql":
        return SharedBucket(engine, name, rate, capacity)
    key = (str(engine.url), name, rate, capacity)
    if key not in _LOCAL:
        _LOCAL[key] = LocalBucket(rate, capacity)
    return _LOCAL[key]
