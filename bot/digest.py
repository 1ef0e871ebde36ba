"""The weekly premieres digest: schedules per channel, what a digest holds, and sending each one once."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.commands import NOT_ADMIN, Actor
from bot.destinations import Destination, Platform
from bot.model import Series
from bot.replies import Message, Reply
from bot.scheduler import MOST_FIRES, weekly_fire_times
from bot.store.codec import series_from_dict, series_to_dict
from bot.store.digests import DigestSchedule, DigestStore
from bot.store.store import Store

log = logging.getLogger(__name__)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAYS_SHOWN = 7
MOST_SERIES = 60
RUN_LIMIT = 60.0
WAKE_MARGIN = 0.05
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]?([0-5]\d)$")


class ScheduleError(ValueError):
    """A weekday, time or time zone that cannot be used; the message says what to give."""


def parse_weekday(text: str) -> int:
    """Return 0 (Monday) to 6 from a weekday name or its first three letters."""
    value = text.strip().casefold()
    for index, name in enumerate(WEEKDAYS):
        if len(value) >= 3 and name.startswith(value):
            return index
    raise ScheduleError(f"“{text[:20]}” is not a weekday: use mon, tue, wed, thu, fri, sat or sun.")


def parse_time(text: str) -> str:
    """Return HH:MM from '9:00', '09:00' or '0900'."""
    found = _TIME.match(text.strip())
    if not found:
        raise ScheduleError(f"“{text[:20]}” is not a time of day: use HH:MM, such as 09:00.")
    return f"{int(found.group(1)):02d}:{found.group(2)}"


def parse_zone(text: str) -> str:
    """Return an IANA time zone name such as Asia/Seoul, refusing unknown ones."""
    value = text.strip()
    try:
        if not value or value.startswith(("/", ".")) or ".." in value:
            raise ZoneInfoNotFoundError(value)
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(f"“{value[:60]}” is not a time zone: use a name such as Asia/Seoul, Europe/London "
                            "or America/New_York.") from None
    return value


def describe(schedule: DigestSchedule) -> str:
    """Say when a digest is posted, in words."""
    return f"every {WEEKDAYS[schedule.weekday].title()} at {schedule.at_time} ({schedule.timezone})"


@dataclass(frozen=True, slots=True)
class DigestDay:
    """The premieres of one day."""

    day: date
    series: tuple[Series, ...]


@dataclass(frozen=True, slots=True)
class Digest:
    """A week of premieres, grouped by day."""

    start: date
    days: tuple[DigestDay, ...]

    @property
    def title(self) -> str:
        """Return the heading of the digest."""
        return f"Premieres this week ({self.start:%d %b} – {self.start + timedelta(days=DAYS_SHOWN - 1):%d %b})"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form stored with the delivery."""
        return {"start": self.start.isoformat(),
                "days": [{"date": day.day.isoformat(), "series": [series_to_dict(s) for s in day.series]}
                         for day in self.days]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Digest:
        """Rebuild a digest from its JSON form."""
        return cls(date.fromisoformat(data["start"]),
                   tuple(DigestDay(date.fromisoformat(day["date"]),
                                   tuple(series_from_dict(item) for item in day["series"]))
                         for day in data.get("days", ())))


def group_by_day(start: date, found: list[Series]) -> Digest:
    """Group premieres by date, soonest first."""
    days: dict[date, list[Series]] = {}
    for series in found:
        if series.premiere_date is not None:
            days.setdefault(series.premiere_date, []).append(series)
    return Digest(start, tuple(DigestDay(day, tuple(items)) for day, items in sorted(days.items())))


class Digests:
    """Admins' digest commands, and the tick that sends each due digest once."""

    def __init__(self, store: Store, *, clock: Callable[[], datetime], grace: float) -> None:
        self._store = store
        self._digests = DigestStore(store)
        self._clock = clock
        self._grace = timedelta(seconds=grace)

    async def set(self, actor: Actor, destination: Destination, weekday: str, at: str, zone: str) -> Reply:
        """Turn a channel's weekly digest on (or move it), or off when the weekday is 'off'."""
        if not actor.is_admin:
            return NOT_ADMIN
        if weekday.strip().casefold() == "off":
            return await self.remove(actor, destination)
        if destination.platform is Platform.CONSOLE:
            return Message("A digest goes to a Discord or Slack channel: discord:CHANNEL_ID or slack:CHANNEL_ID.",
                           ok=False)
        try:
            day, when, tz = parse_weekday(weekday), parse_time(at), parse_zone(zone)
        except ScheduleError as error:
            return Message(str(error), ok=False)
        schedule = await self._digests.put(destination, weekday=day, at_time=when, timezone=tz, now=self._clock(),
                                           created_by=actor.user_id)
        log.info("digest for %s set %s by %s", destination, describe(schedule), actor.user_id)
        return Message(f"The premieres of the coming week will be posted to {_where(destination)} "
                       f"{describe(schedule)}. A week without premieres posts nothing.")

    async def remove(self, actor: Actor, destination: Destination) -> Reply:
        """Turn a channel's digest off."""
        if not actor.is_admin:
            return NOT_ADMIN
        if await self._digests.remove(destination):
            return Message(f"No more weekly digest in {_where(destination)}.")
        return Message(f"{_where(destination)} has no weekly digest.", ok=False)

    async def list(self, actor: Actor) -> Reply:
        """List the digests of the actor's workspace (all of them for the operator)."""
        if not actor.is_admin:
            return NOT_ADMIN
        found = await self._digests.list(actor.workspace)
        if not found:
            return Message("No weekly digests yet.")
        return Message("\n".join(f"• {_where(item.destination)}: {describe(item)}" for item in found))

    async def run_due(self) -> int:
        """Queue every digest whose time came since it was last handled; return how many were queued."""
        now = self._clock()
        queued = 0
        for schedule in await self._digests.list():
            try:
                queued += await self._run_one(schedule, now)
            except Exception:
                log.exception("the digest of %s failed; the next tick tries again", schedule.destination)
        return queued

    async def run(self, *, tick: float, on_queued: Callable[[], None]) -> None:
        """Queue each digest at its time until cancelled: sleep until the next occurrence, and look at the
        schedules again at least every `tick` seconds (another process may have added or moved one)."""
        while True:
            wait = tick
            try:
                async with asyncio.timeout(RUN_LIMIT):
                    if await self.run_due():
                        on_queued()
                    wait = await self.seconds_to_next(within=tick)
            except TimeoutError:
                log.error("looking for due digests took longer than %.0f s; trying again in %.0f s", RUN_LIMIT, tick)
            except Exception:
                log.exception("looking for due digests failed; trying again in %.0f s", tick)
            await asyncio.sleep(wait)

    async def seconds_to_next(self, *, within: float) -> float:
        """Return the seconds until the next occurrence of any digest, or `within` when none comes sooner."""
        now = self._clock()
        until = now + timedelta(seconds=within)
        soonest = until
        for schedule in await self._digests.list():
            fires = _fire_times(schedule, after=max(schedule.last_fire_at, now), until=until, most=1)
            soonest = min([soonest, *fires])
        # Waking a moment after the occurrence, never before: the clock that asyncio sleeps by is not this one.
        return (soonest - now).total_seconds() + (WAKE_MARGIN if soonest < until else 0.0)

    async def _run_one(self, schedule: DigestSchedule, now: datetime) -> int:
        fires = _fire_times(schedule, after=schedule.last_fire_at, until=now)
        if not fires:
            return 0
        occurrence = fires[-1]
        if now - occurrence > self._grace:
            if await self._digests.record(schedule, occurrence, None, now=now):
                log.warning("the digest of %s due at %s was missed by more than %s; skipped it", schedule.destination,
                            occurrence.isoformat(), self._grace)
            return 0
        start = occurrence.astimezone(ZoneInfo(schedule.timezone)).date()
        found = await self._store.upcoming(today=start, days=DAYS_SHOWN - 1, limit=MOST_SERIES)
        digest = group_by_day(start, found)
        payload = digest.to_dict() if digest.days else None
        if not await self._digests.record(schedule, occurrence, payload, now=now):
            return 0  # Another process handled this occurrence.
        if payload is None:
            log.info("no premieres in the week from %s: no digest for %s", start, schedule.destination)
            return 0
        late = now - occurrence
        log.info("queued the digest for %s (due %s%s)", schedule.destination, occurrence.isoformat(),
                 f", {late} late" if late > timedelta(minutes=5) else "")
        return 1


def _where(destination: Destination) -> str:
    if destination.platform is Platform.CONSOLE:
        return "the console"
    return f"<#{destination.channel}>"


def _fire_times(schedule: DigestSchedule, *, after: datetime, until: datetime, most: int = MOST_FIRES
                ) -> list[datetime]:
    """Return a schedule's occurrences in (after, until]."""
    hour, minute = (int(part) for part in schedule.at_time.split(":"))
    return weekly_fire_times(schedule.weekday, time(hour, minute), schedule.timezone, after=after, until=until,
                             most=most)
