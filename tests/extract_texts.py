"""What the extractor tests on invented texts share: one publication date and the calls that read a text."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.extract import extract
from bot.model import SeriesFacts

PUBLISHED = datetime(2026, 4, 6, 9, 0, tzinfo=UTC)


def run(body: str, headline: str | None = None, published: datetime | None = PUBLISHED) -> list[SeriesFacts]:
    """Return the series the text announces, read as published on PUBLISHED unless told otherwise."""
    return extract(body, headline=headline, published=published)


def found(body: str, headline: str | None = None,
          published: datetime | None = PUBLISHED) -> dict[str | None, SeriesFacts]:
    """Return the series the text announces, by title."""
    return {facts.title: facts for facts in run(body, headline, published)}


def titles(body: str, headline: str | None = None, published: datetime | None = PUBLISHED) -> list[str | None]:
    """Return the titles of the series the text announces, in order."""
    return [facts.title for facts in run(body, headline, published)]


def cast_of(body: str, headline: str | None, title: str) -> list[str]:
    """Return the cast the text gives the series of that title."""
    return [person.name for person in found(body, headline)[title].cast]
