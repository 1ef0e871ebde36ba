"""The one index of every cue pattern, run once over each document."""

from __future__ import annotations

import bisect
import re
from functools import cache

from bot.extract import classify, credits, dates, lexicon, titles
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
        **credits.patterns(),
    }
    return Index(patterns)


class Cues:
    """Every cue match in one document, by pattern name and by sentence."""

    def __init__(self, text: str) -> None:
        self.found = index().run(text)

    def by_sentence(self, starts: list[int]) -> list[dict[str, list[re.Match[str]]]]:
        """Return, for each sentence (given by its start offset), its matches by pattern name."""
        buckets: list[dict[str, list[re.Match[str]]]] = [{} for _ in starts]
        for name, matches in self.found.items():
            for match in matches:
                index = max(bisect.bisect_right(starts, match.start()) - 1, 0)
                buckets[index].setdefault(name, []).append(match)
        return buckets
