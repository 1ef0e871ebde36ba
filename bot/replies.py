"""Platform-neutral command replies; each adapter renders them natively."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.lookup import Hit
from bot.model import Announcement, Listing, Series


@dataclass(frozen=True, slots=True)
class Message:
    """A plain answer: a confirmation or a clear refusal."""

    text: str
    ok: bool = True


@dataclass(frozen=True, slots=True)
class SeriesCard:
    """One series with its latest news."""

    series: Series
    news: tuple[Announcement, ...] = ()


@dataclass(frozen=True, slots=True)
class ListingCard:
    """A title the knowledge base does not know, answered from a show database (TVmaze, TMDB)."""

    text: str
    source: str
    listings: tuple[Listing, ...]


@dataclass(frozen=True, slots=True)
class Choices:
    """Several candidates: 'did you mean' or an ambiguous title."""

    text: str
    hits: tuple[Hit, ...]


@dataclass(frozen=True, slots=True)
class SeriesList:
    """A titled list of series (upcoming premieres)."""

    title: str
    series: tuple[Series, ...]
    empty_text: str = "Nothing to show."
    calendar_url: str | None = None


@dataclass(frozen=True, slots=True)
class NewsList:
    """A titled list of announcements (latest news)."""

    title: str
    announcements: tuple[Announcement, ...]
    empty_text: str = "Nothing to show."


@dataclass(frozen=True, slots=True)
class FeedRow:
    """One feed as an admin sees it."""

    id: int
    url: str
    label: str
    state: str
    destinations: tuple[str, ...]
    filters: str
    last_error: str | None
    next_check_at: datetime | None
    entries_seen: int


@dataclass(frozen=True, slots=True)
class FeedList:
    """The feeds a workspace (or the operator) has."""

    rows: tuple[FeedRow, ...]


@dataclass(frozen=True, slots=True)
class Preview:
    """What a feed would post now, without posting it."""

    feed_title: str
    url: str
    entries: int
    announcements: tuple[Announcement, ...]
    notes: tuple[str, ...] = field(default=())


Reply = Message | SeriesCard | ListingCard | Choices | SeriesList | NewsList | FeedList | Preview
