"""Deliver queued announcements and notices through each platform's sender."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from bot.destinations import Platform
from bot.store.records import DeliveryJob
from bot.store.store import Store

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 12
LEASE_SECONDS = 120.0


@dataclass(frozen=True, slots=True)
class Sent:
    """The platform confirmed the message."""

    message_id: str | None


@dataclass(frozen=True, slots=True)
class Retry:
    """A passing failure: try again later."""

    error: str
    after: float | None = None


@dataclass(frozen=True, slots=True)
class Failed:
    """This message can never be sent (too large, rejected): give up on it alone."""

    error: str


@dataclass(frozen=True, slots=True)
class Gone:
    """The destination is gone or forbidden: pause its subscription; the sender told the admins."""

    error: str


Outcome = Sent | Retry | Failed | Gone


class Sender(Protocol):
    """What a platform adapter offers the outbox."""

    platform: Platform

    async def send(self, job: DeliveryJob) -> Outcome:
        """Post one delivery and say how it went."""
        ...


def utcnow() -> datetime:
    """Return the current aware UTC time."""
    return datetime.now(UTC)


class Dispatcher:
    """One loop per sender: claim due deliveries, send them in order, record the outcome."""

    def __init__(self, store: Store, senders: Sequence[Sender], *, owner: str,
                 clock: Callable[[], datetime] = utcnow, batch: int = 50) -> None:
        self._store = store
        self._senders = list(senders)
        self._owner = owner
        self._clock = clock
        self._batch = batch
        self._wake = asyncio.Event()
        self.sent = 0
        self.failed = 0

    def add_sender(self, sender: Sender) -> None:
        """Serve one more platform (adapters register their sender when they start)."""
        self._senders.append(sender)
        self.wake()

    def remove_sender(self, sender: Sender) -> None:
        """Stop serving a platform whose adapter stopped."""
        if sender in self._senders:
            self._senders.remove(sender)

    def platforms(self) -> list[str]:
        """Return the platforms served, for logs."""
        return [sender.platform.value for sender in self._senders]

    def wake(self) -> None:
        """Look at the outbox now rather than at the next tick."""
        self._wake.set()

    async def run(self, idle: float = 2.0) -> None:
        """Deliver until cancelled."""
        while True:
            self._wake.clear()
            try:
                busy = await self.drain_once()
            except Exception:
                log.exception("outbox pass failed; trying again shortly")
                busy = False
            if not busy:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=idle)

    async def drain_once(self) -> bool:
        """Run one pass for every sender at once; tell whether anything was claimed."""
        results = await asyncio.gather(*(self._pass(sender) for sender in self._senders))
        return any(results)

    async def drain(self, within: float = 60.0) -> None:
        """Deliver everything due now, for one-shot commands."""
        async with asyncio.timeout(within):
            while await self.drain_once():
                pass

    async def _pass(self, sender: Sender) -> bool:
        jobs = await self._store.claim_deliveries(sender.platform, now=self._clock(), owner=self._owner,
                                                  lease=LEASE_SECONDS, limit=self._batch)
        paused: set[int] = set()
        for job in jobs:
            if job.subscription_id in paused:
                await self._store.mark_failed(job.id, "subscription paused: its destination is unreachable")
                continue
            if await self._deliver(sender, job) and job.subscription_id is not None:
                paused.add(job.subscription_id)
        return bool(jobs)

    async def _deliver(self, sender: Sender, job: DeliveryJob) -> bool:
        """Send one job and record the outcome; return True when its subscription was paused."""
        try:
            outcome = await sender.send(job)
        except Exception as crash:
            log.exception("sender %s crashed on delivery %s", sender.platform, job.id)
            outcome = Retry(f"{type(crash).__name__}: {crash}")
        now = self._clock()
        match outcome:
            case Sent(message_id):
                await self._store.mark_sent(job.id, message_id, now=now)
                self.sent += 1
            case Retry(error, after):
                if job.attempts >= MAX_ATTEMPTS:
                    log.error("delivery %s to %s failed %d times, giving up: %s", job.id, job.destination,
                              job.attempts, error)
                    await self._store.mark_failed(job.id, f"gave up after {job.attempts} attempts: {error}")
                    self.failed += 1
                    return False
                delay = after if after is not None else backoff(job.attempts)
                log.warning("delivery %s to %s will be retried in %.1f s: %s", job.id, job.destination, delay,
                            error)
                await self._store.mark_retry(job.id, error, at=now + timedelta(seconds=delay))
            case Failed(error):
                log.error("delivery %s to %s failed for good: %s", job.id, job.destination, error)
                await self._store.mark_failed(job.id, error)
                self.failed += 1
            case Gone(error):
                log.error("destination %s is unreachable (%s); pausing its subscription", job.destination, error)
                await self._store.mark_failed(job.id, error)
                self.failed += 1
                if job.subscription_id is not None:
                    reason = f"paused: {error}"
                    await self._store.set_subscription_paused(job.subscription_id, reason)
                    await self._store.fail_pending_for_subscription(job.subscription_id, reason)
                    return True
        return False


def backoff(attempt: int, base: float = 2.0, cap: float = 900.0) -> float:
    """Return a doubling delay with jitter for the given attempt number."""
    delay = min(cap, base * (2 ** max(0, attempt - 1)))
    return float(delay * random.uniform(0.8, 1.2))
