"""Keep posting under Discord's limits: a global token bucket and a gap between posts to one channel."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

MAX_TRACKED_CHANNELS = 10_000


class Pacer:
    """Wait before each post so that the bot stays under its global and per-channel budgets."""

    def __init__(self, per_second: float, channel_interval: float, *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self._rate = per_second
        self._capacity = max(1.0, per_second)
        self._tokens = self._capacity
        self._gap = channel_interval
        self._clock = clock
        self._sleep = sleep
        self._updated = clock()
        self._next: dict[int, float] = {}
        self._lock = asyncio.Lock()

    async def wait(self, channel: int) -> None:
        """Return when one more post to the channel fits both budgets, and spend it."""
        async with self._lock:
            delay = self._next.get(channel, 0.0) - self._clock()
            if delay > 0:
                await self._sleep(delay)
            self._refill()
            if self._tokens < 1.0:
                await self._sleep((1.0 - self._tokens) / self._rate)
                self._refill()
            self._tokens -= 1.0
            now = self._clock()
            self._next[channel] = now + self._gap
            if len(self._next) > MAX_TRACKED_CHANNELS:
                self._next = {key: due for key, due in self._next.items() if due > now}

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self._capacity, self._tokens + (now - self._updated) * self._rate)
        self._updated = now
