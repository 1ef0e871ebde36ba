"""Turn SeriesFacts into the JSON shape `seriesbot extract --json` prints."""

from __future__ import annotations

from bot.model import SeriesFacts


def facts_to_dict(facts: SeriesFacts) -> dict[str, object]:
    """Return facts as plain JSON-ready data."""
    return {
        "title": facts.title,
        "platform": facts.platform,
        "kind": facts.kind.value if facts.kind else None,
        "status": facts.status.value,
        "premiere_date": facts.premiere_date.isoformat() if facts.premiere_date else None,
        "premiere_text": facts.premiere_text,
        "cast": [{"name": member.name, "role": member.role} for member in facts.cast],
        "creators": [{"name": credit.name, "job": credit.job} for credit in facts.creators],
        "countries": list(facts.countries),
        "languages": list(facts.languages),
        "genres": list(facts.genres),
        "locations": list(facts.locations),
        "based_on": facts.based_on,
    }
