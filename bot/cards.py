"""Words every card uses, whatever the platform: status names, the season, and what kind of news a card is."""

from __future__ import annotations

from bot.model import Announcement, Event, Series, Status

STATUS_TEXT = {
    Status.ANNOUNCED: "Announced", Status.IN_PRODUCTION: "In production", Status.TRAILER: "Trailer out",
    Status.PREMIERE_DATE: "Premiere date set", Status.PREMIERED: "Premiered", Status.RENEWED: "Renewed",
    Status.CANCELLED: "Cancelled",
}


def status_text(status: Status) -> str:
    """Return a status as a card shows it."""
    return STATUS_TEXT.get(status, status.value)


def season_text(series: Series) -> str:
    """Return "Season 4", or '' when no season was reported."""
    return f"Season {series.season}" if series.season is not None else ""


def news_label(announcement: Announcement, *, update: str = "Series update") -> str:
    """Return what a card announces: a new series, a later season first heard of ("Season 4 · Renewed"), an update."""
    if announcement.event is Event.UPDATE:
        return update
    series = announcement.series
    if series.season is not None and series.season > 1:
        return f"{season_text(series)} · {status_text(series.status)}"
    return "New series"
