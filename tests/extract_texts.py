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
