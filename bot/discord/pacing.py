"""Keep posting under Discord's limits: a global token bucket and a gap between posts to one channel."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from bot.store.ratelimit import Budget, LocalBucket

MAX_TRACKED_CHANNELS = 10_000


class Pacer:
    """Wait before each post so that the bot stays under its global and per-channel budgets."""

    def __init__(self, per_second: float, channel_interval: float, *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 budget: Budget | None = None) -> None:
        # The global budget is per bot token: processes that share one pass a bucket kept in the database.
        self._budget = budget if budget is not None else LocalBucket(per_second, clock=clock)
        self._gap = channel_interval
        self._clock = clock
        self._sleep = sleep
        self._next: dict[int, float] = {}
        self._lock = asyncio.Lock()

    async def wait(self, channel: int) -> None:
        """Return when one more post to the channel fits both budgets, and spend it."""
        async with self._lock:
            delay = self._next.get(channel, 0.0) - self._clock()
            if delay > 0:
                await self._sleep(delay)
            # The channel gap is waited out first, so the global token is used as soon as it is taken.
            wait = await self._budget.reserve()
            if wait > 0:
                await self._sleep(wait)
            now = self._clock()
            self._next[channel] = now + self._gap
            if len(self._next) > MAX_TRACKED_CHANNELS:
                self._next = {key: due for key, due in self._next.items() if due > now}
