"""GET /calendar.ics: known premieres as an iCalendar feed, one all-day event per series and season."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

from aiohttp import web
from icalendar import Calendar, Event

from bot.model import Series
from bot.store.store import Store

log = logging.getLogger(__name__)
PATH = "/calendar.ics"
PAST_DAYS = 90
AHEAD_DAYS = 730
MOST_EVENTS = 2000
UID_DOMAIN = "seriesbot"
# Codes for the countries the extractor's lexicon knows, so that ?country=KR works as well as the name.
COUNTRY_CODES = {
    "AU": "Australia", "BR": "Brazil", "CA": "Canada", "CN": "China", "DK": "Denmark", "FR": "France",
    "DE": "Germany", "HK": "Hong Kong", "IN": "India", "ID": "Indonesia", "IE": "Ireland", "IT": "Italy",
    "JP": "Japan", "MX": "Mexico", "NO": "Norway", "PH": "Philippines", "PL": "Poland", "KR": "South Korea",
    "ES": "Spain", "SE": "Sweden", "TW": "Taiwan", "TH": "Thailand", "TR": "Turkey", "GB": "United Kingdom",
    "UK": "United Kingdom", "US": "United States", "VN": "Vietnam",
}
_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def calendar_url(public_url: str | None, platform: str | None = None) -> str | None:
    """Return the public address of the feed (filtered by platform), or None when none is configured."""
    if not public_url:
        return None
    query = f"?{urlencode({'platform': platform})}" if platform else ""
    return f"{public_url.rstrip('/')}{PATH}{query}"


def event_uid(series: Series) -> str:
    """Return the UID of a series' season: stable when its date moves, so calendars update the event."""
    return f"series-{series.id}-season-{series.season or 1}@{UID_DOMAIN}"


def wanted_country(country: str | None) -> str | None:
    """Return the country name a ?country= value means (a code or a name)."""
    value = (country or "").strip()
    if not value:
        return None
    return COUNTRY_CODES.get(value.upper(), value)


def _matches(series: Series, country: str | None) -> bool:
    return country is None or any(known.casefold() == country.casefold() for known in series.countries)


def _description(series: Series) -> str:
    lines = []
    if series.platforms:
        lines.append("Platform: " + ", ".join(series.platforms))
    if series.season and series.season > 1:
        lines.append(f"Season {series.season}")
    if series.synopsis:
        lines.append(series.synopsis[:500])
    source = next((s.url for s in reversed(series.sources) if s.url), None)
    if source:
        lines.append(f"Source: {source}")
    return "\n".join(lines)


def build_calendar(items: Iterable[Series], *, now: datetime, name: str = "Series premieres") -> bytes:
    """Return the iCalendar text for these series (those without an id or a date are left out)."""
    calendar = Calendar()
    calendar.add("prodid", "-//seriesbot//series premieres//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for series in items:
        if series.id is None or series.premiere_date is None:
            continue
        changed = series.last_updated or now
        event = Event()
        event.add("uid", event_uid(series))
        title = series.display_title + (f" (season {series.season})" if series.season and series.season > 1 else "")
        event.add("summary", title)
        event.add("dtstart", series.premiere_date)
        event.add("dtend", series.premiere_date + timedelta(days=1))
        event.add("dtstamp", now)
        event.add("last-modified", changed)
        # A later change carries a higher sequence, which calendar clients need to take a moved date.
        event.add("sequence", max(0, int((changed - _EPOCH).total_seconds())))
        event.add("transp", "TRANSPARENT")
        event.add("description", _description(series))
        source = next((s.url for s in reversed(series.sources) if s.url), None)
        if source:
            event.add("url", source)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


class CalendarFeed:
    """Serve the feed from the store, filtered by ?platform= and ?country=."""

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self._store = store
        self._clock = clock

    async def series(self, platform: str | None, country: str | None) -> list[Series]:
        """Return each season premiering from a while ago to two years ahead, earlier seasons of a series too."""
        today: date = self._clock().date()
        found = await self._store.season_premieres(start=today - timedelta(days=PAST_DAYS),
                                                   end=today + timedelta(days=AHEAD_DAYS), platform=platform,
                                                   limit=MOST_EVENTS)
        chosen = wanted_country(country)
        return [series for series in found if _matches(series, chosen)]

    async def handle(self, request: web.Request) -> web.Response:
        """Answer GET /calendar.ics."""
        platform = (request.query.get("platform") or "").strip()[:60] or None
        country = (request.query.get("country") or "").strip()[:60] or None
        items = await self.series(platform, country)
        name = "Series premieres" + (f" on {platform}" if platform else "") + (f" ({country})" if country else "")
        body = build_calendar(items, now=self._clock(), name=name)
        return web.Response(body=body, headers={"Content-Type": "text/calendar; charset=utf-8",
                                                "Content-Disposition": 'inline; filename="premieres.ics"'})
