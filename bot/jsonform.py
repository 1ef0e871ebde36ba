"""The JSON form of the facts that SeriesFacts and Series share, for the CLI and the store alike."""

from __future__ import annotations

from bot.model import Series, SeriesFacts


def shared_fields(item: Series | SeriesFacts) -> dict[str, object]:
    """Return kind, status, dates, people, places, genres and source work as JSON-ready data.

    Producing credits go under "producers": they are kept, but a reader of "creators" must not count them.
    """
    return {
        "kind": item.kind.value if item.kind else None,
        "status": item.status.value,
        "season": item.season,
        "premiere_date": item.premiere_date.isoformat() if item.premiere_date else None,
        "premiere_text": item.premiere_text,
        "cast": [{"name": member.name, "role": member.role} for member in item.cast],
        "creators": [{"name": credit.name, "job": credit.job} for credit in item.creators if not credit.is_producer],
        "producers": [{"name": credit.name, "job": credit.job} for credit in item.creators if credit.is_producer],
        "countries": list(item.countries),
        "languages": list(item.languages),
        "genres": list(item.genres),
        "locations": list(item.locations),
        "based_on": item.based_on,
    }
