"""Hostile input: any text returns a list of SeriesFacts, deterministically and in bounded time."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.extract import extract, facts_to_dict
from bot.extract.cues import index
from bot.model import SeriesFacts

PUBLISHED = datetime(2025, 1, 1, tzinfo=UTC)

# Fragments that exercise every cue: quotes of each kind, cue words, names, dates, CJK and odd punctuation.
FRAGMENTS = [
    "“", "”", "‘", "’", "'", '"', "「", "」", "『", "』", "(", ")", ",", ".", "!", "?", ":", ";", "…", "\n", " ",
    "Netflix", "tvN", "Max", "Disney+", "Crunchyroll", "テレビ朝日", "Soul Mate", "The Boyfriend", "Kim Min-ji",
    "Ok Taec-yeon", "Isomura Hayato", "starring", "stars", "as", "plays", "portrayed by", "will star", "joins",
    "directed by", "created by", "executive producer", "showrunner", "writer", "known for", "his roles in",
    "also known as", "based on the 2010 French film", "an untitled", "series", "drama", "film", "anime",
    "reality show", "announced", "renewed", "cancelled", "trailer", "premiere", "will premiere on", "next month",
    "June 14", "2025年7月", "第3話", "放送開始", "next episode", "ratings", "box office", "set in", "Seoul", "Berlin",
    "Korean", "Japanese", "romance", "thriller", "Season 2", "who", "whose credits include", "Both series",
    "Exclusive:", "Renewed for Season 2", "Orders", "Gets Premiere Date", "\u200b", "\u202e", "\x00", "🎬",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000), st.one_of(st.none(), st.text(max_size=300)))
def test_any_text(text: str, headline: str | None) -> None:
    found = extract(text, headline=headline, published=PUBLISHED)
    assert isinstance(found, list)
    assert all(isinstance(facts, SeriesFacts) for facts in found)
    json.dumps([facts_to_dict(facts) for facts in found])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=400).map("".join),
    st.one_of(st.none(), st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join)),
    st.one_of(st.none(), st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1),
                                      timezones=st.just(UTC))),
)
def test_cue_soup_is_deterministic(text: str, headline: str | None, published: datetime | None) -> None:
    first = extract(text, headline=headline, published=published)
    second = extract(text, headline=headline, published=published)
    assert first == second
    for facts in first:
        data = facts_to_dict(facts)
        json.dumps(data)
        assert data["premiere_date"] is None or data["premiere_text"] is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=300).map("".join))
def test_index_agrees_with_plain_scans(text: str) -> None:
    cue_index = index()
    found = cue_index.run(text)
    for name, pattern in cue_index.patterns.items():
        assert [m.span() for m in found[name]] == [m.span() for m in pattern.finditer(text)], name


MEGABYTE = 1_000_000
HOSTILE = {
    "dots": "." * MEGABYTE,
    "open quotes": "“" * MEGABYTE,
    "straight quotes": '"' * MEGABYTE,
    "apostrophes": "'a" * (MEGABYTE // 2),
    "one word": "a" * MEGABYTE,
    "spaces and words": "A " * (MEGABYTE // 2),
    "parentheses": "(" * (MEGABYTE // 2) + ")" * (MEGABYTE // 2),
    "names": "Kim " * (MEGABYTE // 4),
    "hyphens": "Kim-" * (MEGABYTE // 4),
    "cue loop": "starring Kim Soo as " * (MEGABYTE // 20),
    "credit loop": "known for his roles in “X,” " * (MEGABYTE // 28),
    "commas": ", " * (MEGABYTE // 2),
    "relative clauses": ", who " * (MEGABYTE // 6),
    "dates": "January 1 " * (MEGABYTE // 10),
    "cjk": "「名探偵」第3話 放送開始 2025年4月" * (MEGABYTE // 25),
    "mixed article": "Netflix announced “Soul Mate,” starring Park Bo-gum as Kim. " * (MEGABYTE // 60),
    "newlines": "\n" * MEGABYTE,
    "emoji": "🎬" * MEGABYTE,
    "glued words": "SafeHarbor Harbor " * (MEGABYTE // 18),
    "possessive runs": "Kim-Lee’s new drama series that " * (MEGABYTE // 32),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_megabyte_inputs_finish_quickly(name: str) -> None:
    text = HOSTILE[name]
    start = time.perf_counter()
    found = extract(text, headline=text[:2000], published=PUBLISHED)
    elapsed = time.perf_counter() - start
    assert isinstance(found, list)
    # Typical runs take well under half a second; the bound leaves room for slow CI machines.
    assert elapsed < 5.0, f"{name} took {elapsed:.2f}s"
