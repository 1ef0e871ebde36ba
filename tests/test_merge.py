"""Rules for folding announcements into one knowledge-base record per series."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.kb.merge import candidate_keys, format_date, matches, merge, new_series, series_keys
from bot.model import CastMember, Credit, Event, Kind, Series, SeriesFacts, Source, Status

T0 = datetime(2025, 1, 10, 9, 0, tzinfo=UTC)
T1 = T0 + timedelta(days=1)
T2 = T0 + timedelta(days=2)


def source(url: str, published: datetime | None = T0, name: str | None = None) -> Source:
    return Source(url=url, published=published, name=name)


def soul_mate(**changes: Any) -> SeriesFacts:
    facts = SeriesFacts(
        title="Soul Mate",
        platform="Netflix",
        kind=Kind.DRAMA,
        cast=(CastMember("Lee Min-ho", "Jun"), CastMember("Han Hyo-joo")),
        creators=(Credit("Kim Eun-sook", "writer"),),
        countries=("South Korea",),
        languages=("Korean",),
        genres=("Romance",),
    )
    return replace(facts, **changes)


def known(**changes: Any) -> Series:
    return new_series(soul_mate(**changes), source("https://a.example/1"), None, T0)


def test_new_series_builds_a_record_from_one_article() -> None:
    facts = soul_mate(cast=(CastMember("Isomura Hayato"), CastMember("Hayato Isomura", "Ken")))
    series = new_series(facts, source("https://a.example/1"), "https://img.example/1.jpg", T0)
    assert series.title == "Soul Mate"
    assert series.platforms == ("Netflix",)
    assert series.cast == (CastMember("Isomura Hayato", "Ken"),)
    assert series.image == "https://img.example/1.jpg"
    assert series.first_seen == series.last_updated == T0
    assert series.sources == (source("https://a.example/1"),)


def test_same_news_from_another_source_is_merged_silently() -> None:
    result = merge(known(), soul_mate(), source("https://b.example/2", T1), None, T2)
    assert result.event is None
    assert result.changes == ()
    assert [s.url for s in result.series.sources] == ["https://a.example/1", "https://b.example/2"]
    assert result.series.first_seen == T0
    assert result.series.last_updated == T2


def test_same_source_twice_changes_nothing() -> None:
    existing = known()
    result = merge(existing, soul_mate(), source("https://a.example/1", T1), None, T2)
    assert result.series == existing
    assert result.event is None


def test_name_orders_merge_into_one_cast_member_keeping_first_spelling_and_known_role() -> None:
    existing = known(cast=(CastMember("Isomura Hayato"),))
    result = merge(existing, soul_mate(cast=(CastMember("Hayato Isomura", "Ken"),)), source("u2", T1), None, T1)
    assert result.series.cast == (CastMember("Isomura Hayato", "Ken"),)
    assert result.event is None
    kept = merge(result.series, soul_mate(cast=(CastMember("HAYATO ISOMURA", "Kenji"),)), source("u3"), None, T1)
    assert kept.series.cast == (CastMember("Isomura Hayato", "Ken"),)


def test_new_cast_member_is_news() -> None:
    existing = known(cast=(CastMember("Lee Min-ho"),))
    result = merge(existing, soul_mate(cast=(CastMember("Han Hyo-joo"),)), source("u2", T1), None, T1)
    assert result.event is Event.UPDATE
    assert result.changes == ("Cast added: Han Hyo-joo",)
    assert [m.name for m in result.series.cast] == ["Lee Min-ho", "Han Hyo-joo"]


def test_creators_keep_one_row_per_person_and_job() -> None:
    facts = soul_mate(creators=(Credit("Eun-sook Kim", "writer"), Credit("Eun-sook Kim", "creator")))
    result = merge(known(), facts, source("u2", T1), None, T1)
    assert result.series.creators == (Credit("Kim Eun-sook", "writer"), Credit("Kim Eun-sook", "creator"))
    assert result.event is None


def test_producers_are_kept_after_the_creators() -> None:
    facts = soul_mate(creators=(Credit("Mara Quill", "executive producer"), Credit("Jon Aske", "director")))
    result = merge(known(), facts, source("u2", T1), None, T1)
    assert result.series.creators == (Credit("Kim Eun-sook", "writer"), Credit("Jon Aske", "director"),
                                      Credit("Mara Quill", "executive producer"))
    assert [credit.is_producer for credit in result.series.creators] == [False, False, True]


def test_lists_union_ignoring_case_and_platforms_keep_first_seen_order() -> None:
    facts = soul_mate(
        platform="Disney+", countries=("south korea", "Japan"), genres=("romance", "Fantasy"), locations=("Seoul",)
    )
    result = merge(known(), facts, source("u2", T1), None, T1)
    series = result.series
    assert series.countries == ("South Korea", "Japan")
    assert series.genres == ("Romance", "Fantasy")
    assert series.locations == ("Seoul",)
    assert series.platforms == ("Netflix", "Disney+")
    assert result.changes == ("Now on Disney+",)
    again = merge(series, soul_mate(platform="netflix"), source("u3", T2), None, T2)
    assert again.series.platforms == ("Netflix", "Disney+")
    assert again.event is None


@pytest.mark.parametrize(
    ("new", "change"),
    [
        (Status.IN_PRODUCTION, "Status: in production"),
        (Status.TRAILER, "Trailer released"),
        (Status.PREMIERE_DATE, "Premiere date announced"),
        (Status.PREMIERED, "Status: premiered"),
        (Status.RENEWED, "Status: renewed"),
        (Status.CANCELLED, "Status: cancelled"),
    ],
)
def test_status_moves_forward_with_a_change(new: Status, change: str) -> None:
    result = merge(known(), soul_mate(status=new), source("u2", T1), None, T1)
    assert result.series.status is new
    assert result.event is Event.UPDATE
    assert result.changes == (change,)


def test_status_never_moves_backwards() -> None:
    existing = known(status=Status.PREMIERED)
    for older in (Status.ANNOUNCED, Status.IN_PRODUCTION, Status.TRAILER, Status.PREMIERE_DATE):
        result = merge(existing, soul_mate(status=older), source(f"u-{older}", T1), None, T1)
        assert result.series.status is Status.PREMIERED
        assert result.event is None


def test_renewed_and_cancelled_follow_the_newer_article() -> None:
    renewed = merge(known(status=Status.PREMIERED), soul_mate(status=Status.RENEWED), source("u2", T1), None, T1)
    cancelled = merge(renewed.series, soul_mate(status=Status.CANCELLED), source("u3", T2), None, T2)
    assert cancelled.series.status is Status.CANCELLED
    assert cancelled.changes == ("Status: cancelled",)
    stale = merge(cancelled.series, soul_mate(status=Status.RENEWED), source("u4", T0), None, T2)
    assert stale.series.status is Status.CANCELLED
    assert stale.event is None


def test_premiere_date_set_then_changed_by_a_newer_source() -> None:
    dated = merge(known(), soul_mate(premiere_date=date(2025, 3, 14)), source("u2", T1), None, T1)
    assert dated.changes == ("Premiere date set: 14 March 2025",)
    moved = merge(dated.series, soul_mate(premiere_date=date(2025, 3, 21)), source("u3", T2), None, T2)
    assert moved.series.premiere_date == date(2025, 3, 21)
    assert moved.changes == ("Premiere date changed: 14 March 2025 → 21 March 2025",)
    stale = merge(moved.series, soul_mate(premiere_date=date(2025, 3, 14)), source("u4", T0), None, T2)
    assert stale.series.premiere_date == date(2025, 3, 21)
    assert stale.event is None


def test_iso_date_beats_text() -> None:
    vague = known(premiere_text="spring 2025")
    dated = merge(vague, soul_mate(premiere_date=date(2025, 4, 4)), source("u2", T1), None, T1)
    assert dated.series.premiere_date == date(2025, 4, 4)
    assert dated.changes == ("Premiere date set: 4 April 2025",)
    text_only = merge(dated.series, soul_mate(premiere_text="summer 2025"), source("u3", T2), None, T2)
    assert text_only.series.premiere_date == date(2025, 4, 4)
    assert text_only.event is None


def test_premiere_window_text_fills_and_follows_newer_sources() -> None:
    first = merge(known(), soul_mate(premiere_text="2025"), source("u2", T1), None, T1)
    assert first.changes == ("Premiere: 2025",)
    same = merge(first.series, soul_mate(premiere_text=" 2025 "), source("u3", T2), None, T2)
    assert same.event is None
    assert merge(first.series, soul_mate(premiere_text="Spring 2025"), source("u4", T2), None, T2).changes == (
        "Premiere: Spring 2025",
    )


def test_premiere_date_status_is_not_reported_twice() -> None:
    facts = soul_mate(status=Status.PREMIERE_DATE, premiere_date=date(2025, 3, 14))
    result = merge(known(), facts, source("u2", T1), None, T1)
    assert result.series.status is Status.PREMIERE_DATE
    assert result.changes == ("Premiere date set: 14 March 2025",)


def test_empty_fields_are_filled_but_never_overwritten() -> None:
    existing = known()
    facts = soul_mate(based_on="Webtoon Soul", synopsis="Two souls.", kind=Kind.COMEDY)
    filled = merge(existing, facts, source("u2", T1), "https://img/1.jpg", T1).series
    assert (filled.based_on, filled.synopsis, filled.image, filled.kind) == (
        "Webtoon Soul",
        "Two souls.",
        "https://img/1.jpg",
        Kind.DRAMA,
    )
    later = soul_mate(based_on="Other", synopsis="Other.")
    kept = merge(filled, later, source("u3", T2), "https://img/2.jpg", T2).series
    assert (kept.based_on, kept.synopsis, kept.image) == ("Webtoon Soul", "Two souls.", "https://img/1.jpg")


def test_untitled_project_gets_its_title() -> None:
    untitled = new_series(soul_mate(title=None, based_on="The Novel"), source("u1"), None, T0)
    assert untitled.display_title == "Untitled series based on The Novel"
    result = merge(untitled, soul_mate(title="Soul Mate", based_on="The Novel"), source("u2", T1), None, T1)
    assert result.series.title == "Soul Mate"
    assert result.series.aliases == ()
    assert result.changes == ("Title revealed: Soul Mate",)
    assert result.event is Event.UPDATE


def test_other_spelling_of_the_title_becomes_an_alias_quietly() -> None:
    result = merge(known(), soul_mate(title="Soulmate"), source("u2", T1), None, T1)
    assert result.series.aliases == ("Soulmate",)
    assert result.event is None
    again = merge(result.series, soul_mate(title="SOUL-MATE"), source("u3", T1), None, T1)
    assert again.series.aliases == ("Soulmate",)


def test_naive_and_aware_timestamps_compare() -> None:
    naive = datetime(2025, 1, 12, 9, 0)
    result = merge(known(), soul_mate(status=Status.RENEWED), source("u2", naive), None, T2)
    assert result.series.status is Status.RENEWED


def test_format_date_has_no_leading_zero() -> None:
    assert format_date(date(2025, 3, 4)) == "4 March 2025"


def test_matches_by_title_or_alias_even_on_other_platforms() -> None:
    series = merge(known(), soul_mate(title="Alma Gemela"), source("u2", T1), None, T1).series
    assert matches(series, soul_mate(title="SOUL MATE!", platform="Hulu")) == 1.0
    assert matches(series, soul_mate(title="Alma Gemela", platform=None)) == 1.0
    assert matches(series, soul_mate(title="Vincenzo")) == 0.0


def test_matches_spacing_variant_only_without_platform_clash() -> None:
    assert matches(known(), soul_mate(title="Soulmate")) == 0.85
    assert matches(known(), soul_mate(title="Soulmate", platform="Hulu")) == 0.0


def test_matches_untitled_projects() -> None:
    cast = (CastMember("Lee Min-ho"), CastMember("Han Hyo-joo"))
    untitled = known(title=None, based_on="The Novel", cast=cast)
    assert matches(untitled, soul_mate(title=None, based_on="the novel", cast=())) == 0.9
    assert matches(untitled, soul_mate(title=None, based_on=None, cast=tuple(reversed(cast)))) == 0.8
    assert matches(untitled, soul_mate(title=None, based_on=None, cast=cast[:1])) == 0.0
    assert matches(untitled, soul_mate(title=None, based_on="The Novel", platform="Hulu")) == 0.0


def test_matches_titled_against_untitled_needs_the_same_platform() -> None:
    untitled = known(title=None, based_on="The Novel")
    assert matches(untitled, soul_mate(based_on="The Novel")) == 0.7
    assert matches(untitled, soul_mate(based_on="The Novel", platform=None)) == 0.0
    assert matches(untitled, soul_mate(based_on="Other Novel")) == 0.7  # two shared cast members
    assert matches(untitled, soul_mate(based_on="Other Novel", cast=())) == 0.0


def test_series_keys() -> None:
    titled = merge(known(), soul_mate(title="Alma Gemela"), source("u2", T1), None, T1).series
    assert series_keys(titled) == {"soul mate", "alma gemela"}
    untitled = soul_mate(
        title=None, based_on="The Novel", cast=(CastMember("Hayato Isomura"), CastMember("Ok Taecyeon"))
    )
    assert series_keys(untitled) == {"based_on:the novel", "cast:hayato isomura|ok taecyeon"}
    assert candidate_keys(soul_mate(based_on="The Novel", cast=())) == {"soul mate", "based_on:the novel"}


facts_strategy = st.builds(
    SeriesFacts,
    title=st.one_of(st.none(), st.sampled_from(["Soul Mate", "SOUL-MATE", "Soulmate"])),
    platform=st.one_of(st.none(), st.sampled_from(["Netflix", "netflix", "Hulu"])),
    status=st.sampled_from(list(Status)),
    premiere_date=st.one_of(st.none(), st.dates(date(2024, 1, 1), date(2026, 12, 31))),
    premiere_text=st.one_of(st.none(), st.sampled_from(["2025", "spring 2025", " Spring 2025"])),
    cast=st.lists(
        st.builds(
            CastMember,
            st.sampled_from(["Isomura Hayato", "Hayato Isomura", "Han Hyo-joo", "Ok Taec-yeon", "Ok Taecyeon"]),
            st.one_of(st.none(), st.sampled_from(["Ken", "Jun"])),
        ),
        max_size=4,
    ).map(tuple),
    genres=st.lists(st.sampled_from(["Romance", "romance", "Thriller"]), max_size=3).map(tuple),
    based_on=st.one_of(st.none(), st.just("The Novel")),
)
published = st.one_of(st.none(), st.datetimes(datetime(2024, 1, 1), datetime(2026, 1, 1), timezones=st.just(UTC)))


@given(facts_strategy, facts_strategy, published, published)
def test_merging_the_same_article_twice_is_idempotent(
    first: SeriesFacts, second: SeriesFacts, when_first: datetime | None, when_second: datetime | None
) -> None:
    existing = new_series(first, source("https://a.example/1", when_first), None, T0)
    once = merge(existing, second, source("https://b.example/2", when_second), None, T1)
    twice = merge(once.series, second, source("https://b.example/2", when_second), None, T2)
    assert twice.event is None
    assert twice.series == once.series
    assert (once.event is Event.UPDATE) == bool(once.changes)


@given(facts_strategy, st.lists(facts_strategy, max_size=5))
def test_status_rank_never_drops(first: SeriesFacts, later: list[SeriesFacts]) -> None:
    order = [Status.ANNOUNCED, Status.IN_PRODUCTION, Status.TRAILER, Status.PREMIERE_DATE, Status.PREMIERED]
    series = new_series(first, source("u0"), None, T0)
    for step, facts in enumerate(later, start=1):
        before = series.status
        series = merge(series, facts, source(f"u{step}", T0 + timedelta(hours=step)), None, T1).series
        if before in (Status.RENEWED, Status.CANCELLED):
            assert series.status in (Status.RENEWED, Status.CANCELLED)
        elif series.status in order:
            assert order.index(series.status) >= order.index(before)


# Seasons


def test_new_series_keeps_the_season() -> None:
    assert known(season=4, status=Status.RENEWED).season == 4
    assert known().season is None


def test_a_new_season_of_a_known_series_is_an_update_that_starts_its_story_afresh() -> None:
    aired = known(status=Status.PREMIERED, premiere_date=date(2025, 1, 10))
    result = merge(aired, soul_mate(season=3, status=Status.RENEWED), source("u2", T1), None, T1)
    assert result.event is Event.UPDATE
    assert result.changes == ("Season 3 renewed",)
    assert result.series.season == 3
    assert result.series.status is Status.RENEWED
    assert result.series.premiere_date is None  # the first season's date says nothing about the third's


def test_later_news_of_the_season_follows_its_renewal() -> None:
    renewed = merge(known(status=Status.PREMIERED), soul_mate(season=3, status=Status.RENEWED),
                    source("u2", T1), None, T1).series
    dated = merge(renewed, soul_mate(season=3, status=Status.PREMIERE_DATE, premiere_date=date(2027, 3, 9)),
                  source("u3", T2), None, T2)
    assert dated.changes == ("Season 3 premiere date set: 9 March 2027",)
    assert dated.series.status is Status.PREMIERE_DATE
    # News that names no season is about the latest one.
    aired = merge(dated.series, soul_mate(status=Status.PREMIERED), source("u4", T2), None, T2)
    assert aired.changes == ("Season 3 premiered",)
    assert aired.series.season == 3


def test_a_renewal_naming_no_season_after_the_season_aired_is_still_news() -> None:
    aired = merge(known(), soul_mate(season=2, status=Status.PREMIERED), source("u2", T1), None, T1).series
    result = merge(aired, soul_mate(status=Status.RENEWED), source("u3", T2), None, T2)
    assert result.changes == ("Status: renewed",)
    assert (result.series.status, result.series.season) == (Status.RENEWED, 2)


def test_first_news_of_a_second_season_can_be_its_date() -> None:
    result = merge(known(status=Status.PREMIERED),
                   soul_mate(season=2, status=Status.PREMIERE_DATE, premiere_date=date(2027, 3, 9)),
                   source("u2", T1), None, T1)
    assert result.changes == ("Season 2 premiere date set: 9 March 2027",)
    assert (result.series.season, result.series.premiere_date) == (2, date(2027, 3, 9))


def test_a_renewal_with_a_premiere_window_says_both() -> None:
    result = merge(known(status=Status.PREMIERED), soul_mate(season=2, status=Status.RENEWED, premiere_text="2027"),
                   source("u2", T1), None, T1)
    assert result.changes == ("Season 2 renewed", "Season 2 premiere: 2027")


def test_the_same_season_news_again_is_silent() -> None:
    first = merge(known(), soul_mate(season=2, status=Status.RENEWED), source("u2", T1), None, T1).series
    again = merge(first, soul_mate(season=2, status=Status.RENEWED), source("u3", T2), None, T2)
    assert again.event is None
    announced = merge(first, soul_mate(season=2, status=Status.ANNOUNCED), source("u4", T2), None, T2)
    assert announced.event is None and announced.series.status is Status.RENEWED


def test_news_of_an_earlier_season_leaves_the_latest_one_alone() -> None:
    latest = merge(known(), soul_mate(season=3, status=Status.RENEWED), source("u2", T1), None, T1).series
    old = merge(latest, soul_mate(season=2, status=Status.PREMIERED, premiere_date=date(2025, 6, 1)),
                source("u3", T2), None, T2)
    assert old.event is None
    assert (old.series.season, old.series.status, old.series.premiere_date) == (3, Status.RENEWED, None)


def test_season_one_news_of_a_known_series_only_records_the_season() -> None:
    result = merge(known(status=Status.TRAILER), soul_mate(season=1, status=Status.TRAILER), source("u2", T1), None, T1)
    assert result.event is None
    assert result.series.season == 1


def test_a_cancellation_after_a_season_is_no_new_season() -> None:
    latest = merge(known(), soul_mate(season=2, status=Status.PREMIERED), source("u2", T1), None, T1).series
    result = merge(latest, soul_mate(season=2, status=Status.CANCELLED), source("u3", T2), None, T2)
    assert result.changes == ("Season 2 cancelled",)
    assert result.series.status is Status.CANCELLED


seasoned_facts = st.tuples(facts_strategy, st.one_of(st.none(), st.integers(1, 4))).map(
    lambda pair: replace(pair[0], season=pair[1]))


@given(seasoned_facts, seasoned_facts, published, published)
def test_merging_the_same_season_news_twice_is_idempotent(
    first: SeriesFacts, second: SeriesFacts, when_first: datetime | None, when_second: datetime | None
) -> None:
    existing = new_series(first, source("https://a.example/1", when_first), None, T0)
    once = merge(existing, second, source("https://b.example/2", when_second), None, T1)
    twice = merge(once.series, second, source("https://b.example/2", when_second), None, T2)
    assert twice.event is None
    assert twice.series == once.series
    assert (once.event is Event.UPDATE) == bool(once.changes)


@given(seasoned_facts, st.lists(seasoned_facts, max_size=5))
def test_the_season_kept_is_the_latest_heard_of(first: SeriesFacts, later: list[SeriesFacts]) -> None:
    series = new_series(first, source("u0"), None, T0)
    for step, facts in enumerate(later, start=1):
        series = merge(series, facts, source(f"u{step}", T0 + timedelta(hours=step)), None, T1).series
    heard = [facts.season for facts in [first, *later] if facts.season is not None]
    assert series.season == (max(heard) if heard else None)
