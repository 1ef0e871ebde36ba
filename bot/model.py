"""The neutral data model shared by every stage and every platform adapter."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from operator import attrgetter
from typing import Any, TypeVar

_T = TypeVar("_T")


def _pickled_as_arguments(cls: type[_T]) -> type[_T]:
    """Pickle a frozen dataclass as its class and its field values, rebuilt by calling the class.

    The default for frozen dataclasses with slots looks up the field list for every object both ways; the worker
    pool sends tens of thousands of entries and facts a cycle, and this form takes a third less time for them.
    """
    names = [item.name for item in fields(cls)]  # type: ignore[arg-type]
    if len(names) < 2:
        raise TypeError("attrgetter gives a tuple for two names or more")
    values: Callable[[Any], Any] = attrgetter(*names)

    def reduce(self: _T) -> tuple[type[_T], tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = reduce  # type: ignore[assignment,method-assign]
    return cls


class Status(enum.StrEnum):
    """Where a series stands, from first word to last."""

    ANNOUNCED = "announced"
    IN_PRODUCTION = "in_production"
    TRAILER = "trailer"
    PREMIERE_DATE = "premiere_date"
    PREMIERED = "premiered"
    RENEWED = "renewed"
    CANCELLED = "cancelled"


class Kind(enum.StrEnum):
    """What sort of series it is."""

    DRAMA = "drama"
    COMEDY = "comedy"
    REALITY = "reality"
    ANIME = "anime"
    ANIMATION = "animation"
    DOCUMENTARY = "documentary"
    VARIETY = "variety"
    LIMITED = "limited series"


class Event(enum.StrEnum):
    """Whether an announcement introduces a series or updates a known one."""

    NEW = "new"
    UPDATE = "update"


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Entry:
    """One item of a feed, with its text already reduced to plain text."""

    feed_url: str
    identity: str
    title: str
    link: str | None = None
    summary: str = ""
    content: str = ""
    published: datetime | None = None
    image: str | None = None
    categories: tuple[str, ...] = ()
    author: str | None = None
    source_name: str | None = None


def first_of_each_identity(entries: Sequence[Entry]) -> dict[str, int]:
    """Return each identity among the entries with the index of its first entry, in feed order."""
    first: dict[str, int] = {}
    for index, entry in enumerate(entries):
        first.setdefault(entry.identity, index)
    return first


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class CastMember:
    """An actor, with the character they play when the text says."""

    name: str
    role: str | None = None


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Credit:
    """A person behind the series and their job (creator, director, writer, ...)."""

    name: str
    job: str

    @property
    def is_producer(self) -> bool:
        """Say whether the job is a producing one, which is kept but does not make its holder a creator."""
        return "producer" in self.job.casefold().replace("producer-director", "")


def creators_first(credits: Iterable[Credit]) -> tuple[Credit, ...]:
    """Return the credits with creators before producers, each group in its given order."""
    listed = tuple(credits)
    return tuple(c for c in listed if not c.is_producer) + tuple(c for c in listed if c.is_producer)


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class SeriesFacts:
    """What one piece of text says about one series."""

    title: str | None
    platform: str | None = None
    kind: Kind | None = None
    status: Status = Status.ANNOUNCED
    season: int | None = None
    premiere_date: date | None = None
    premiere_text: str | None = None
    cast: tuple[CastMember, ...] = ()
    creators: tuple[Credit, ...] = ()
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    based_on: str | None = None
    synopsis: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact was read."""

    url: str | None
    published: datetime | None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class ExternalIds:
    """The series' numbers in the show databases."""

    tvmaze: int | None = None
    tmdb: int | None = None
    imdb: str | None = None
    thetvdb: int | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    """A fact on which the news and a show database disagree, and which one is shown."""

    field: str
    news: str
    database: str
    kept: str


@dataclass(frozen=True, slots=True)
class Listing:
    """What TVmaze or TMDB list for a series, with the score and evidence of the match."""

    source: str
    title: str
    ids: ExternalIds = ExternalIds()
    url: str | None = None
    poster: str | None = None
    poster_original: str | None = None
    official_site: str | None = None
    network: str | None = None
    web_channel: str | None = None
    premiered: date | None = None
    genres: tuple[str, ...] = ()
    language: str | None = None
    status: str | None = None
    summary: str | None = None
    score: float = 0.0
    evidence: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    matched_at: datetime | None = None

    @property
    def channel(self) -> str | None:
        """Return the network, else the web channel."""
        return self.network or self.web_channel


@dataclass(frozen=True, slots=True)
class Series:
    """The knowledge base's merged record of one series."""

    title: str | None
    id: int | None = None
    aliases: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    kind: Kind | None = None
    status: Status = Status.ANNOUNCED
    season: int | None = None
    premiere_date: date | None = None
    premiere_text: str | None = None
    cast: tuple[CastMember, ...] = ()
    creators: tuple[Credit, ...] = ()
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    based_on: str | None = None
    synopsis: str | None = None
    image: str | None = None
    first_seen: datetime | None = None
    last_updated: datetime | None = None
    sources: tuple[Source, ...] = ()
    listing: Listing | None = None

    @property
    def display_title(self) -> str:
        """Return the title, or a description for an untitled project."""
        if self.title:
            return self.title
        if self.based_on:
            return f"Untitled series based on {self.based_on}"
        if self.cast:
            names = " and ".join(member.name for member in self.cast[:2])
            return f"Untitled series starring {names}"
        platform = self.platforms[0] + " " if self.platforms else ""
        return f"Untitled {platform}series"


ANNOUNCED_SUMMARY = 1000  # characters of its entry's summary an announcement keeps


@dataclass(frozen=True, slots=True)
class Announcement:
    """One post-worthy piece of news about one series."""

    series: Series
    event: Event
    headline: str
    source_url: str | None = None
    source_name: str | None = None
    published: datetime | None = None
    summary: str = ""
    image: str | None = None
    changes: tuple[str, ...] = field(default=())
    id: int | None = None
