"""GET /calendar.ics on the built-in HTTP server: parsed with icalendar, filtered, UIDs stable across moves."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from icalendar import Calendar

from bot.app import Services, bootstrap
from bot.calendar_feed import PATH, CalendarFeed, build_calendar
from bot.discord.render import render
from bot.health import serve
from bot.model import Entry, Kind, Series, SeriesFacts, Status
from bot.pipeline import NewEntry, store_entries
from bot.replies import SeriesList
from bot.slack.render import render_reply
from tests.conftest import make_settings

SOUL_MATE = SeriesFacts(title="Soul Mate", platform="Netflix", kind=Kind.DRAMA, status=Status.PREMIERE_DATE,
                        premiere_date=date(2027, 3, 14), countries=("South Korea",))
HARBOUR = SeriesFacts(title="Quiet Harbour", platform="BBC One", kind=Kind.DRAMA, status=Status.PREMIERE_DATE,
                      premiere_date=date(2027, 2, 1), countries=("United Kingdom",))


async def learn(services: Services, facts: SeriesFacts, key: str) -> None:
    feed, _ = await services.store.add_feed("https://feed.test/rss", now=services.clock())
    entry = Entry("https://feed.test/rss", key, f"{facts.title} news", link=f"https://news.test/{key}",
                  published=datetime(2026, 11, 2, 9, tzinfo=UTC), source_name="Series News")
    await store_entries(services.store, feed.id, [NewEntry(entry, [facts], post=True)], now=services.clock())


@pytest.fixture
async def base_url(services: Services) -> AsyncIterator[str]:
    feed = CalendarFeed(services.store, lambda: datetime(2026, 12, 1, tzinfo=UTC))
    runner, port = await serve(services.health, "127.0.0.1", 0, [(PATH, feed.handle)])
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def fetch(url: str) -> tuple[str, dict[str, Any]]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert response.status == 200
        kind = response.headers["Content-Type"]
        calendar = Calendar.from_ical(await response.read())
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    return kind, events


async def test_the_feed_parses_and_a_moved_premiere_keeps_its_uid(services: Services, base_url: str) -> None:
    await learn(services, SOUL_MATE, "soul-1")
    await learn(services, HARBOUR, "harbour-1")

    kind, events = await fetch(base_url + PATH)
    assert kind.startswith("text/calendar")
    assert len(events) == 2
    [soul_uid] = [uid for uid, event in events.items() if str(event["summary"]) == "Soul Mate"]
    soul = events[soul_uid]
    assert soul.decoded("dtstart") == date(2027, 3, 14) and soul.decoded("dtend") == date(2027, 3, 15)
    assert "Source: https://news.test/soul-1" in str(soul["description"])
    assert "Platform: Netflix" in str(soul["description"])

    await learn(services, replace(SOUL_MATE, premiere_date=date(2027, 4, 4)), "soul-2")
    _, moved = await fetch(base_url + PATH)
    assert set(moved) == set(events)
    assert moved[soul_uid].decoded("dtstart") == date(2027, 4, 4)
    assert int(moved[soul_uid]["sequence"]) >= int(soul["sequence"])
    assert "https://news.test/soul-2" in str(moved[soul_uid]["description"])


async def test_platform_and_country_filters(services: Services, base_url: str) -> None:
    await learn(services, SOUL_MATE, "soul-1")
    await learn(services, HARBOUR, "harbour-1")
    for query, expected in (("?platform=netflix", ["Soul Mate"]), ("?country=KR", ["Soul Mate"]),
                            ("?country=United%20Kingdom", ["Quiet Harbour"]),
                            ("?platform=Netflix&country=GB", [])):
        _, events = await fetch(base_url + PATH + query)
        assert sorted(str(event["summary"]) for event in events.values()) == expected, query


async def test_upcoming_links_to_the_calendar_when_a_public_url_is_set(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "bot.db", http={"enabled": True, "public_url": "https://bot.example.org/"})
    async with bootstrap(settings) as services:
        reply = await services.commands.upcoming(30, "Netflix")
    assert isinstance(reply, SeriesList)
    assert reply.calendar_url == "https://bot.example.org/calendar.ics?platform=Netflix"
    rendered = render_reply(reply)
    assert "<https://bot.example.org/calendar.ics?platform=Netflix|" in str(rendered.blocks[-1])
    (embed,) = render(reply).embeds
    assert embed.fields[-1].value == ("[Add these premieres to your calendar]"
                                      "(https://bot.example.org/calendar.ics?platform=Netflix)")

    async with bootstrap(make_settings(tmp_path / "other.db", health={"enabled": True})) as services:
        reply = await services.commands.upcoming(30)
    assert isinstance(reply, SeriesList) and reply.calendar_url is None


def test_each_season_is_its_own_event() -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    seasons = [Series("Quiet Harbour", id=7, season=season, premiere_date=date(2027, season or 1, 1),
                      last_updated=now)
               for season in (None, 2)]
    calendar = Calendar.from_ical(build_calendar([*seasons, Series("Undated", id=8)], now=now))
    events = {str(event["uid"]): str(event["summary"]) for event in calendar.walk("VEVENT")}
    assert events == {"series-7-season-1@seriesbot": "Quiet Harbour",
                      "series-7-season-2@seriesbot": "Quiet Harbour (season 2)"}


async def test_an_earlier_season_keeps_its_event_once_a_later_season_is_known(services: Services,
                                                                              base_url: str) -> None:
    await learn(services, SOUL_MATE, "soul-1")
    renewal = SeriesFacts(title="Soul Mate", platform="Netflix", kind=Kind.DRAMA, status=Status.RENEWED, season=2)
    await learn(services, renewal, "soul-2")
    [record] = await services.store.series_titles()
    assert (await services.store.get_series(record[0])).premiere_date is None  # type: ignore[union-attr]
    _, events = await fetch(base_url + PATH)
    assert {uid.split("@")[0].split("-", 2)[2]: event.decoded("dtstart") for uid, event in events.items()} == {
        "season-1": date(2027, 3, 14)}

    await learn(services, replace(renewal, status=Status.PREMIERE_DATE, premiere_date=date(2027, 11, 5)), "soul-3")
    _, events = await fetch(base_url + PATH)
    summaries = {str(event["summary"]): event.decoded("dtstart") for event in events.values()}
    assert summaries == {"Soul Mate": date(2027, 3, 14), "Soul Mate (season 2)": date(2027, 11, 5)}

    await learn(services, replace(renewal, status=Status.PREMIERE_DATE, premiere_date=date(2027, 12, 3)), "soul-4")
    _, moved = await fetch(base_url + PATH + "?platform=Netflix")
    assert {str(event["summary"]): event.decoded("dtstart") for event in moved.values()} == {
        "Soul Mate": date(2027, 3, 14), "Soul Mate (season 2)": date(2027, 12, 3)}
