"""Turn SeriesFacts into the JSON shape `seriesbot extract --json` prints."""

from __future__ import annotations

from bot.jsonform import shared_fields
from bot.model import SeriesFacts


def facts_to_dict(facts: SeriesFacts) -> dict[str, object]:
    """Return facts as plain JSON-ready data."""
    return {"title": facts.title, "platform": facts.platform, **shared_fields(facts)}
