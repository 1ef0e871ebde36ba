"""Enrichment end to end against fake TVmaze and TMDB servers, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from rich.console import Console

from bot.app import Services, bootstrap, sync_config_feeds
from bot.cli_admin import poll_once
from bot.config import FileSettings, Secrets, Settings
from bot.destinations import Destination, Platform
from bot.enrich.matching import Candidate, decide, rank
from bot.enrich.sources import plain_summary
from bot.model import CastMember, Entry, Kind, Series, SeriesFacts, Status
from bot.pipeline import FeedWork, NewEntry
from bot.replies import ListingCard, Message, SeriesCard
from bot.store.enrichment import enrichment_counts, get_enrichment
from tests.fakes.feed_server import FeedServer, rss
from tests.fakes.tmdb_api import KEY, FakeTmdb, tv
from tests.fakes.tvmaze_api import FakeTvMaze, show
from tests.test_pipeline import ORDER

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)
HTML = ("<p><b>Moonlit Bakery</b> follows a baker &amp; a ghost.</p><script>alert('x')</script>"
        "<p>Second&nbsp;paragraph <a href='https://x.test'>link</a>.</p>")


@pytest.fixture
async def tvmaze() -> AsyncIterator[FakeTvMaze]:
    async with FakeTvMaze() as fake:
        yield fake


def enrich_settings(store_url: str, tvmaze: FakeTvMaze | None, *, tmdb: FakeTmdb | None = None,
                    **enrich: Any) -> Settings:
    file = FileSettings.model_validate({
        "store": {"url": store_url}, "console": {"enabled": "off"},
        "enrich": {"tvmaze": tvmaze is not None, "tvmaze_api_base": tvmaze.base if tvmaze else "http://127.0.0.1:9",
                   "tmdb_api_base": tmdb.base if tmdb else "http://127.0.0.1:9", **enrich},
    })
    return Settings(file=file, secrets=Secrets(tmdb_api_key=KEY if tmdb else None), source="test")


@pytest.fixture
async def wired(store_url: str, tvmaze: FakeTvMaze) -> AsyncIterator[Services]:
    async with bootstrap(enrich_settings(store_url, tvmaze, timeout="2s"), console=Console(file=io.StringIO()),
                         clock=lambda: NOW) as services:
        yield services


async def learn(services: Services, facts: SeriesFacts, key: str = "a", *, post: bool = True) -> int:
    """Store one article as a poll does; the pipeline then tells its listeners (bot.app registers enrichment)."""
    feed, _ = await services.store.add_feed("https://feed.test/rss", now=NOW)
    subs = await services.store.list_subscriptions(feed_id=feed.id)
    if not subs:
        subs = [await services.store.add_subscription(feed.id, Destination(Platform.CONSOLE, "console"), now=NOW)]
    entry = Entry("https://feed.test/rss", key, f"News {key}", link=f"https://news.test/{key}",
                  published=datetime(2026, 11, 2, 9, tzinfo=UTC), source_name="Series News")
    heard: list[int] = []
    services.pipeline.on_series_learnt.append(lambda learnt: heard.extend(s.id for s in learnt if s.id))
    try:
        await services.pipeline.commit(FeedWork(feed.id, [NewEntry(entry, [facts], post=post)]))
    finally:
        services.pipeline.on_series_learnt.pop()
    return heard[0]


def bakery(**changes: Any) -> SeriesFacts:
    facts = SeriesFacts(title="Moonlit Bakery", platform="Netflix", kind=Kind.DRAMA, status=Status.ANNOUNCED,
                        cast=(CastMember("Kim Seo Yeon"), CastMember("Lee Jun Ho")), countries=("South Korea",))
    return SeriesFacts(**{**{name: getattr(facts, name) for name in SeriesFacts.__slots__}, **changes})


def bakery_show(**changes: Any) -> dict[str, Any]:
    options: dict[str, Any] = {"language": "Korean", "web_channel": "Netflix", "imdb": "tt9100001",
                               "thetvdb": 910001, "summary": HTML, "cast": (("Kim Seo-yeon", "Baker"),),
                               "site": "https://www.netflix.com/title/1"}
    return show(101, "Moonlit Bakery", **{**options, **changes})


async def test_a_learnt_series_gets_its_tvmaze_listing_beside_the_news(wired: Services, tvmaze: FakeTvMaze) -> None:
    tvmaze.add(bakery_show(), show(102, "Bakery Wars", network=("Food", "US"), premiered="2011-05-01"))
    series_id = await learn(wired, bakery())
    assert tvmaze.requests == []  # the hook only queued it: nothing waited for TVmaze
    assert await wired.store.delivery_counts() == {"pending": 1}

    (record,) = await wired.enricher.drain()  # type: ignore[union-attr]
    assert record.state == "matched" and record.source == "tvmaze" and record.score is not None
    series = await wired.store.get_series(series_id)
    assert series is not None and series.listing is not None
    listing = series.listing
    assert (listing.ids.tvmaze, listing.ids.imdb, listing.ids.thetvdb) == (101, "tt9100001", 910001)
    assert listing.poster and listing.poster.endswith("/medium_portrait/1/101.jpg")
    assert listing.poster_original and "original_untouched" in listing.poster_original
    assert (listing.web_channel, listing.language, listing.status) == ("Netflix", "Korean", "In Development")
    assert listing.official_site == "https://www.netflix.com/title/1"
    assert listing.summary == "Moonlit Bakery follows a baker & a ghost. Second paragraph link."
    evidence = " ".join(listing.evidence)
    assert "title = Moonlit Bakery" in evidence and "platform Netflix" in evidence and "Kim Seo-yeon" in evidence
    # The news facts are untouched and the score and evidence are stored.
    assert series.title == "Moonlit Bakery" and series.platforms == ("Netflix",) and series.status is Status.ANNOUNCED
    stored = await get_enrichment(wired.store, series_id)
    assert stored is not None and stored.evidence == listing.evidence and stored.score == listing.score

    # A later article about the series keeps the listing, so its card carries the poster.
    await learn(wired, bakery(premiere_date=date(2027, 3, 9), status=Status.PREMIERE_DATE), "b")
    (update,) = await wired.store.latest_announcements(1)
    assert update.series.listing is not None and update.series.listing.poster == listing.poster

    card = await wired.commands.series("Moonlit Bakery")
    assert isinstance(card, SeriesCard) and card.series.listing is not None


async def test_no_candidate_leaves_the_series_as_the_news_made_it(wired: Services, tvmaze: FakeTvMaze) -> None:
    tvmaze.add(show(5, "Something Else Entirely", network=("KBS2", "KR")))
    series_id = await learn(wired, bakery())
    (record,) = await wired.enricher.drain()  # type: ignore[union-attr]
    assert record.state == "none" and "nothing found" in record.reason
    series = await wired.store.get_series(series_id)
    assert series is not None and series.listing is None
    assert await enrichment_counts(wired.store) == {"none": 1}


async def test_two_close_candidates_are_refused(wired: Services, tvmaze: FakeTvMaze) -> None:
    # Two shows of the same title on the same service from the same country: nothing tells them apart.
    tvmaze.add(show(201, "Moonlit Bakery", web_channel="Netflix"), show(202, "Moonlit Bakery", web_channel="Netflix"))
    series_id = await learn(wired, bakery(cast=()))
    (record,) = await wired.enricher.drain()  # type: ignore[union-attr]
    assert record.state == "ambiguous" and "too close" in record.reason
    assert {c["id"] for c in record.candidates} == {201, 202}
    series = await wired.store.get_series(series_id)
    assert series is not None and series.listing is None


async def test_a_same_titled_old_show_is_not_taken_for_a_new_announcement(wired: Services,
                                                                           tvmaze: FakeTvMaze) -> None:
    tvmaze.add(show(301, "Moonlit Bakery", network=("Food Network", "US"), premiered="2009-01-01", status="Ended"))
    await learn(wired, bakery(cast=()))
    (record,) = await wired.enricher.drain()  # type: ignore[union-attr]
    assert record.state == "none"
    assert "long before this news" in " ".join(record.candidates[0]["evidence"])


async def test_a_429_is_waited_out_as_retry_after_asks(wired: Services, tvmaze: FakeTvMaze) -> None:
    tvmaze.add(bakery_show())
    tvmaze.rate_limit_next(1, retry_after="1")
    await learn(wired, bakery())
    (record,) = await wired.enricher.drain()  # type: ignore[union-attr]
    assert record.state == "matched"
    first, second = tvmaze.requests[:2]
    assert first.path == second.path == "/search/shows"
    assert second.at - first.at >= 0.9  # the retry waited for Retry-After
    assert tvmaze.busiest_window() <= 20


async def test_a_429_that_does_not_end_fails_cleanly_and_is_retried_later(wired: Services,
                                                                         tvmaze: FakeTvMaze) -> None:
    tvmaze.add(bakery_show())
    tvmaze.rate_limit_next(3, retry_after="0")
    series_id = await learn(wired, bakery())
    (record,) = await wired.enricher.drain()  # type: ignore[union-attr]
    assert record.state == "error" and "429" in record.reason
    series = await wired.store.get_series(series_id)
    assert series is not None and series.listing is None
    forced = await wired.enricher.enrich(series_id, force=True)  # type: ignore[union-attr]
    assert forced is not None and forced.state == "matched"


async def test_a_slow_answer_times_out_and_never_holds_up_a_post(store_url: str, tvmaze: FakeTvMaze) -> None:
    tvmaze.add(bakery_show())
    tvmaze.delay = 3.0
    settings = enrich_settings(store_url, tvmaze, timeout="0.3s", lookup_timeout="0.3s")
    async with bootstrap(settings, console=Console(file=io.StringIO()), clock=lambda: NOW) as services:
        series_id = await learn(services, bakery())
        await services.dispatcher.drain()
        assert await services.store.delivery_counts() == {"sent": 1}  # posted before TVmaze was even asked
        (record,) = await services.enricher.drain()  # type: ignore[union-attr]
        assert record.state == "error" and "did not answer within" in record.reason
        assert tvmaze.answered == 0
        reply = await services.commands.series("Quiet Unknown Show")
        assert isinstance(reply, Message) and "I know no series called" in reply.text
        series = await services.store.get_series(series_id)
        assert series is not None and series.listing is None


async def test_a_korean_drama_is_found_by_its_english_title(wired: Services, tvmaze: FakeTvMaze) -> None:
    tvmaze.add(show(401, "Dalbit Bakeri", language="Korean", network=("tvN", "KR"), premiered=None,
                    akas=(("Moonlit Bakery", "US"), ("달빛 베이커리", None)), cast=(("Lee Jun-ho", "Ghost"),)),
               show(402, "Moonlight Baker", network=("Fuji TV", "JP"), premiered="2016-04-01"))
    series_id = await learn(wired, bakery(platform="tvN"))
    (record,) = await wired.enricher.drain()  # type: ignore[union-attr]
    assert record.state == "matched" and record.listing is not None
    assert record.listing.ids.tvmaze == 401 and record.listing.title == "Dalbit Bakeri"
    assert "title = Moonlit Bakery" in record.listing.evidence[0] and "people Lee Jun-ho" in record.listing.evidence[0]
    assert [seen.query["embed[]"] for seen in tvmaze.calls("/shows/401")] == [["cast", "crew", "akas"]]
    series = await wired.store.get_series(series_id)
    assert series is not None and series.title == "Moonlit Bakery"


async def test_a_japanese_title_with_an_english_alias_matches_through_the_alias(wired: Services,
                                                                                tvmaze: FakeTvMaze) -> None:
    tvmaze.add(show(501, "Tsuki no Pan-ya", language="Japanese", network=("TV Tokyo", "JP"), kind="Animation",
                    akas=(("Bakery of the Moon", "US"), ("月のパン屋", None))))
    facts = SeriesFacts(title="月のパン屋", platform="TV Tokyo", kind=Kind.ANIME, countries=("Japan",))
    series_id = await learn(wired, facts)
    (record,) = await wired.enricher.drain()  # type: ignore[union-attr]
    assert record.state == "matched" and record.listing is not None and record.listing.ids.tvmaze == 501
    series = await wired.store.get_series(series_id)
    assert series is not None and series.listing is not None and series.listing.network == "TV Tokyo"


async def test_a_database_date_that_disagrees_with_the_news_is_recorded_and_the_news_kept(
        wired: Services, tvmaze: FakeTvMaze) -> None:
    tvmaze.add(bakery_show(premiered="2027-04-01"))
    series_id = await learn(wired, bakery(premiere_date=date(2027, 3, 9), status=Status.PREMIERE_DATE))
    (record,) = await wired.enricher.drain()  # type: ignore[union-attr]
    assert record.state == "matched" and record.listing is not None
    (conflict,) = record.listing.conflicts
    assert conflict.field == "premiere" and conflict.kept == "news"
    assert conflict.news.startswith("9 March 2027 (Series News, 2026-11-02)") and conflict.database == "1 April 2027"
    series = await wired.store.get_series(series_id)
    assert series is not None and series.premiere_date == date(2027, 3, 9)


async def test_a_tba_in_the_database_is_a_conflict_and_fills_in_when_the_news_is_silent(
        wired: Services, tvmaze: FakeTvMaze) -> None:
    tvmaze.add(bakery_show(premiered=None), show(601, "Spring Tide", network=("tvN", "KR"), premiered="2027-02-01"))
    await learn(wired, bakery(premiere_date=date(2027, 3, 9)))
    tide = await learn(wired, SeriesFacts(title="Spring Tide", platform="tvN", countries=("South Korea",)), "t")
    records = {r.series_id: r for r in await wired.enricher.drain()}  # type: ignore[union-attr]
    bakery_record = next(r for sid, r in records.items() if sid != tide)
    assert bakery_record.listing is not None
    assert [(c.field, c.database, c.kept) for c in bakery_record.listing.conflicts] == [("premiere", "TBA", "news")]
    series = await wired.store.get_series(tide)
    assert series is not None and series.premiere_date is None and series.listing is not None
    assert series.listing.premiered == date(2027, 2, 1)


async def test_an_unknown_title_is_answered_from_tvmaze(wired: Services, tvmaze: FakeTvMaze) -> None:
    tvmaze.add(show(701, "Harbour Lights", network=("BBC One", "GB"), premiered="2027-01-10", summary="<p>Sea.</p>"))
    reply = await wired.commands.series("Harbour Lights")
    assert isinstance(reply, ListingCard)
    assert reply.text == "Not in the news yet. TVmaze: Harbour Lights (2027, BBC One)"
    (listing,) = reply.listings
    assert listing.ids.tvmaze == 701 and listing.summary == "Sea." and listing.poster
    nothing = await wired.commands.series("Zzyzx Qqq")
    assert isinstance(nothing, Message) and not nothing.ok


async def test_answers_are_cached_and_revalidated_with_etags(wired: Services, tvmaze: FakeTvMaze) -> None:
    tvmaze.add(bakery_show())
    series_id = await learn(wired, bakery())
    await wired.enricher.drain()  # type: ignore[union-attr]
    again = await wired.enricher.enrich(series_id)  # type: ignore[union-attr]
    assert again is not None and again.state == "matched"
    searches = tvmaze.calls("/search/shows")
    assert len(searches) == 1  # fresh and unchanged: no new request at all
    await wired.enricher.enrich(series_id, force=True)  # type: ignore[union-attr]
    searches = tvmaze.calls("/search/shows")
    assert len(searches) == 2 and searches[1].headers.get("If-None-Match")


async def test_tmdb_adds_its_ids_and_links_back_to_tvmaze(store_url: str, tvmaze: FakeTvMaze) -> None:
    tvmaze.add(show(801, "Dalbit Bakeri", imdb="tt9100801", network=("tvN", "KR")))  # TVmaze's search misses it
    async with FakeTmdb() as tmdb:
        tmdb.add(tv(9001, "Moonlit Bakery", original_name="달빛 베이커리", first_air_date="",
                    origin_country=("KR",), original_language="ko", networks=("tvN",), imdb_id="tt9100801",
                    overview="A <i>baker</i>.", cast=(("Kim Seo Yeon", "Baker"),)))
        tvmaze.shows[801]["_akas"] = []
        async with bootstrap(enrich_settings(store_url, tvmaze, tmdb=tmdb), console=Console(file=io.StringIO()),
                             clock=lambda: NOW) as services:
            series_id = await learn(services, bakery(platform="tvN"))
            (record,) = await services.enricher.drain()  # type: ignore[union-attr]
        assert all(query.get("api_key") == KEY for _, query in tmdb.requests)
    assert record.state == "matched" and record.listing is not None
    ids = record.listing.ids
    assert (ids.tmdb, ids.imdb, ids.tvmaze) == (9001, "tt9100801", 801)
    assert record.listing.summary == "A baker."
    # Linked to TVmaze by the IMDb id, TVmaze's poster leads; TMDB filled in the summary TVmaze lacks.
    assert record.listing.source == "tvmaze" and record.listing.poster_original
    assert record.listing.poster_original.endswith("/original_untouched/1/801.jpg")
    assert series_id == record.series_id


def test_the_html_of_summaries_is_reduced_to_safe_plain_text() -> None:
    assert plain_summary(HTML) == "Moonlit Bakery follows a baker & a ghost. Second paragraph link."
    assert plain_summary("<p>@everyone <img src=x onerror=alert(1)>hi</p>") == "@everyone hi"
    long = plain_summary("<p>" + "word " * 400 + "</p>", limit=50)
    assert long is not None and len(long) <= 50 and long.endswith("…")
    assert plain_summary(None) is None and plain_summary("  ") is None


def test_matching_needs_evidence_beyond_the_title() -> None:
    series = Series(title="Moonlit Bakery", first_seen=NOW)
    alone = Candidate("tvmaze", 1, "Moonlit Bakery")
    assert decide(rank(series, [alone], today=NOW.date())).state == "none"
    with_platform = Series(title="Moonlit Bakery", platforms=("Prime Video",), first_seen=NOW)
    amazon = Candidate("tvmaze", 2, "Moonlit Bakery", channels=("Amazon Prime Video",))
    decision = decide(rank(with_platform, [amazon], today=NOW.date()))
    assert decision.state == "matched" and "platform Amazon Prime Video" in decision.best.evidence  # type: ignore[union-attr]
    near = Candidate("tvmaze", 3, "Moonlit Bakeries", channels=("Prime Video",))
    assert decide(rank(with_platform, [amazon, near], today=NOW.date())).best.candidate.id == 2  # type: ignore[union-attr]
    twin = Candidate("tvmaze", 4, "Moonlit Bakery", channels=("Prime Video",))
    assert decide(rank(with_platform, [amazon, twin], today=NOW.date())).state == "ambiguous"



async def test_poll_enriches_what_it_learnt_before_exiting_and_leaves_what_did_not_fit_to_the_next_run(
        store_url: str, tvmaze: FakeTvMaze, feed_server: FeedServer, caplog: pytest.LogCaptureFixture) -> None:
    tvmaze.add(bakery_show())
    file = FileSettings.model_validate({
        "store": {"url": store_url}, "console": {"enabled": "off"},
        "fetch": {"allow_private_networks": True}, "poll": {"max_age": "36500d", "workers": 0},
        "enrich": {"tvmaze_api_base": tvmaze.base, "timeout": "5s", "poll_wait": "1s"},
        "feeds": [{"url": feed_server.set("/feed", rss([ORDER])), "to": ["console"]}]})
    settings = Settings(file=file, secrets=Secrets(), source="test")
    caplog.set_level(logging.INFO, logger="bot")
    tvmaze.delay = 3.0  # longer than poll_wait: the series does not fit in this pass
    async with bootstrap(settings, console=Console(file=io.StringIO())) as services:
        await sync_config_feeds(services)
        assert await poll_once(services, every=True, out=Console(file=io.StringIO())) == 0
        [(series_id, _)] = await services.store.series_titles()
        assert await get_enrichment(services.store, series_id) is None
    assert "enriching 1 series before exiting (at most 1 s, [enrich] poll_wait)" in caplog.text
    assert "1 of 1 series were not enriched within 1 s ([enrich] poll_wait); the next poll or run looks them up" \
        in caplog.text

    caplog.clear()
    tvmaze.delay = 0.0
    async with bootstrap(settings, console=Console(file=io.StringIO())) as services:  # the next cron run
        assert await poll_once(services, every=True, out=Console(file=io.StringIO())) == 0
        record = await get_enrichment(services.store, series_id)
    assert record is not None and record.state == "matched" and record.listing is not None
    assert record.listing.ids.tvmaze == 101
    assert "enriched 1 series" in caplog.text and "not enriched" not in caplog.text
