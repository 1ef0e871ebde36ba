"""The one index of every cue pattern, run once over each document."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from bot.extract import classify, credits, dates, lexicon, titles
from bot.extract.frames import before_patterns, described_projects
from bot.extract.scan import Index


@cache
def index() -> Index:
    """Return the index of every pattern the extractor matches over a whole document."""
    plain, risky, _ = lexicon.platforms()
    genre_matcher, _ = lexicon.genres()
    patterns = {
        **classify.patterns(),
        "platform": plain.pattern,
        "platform_risky": risky.pattern,
        "country": lexicon.gazetteer("countries", folded=False).pattern,
        "city": lexicon.gazetteer("cities", folded=False).pattern,
        "genre": genre_matcher.pattern,
        "date": dates.DATE,
        "untitled": titles.UNTITLED,
        "implicit": titles.IMPLICIT,
        "described": described_projects(),
        "film_words": classify.FILM_WORDS,
        "series_words": classify.SERIES_WORDS,
        **credits.patterns(),
        **{f"before_{name}": pattern for name, pattern in before_patterns().items()},
    }
    return Index(patterns)


@lru_cache(maxsize=4)
def matches(text: str) -> dict[str, list[re.Match[str]]]:
    """Return every cue match in text, by pattern name (one indexed scan, kept for the text's next reader)."""
    return index().run(text)


class Cues:
    """Every cue match in one document, by pattern name, and those of them that start in a stretch of it."""

    def __init__(self, text: str) -> None:
        self.found = matches(text)
        self._starts: dict[str, list[int]] = {}

    def within(self, name: str, start: int, end: int) -> list[re.Match[str]]:
        """Return the matches of one pattern that start in [start, end), in order."""
        found = self.found[name]
        if not found:
            return found
        starts = self._starts.get(name)
        if starts is None:
            starts = self._starts[name] = [match.start() for match in found]
        return found[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


@dataclass(frozen=True, slots=True)
class BeforeEnds:
    """Where, in one text, a phrase that can stand before a title ends, by kind of phrase."""

    news: frozenset[int]
    type: frozenset[int]
    weak: frozenset[int]
    person: frozenset[int]
    not_series: frozenset[int]
    credit: frozenset[int]
    dated: Mapping[int, int]

    def credit_at(self, start: int, year: int | None) -> bool:
        """Tell whether a credit phrase ends at start (a dated one only when its year is past)."""
        dated = self.dated.get(start)
        return start in self.credit or (dated is not None and (year is None or dated < year))


@lru_cache(maxsize=4)
def before_ends(text: str) -> BeforeEnds:
    """Return where each kind of before-title phrase ends in text."""
    found = matches(text)
    ends = {name: frozenset(match.end() for match in found[f"before_{name}"]) for name in before_patterns()}
    dated = {match.end(): int(match.group("year")) for match in found["before_dated"]}
    return BeforeEnds(ends["news"], ends["type"], ends["weak"], ends["person"], ends["not_series"], ends["credit"],
                      dated)
