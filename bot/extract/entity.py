"""What the text says about one series while it is being read, and blanked spans of text."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from bot.extract.dates import PremiereDate
from bot.extract.people import PersonFact
from bot.model import Status


@dataclass(slots=True)
class Entity:
    """Everything the text says about one series (titled or untitled)."""

    key: str
    title: str | None
    first: int
    kind_hint: str | None = None
    described: bool = False
    news: bool = False
    strong: bool = False
    recap: bool = False
    awards: bool = False
    series_votes: int = 0
    film_votes: int = 0
    called_film: bool = False
    other_votes: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    # "series" or "other" where the text names the kind right beside a mention ("the insert song X", "X, a drama").
    apposed: set[str] = field(default_factory=set)
    platforms: Counter[str] = field(default_factory=Counter)
    # The network the show's paragraph last named, for a show no platform is tied to; not evidence it is news.
    paragraph_platform: str | None = None
    statuses: list[Status] = field(default_factory=list)
    dates: list[PremiereDate] = field(default_factory=list)
    people: list[PersonFact] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    based_on: str | None = None
    self_source: bool = False
    synopsis: str | None = None
    sources: set[str] = field(default_factory=set)
    frames: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    in_headline: bool = False
    para_lead: bool = False
    opens_paragraph: bool = False
    season: int | None = None
    sequel: bool = False

    def absorb(self, other: Entity) -> None:
        """Take the people and platforms of another reading of the same series."""
        self.people.extend(other.people)
        self.platforms.update(other.platforms)


class Spans:
    """Sorted, merged spans of blanked text, asked whether a match touches them."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self.spans = merged
        self.starts = [start for start, _ in merged]

    def touches(self, start: int, end: int) -> bool:
        """Tell whether [start, end) overlaps a span."""
        index = bisect.bisect_right(self.starts, end - 1) - 1
        return index >= 0 and self.spans[index][1] > start


def add_unique(items: list[str], value: str) -> None:
    """Append value to items unless it is already there."""
    if value not in items:
        items.append(value)
