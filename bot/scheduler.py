"""APScheduler only ticks (poll the due feeds, refresh the catalog, fan out follows); the store holds the state."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

MOST_FIRES = 520  # ten years of a weekly schedule

log = logging.getLogger(__name__)


def _guarded(name: str, job: Callable[[], Awaitable[object]], limit: float) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        try:
            async with asyncio.timeout(limit):
                await job()
        except TimeoutError:
            log.error("%s took longer than %.0f s and was stopped; the next tick carries on", name, limit)
        except Exception:
            log.exception("%s failed; the next tick tries again", name)

    return run


def build_scheduler(ticks: list[tuple[str, Callable[[], Awaitable[object]], float, float]]) -> AsyncIOScheduler:
    """Create a scheduler with one interval job per (name, job, every, timeout), each run once at start."""
    scheduler = AsyncIOScheduler(timezone="UTC", job_defaults={
        "coalesce": True, "max_instances": 1, "misfire_grace_time": 30})
    for name, job, every, limit in ticks:
        scheduler.add_job(_guarded(name, job, limit), "interval", seconds=every, id=name, name=name,
                          jitter=every / 10, next_run_time=datetime.now(UTC))
    return scheduler


def weekly_fire_times(weekday: int, at: time, zone: str, *, after: datetime, until: datetime,
                      most: int = MOST_FIRES) -> list[datetime]:
    """Return when a weekly cron trigger at local `at` on `weekday` (0 = Monday) fires in (after, until], in UTC."""
    trigger = CronTrigger(day_of_week=weekday, hour=at.hour, minute=at.minute, timezone=ZoneInfo(zone))
    step = timedelta(microseconds=1)
    fires: list[datetime] = []
    moment = trigger.get_next_fire_time(None, after + step)
    while moment is not None and moment <= until and len(fires) < most:
        fires.append(moment.astimezone(UTC))
        moment = trigger.get_next_fire_time(moment, moment + step)
    return fires
