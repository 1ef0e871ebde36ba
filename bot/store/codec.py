"""Turn model objects into JSON-ready dicts and back, for the database and the CLI."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.jsonform import shared_fields
from bot.model import (
    Announcement,
    CastMember,
    Conflict,
    Credit,
    Event,
    ExternalIds,
    Kind,
    Listing,
    Series,
    Source,
    Status,
    creators_first,
)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _datetime(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def series_to_dict(series: Series) -> dict[str, Any]:
    """Return the JSON form of a series (the shape `seriesbot series --json` prints)."""
    return {
        "id": series.id,
        "title": series.title,
        "display_title": series.display_title,
        "aliases": list(series.aliases),
        "platforms": list(series.platforms),
        "platform": series.platforms[0] if series.platforms else None,
        **shared_fields(series),
        "synopsis": series.synopsis,
        "image": series.image,
        "first_seen": _iso(series.first_seen),
        "last_updated": _iso(series.last_updated),
        "sources": [{"url": s.url, "published": _iso(s.published), "name": s.name} for s in series.sources],
        "listing": listing_to_dict(series.listing) if series.listing else None,
    }


def series_from_dict(data: dict[str, Any], series_id: int | None = None) -> Series:
    """Rebuild a series from its JSON form."""
    return Series(
        id=series_id if series_id is not None else data.get("id"),
        title=data.get("title"),
        aliases=tuple(data.get("aliases", ())),
        platforms=tuple(data.get("platforms", ())),
        kind=Kind(data["kind"]) if data.get("kind") else None,
        status=Status(data.get("status", Status.ANNOUNCED)),
        season=data.get("season"),
        premiere_date=_date(data.get("premiere_date")),
        premiere_text=data.get("premiere_text"),
        cast=tuple(CastMember(c["name"], c.get("role")) for c in data.get("cast", ())),
        creators=creators_first(
            Credit(c["name"], c["job"]) for key in ("creators", "producers") for c in data.get(key, ())
        ),
        countries=tuple(data.get("countries", ())),
        languages=tuple(data.get("languages", ())),
        genres=tuple(data.get("genres", ())),
        locations=tuple(data.get("locations", ())),
        based_on=data.get("based_on"),
        synopsis=data.get("synopsis"),
        image=data.get("image"),
        first_seen=_datetime(data.get("first_seen")),
        last_updated=_datetime(data.get("last_updated")),
        sources=tuple(
            Source(s.get("url"), _datetime(s.get("published")), s.get("name")) for s in data.get("sources", ())
        ),
        listing=listing_from_dict(data["listing"]) if data.get("listing") else None,
    )


def listing_to_dict(listing: Listing) -> dict[str, Any]:
    """Return the JSON form of what a show database lists for a series."""
    ids = listing.ids
    return {
        "source": listing.source,
        "title": listing.title,
        "ids": {"tvmaze": ids.tvmaze, "tmdb": ids.tmdb, "imdb": ids.imdb, "thetvdb": ids.thetvdb},
        "url": listing.url,
        "poster": listing.poster,
        "poster_original": listing.poster_original,
        "official_site": listing.official_site,
        "network": listing.network,
        "web_channel": listing.web_channel,
        "premiered": _iso(listing.premiered),
        "genres": list(listing.genres),
        "language": listing.language,
        "status": listing.status,
        "summary": listing.summary,
        "score": listing.score,
        "evidence": list(listing.evidence),
        "conflicts": [{"field": c.field, "news": c.news, "database": c.database, "kept": c.kept}
                      for c in listing.conflicts],
        "matched_at": _iso(listing.matched_at),
    }


def listing_from_dict(data: dict[str, Any]) -> Listing:
    """Rebuild a listing from its JSON form."""
    ids = data.get("ids") or {}
    return Listing(
        source=data.get("source", ""),
        title=data.get("title", ""),
        ids=ExternalIds(ids.get("tvmaze"), ids.get("tmdb"), ids.get("imdb"), ids.get("thetvdb")),
        url=data.get("url"),
        poster=data.get("poster"),
        poster_original=data.get("poster_original"),
        official_site=data.get("official_site"),
        network=data.get("network"),
        web_channel=data.get("web_channel"),
        premiered=_date(data.get("premiered")),
        genres=tuple(data.get("genres", ())),
        language=data.get("language"),
        status=data.get("status"),
        summary=data.get("summary"),
        score=float(data.get("score") or 0.0),
        evidence=tuple(data.get("evidence", ())),
        conflicts=tuple(Conflict(c["field"], c["news"], c["database"], c["kept"]) for c in data.get("conflicts", ())),
        matched_at=_datetime(data.get("matched_at")),
    )


def announcement_to_dict(announcement: Announcement) -> dict[str, Any]:
    """Return the JSON form of an announcement, with the series as it was then."""
    return {
        "id": announcement.id,
        "series": series_to_dict(announcement.series),
        "event": announcement.event.value,
        "changes": list(announcement.changes),
        "headline": announcement.headline,
        "source_url": announcement.source_url,
        "source_name": announcement.source_name,
        "published": _iso(announcement.published),
        "summary": announcement.summary,
        "image": announcement.image,
    }


def announcement_from_dict(data: dict[str, Any], announcement_id: int | None = None) -> Announcement:
    """Rebuild an announcement from its JSON form."""
    return Announcement(
        id=announcement_id if announcement_id is not None else data.get("id"),
        series=series_from_dict(data["series"]),
        event=Event(data["event"]),
        changes=tuple(data.get("changes", ())),
        headline=data.get("headline", ""),
        source_url=data.get("source_url"),
        source_name=data.get("source_name"),
        published=_datetime(data.get("published")),
        summary=data.get("summary", ""),
        image=data.get("image"),
    )
