"""Keep posting under Discord's limits: a global sliding window of slots and a gap between posts to one channel."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable

from bot.store.ratewindow import LocalWindow, Window

MAX_TRACKED_CHANNELS = 10_000


class Pacer:
    """Hold each request until it fits the global budget and its channel's gap; free its slot when answered."""

    def __init__(self, per_second: float, channel_interval: float, *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 budget: Window | None = None) -> None:
        # The global budget is per bot token: processes that share one pass a budget kept in the database.
        self._budget = budget if budget is not None else LocalWindow(per_second, clock=clock, sleep=sleep)
        self._gap = channel_interval
        self._clock = clock
        self._sleep = sleep
        self._next: dict[int, float] = {}
        self._lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def slot(self, channel: int | None) -> AsyncIterator[None]:
        """Wait until one more request (a post to the channel, if given) fits, and hold its slot meanwhile."""
        async with self._lock:
            delay = self._next.get(channel, 0.0) - self._clock() if channel is not None else 0.0
            if delay > 0:
                await self._sleep(delay)
            # The channel gap is waited out first, so the global slot is used as soon as it is taken.
            taken = await self._budget.take()
            if channel is not None:
                now = self._clock()
                self._next[channel] = now + self._gap
                if len(self._next) > MAX_TRACKED_CHANNELS:
                    self._next = {key: due for key, due in self._next.items() if due > now}
        try:
            yield
        finally:
            await self._budget.give_back(taken)
