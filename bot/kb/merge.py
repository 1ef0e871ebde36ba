"""Fold what one article says about a series into the knowledge base's record of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from bot.model import CastMember, Credit, Event, Series, SeriesFacts, Source, Status, creators_first
from bot.names import fold, person_key, title_key

# Renewed and cancelled share the top rank: between the two, the newer article wins.
_RANK = {
    Status.ANNOUNCED: 0,
    Status.IN_PRODUCTION: 1,
    Status.TRAILER: 2,
    Status.PREMIERE_DATE: 3,
    Status.PREMIERED: 4,
    Status.RENEWED: 5,
    Status.CANCELLED: 5,
}
_STATUS_CHANGE = {
    Status.ANNOUNCED: "Status: announced",
    Status.IN_PRODUCTION: "Status: in production",
    Status.TRAILER: "Trailer released",
    Status.PREMIERE_DATE: "Premiere date announced",
    Status.PREMIERED: "Status: premiered",
    Status.RENEWED: "Status: renewed",
    Status.CANCELLED: "Status: cancelled",
}
_SEASON_STATUS = {
    Status.ANNOUNCED: "announced",
    Status.IN_PRODUCTION: "in production",
    Status.TRAILER: "trailer released",
    Status.PREMIERE_DATE: "premiere date set",
    Status.PREMIERED: "premiered",
    Status.RENEWED: "renewed",
    Status.CANCELLED: "cancelled",
}
# Spelled out rather than strftime("%B") so the text does not depend on the locale.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merged record, whether it is news, and what changed in words."""

    series: Series
    event: Event | None
    changes: tuple[str, ...]


def format_date(day: date) -> str:
    """Return a date as '14 March 2025'."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def new_series(facts: SeriesFacts, source: Source, image: str | None, now: datetime) -> Series:
    """Return a first record of a series built from one article."""
    cast, _ = _merge_cast((), facts.cast)
    return Series(
        title=facts.title or None,
        platforms=_union((), (facts.platform,) if facts.platform else ()),
        kind=facts.kind,
        status=facts.status,
        season=facts.season,
        premiere_date=facts.premiere_date,
        premiere_text=facts.premiere_text,
        cast=cast,
        creators=_merge_credits((), facts.creators),
        countries=_union((), facts.countries),
        languages=_union((), facts.languages),
        genres=_union((), facts.genres),
        locations=_union((), facts.locations),
        based_on=facts.based_on,
        synopsis=facts.synopsis,
        image=image,
        first_seen=now,
        last_updated=now,
        sources=(source,),
    )


def merge(existing: Series, facts: SeriesFacts, source: Source, image: str | None, now: datetime) -> MergeResult:
    """Fold one article's facts into a known series; the event is UPDATE only for material news."""
    newer = _not_older(source, existing.sources)
    changes: list[str] = []

    title, aliases = existing.title, existing.aliases
    if facts.title and not existing.title:
        title = facts.title
        changes.append(f"Title revealed: {facts.title}")
    elif facts.title and title_key(facts.title) not in _title_keys(existing):
        aliases = (*aliases, facts.title)

    season = max((n for n in (existing.season, facts.season) if n is not None), default=None)
    if _opens_season(existing, facts):
        status, premiere_date, premiere_text = facts.status, facts.premiere_date, facts.premiere_text
        changes.extend(_season_news(season, facts))
    elif facts.season is not None and existing.season is not None and facts.season < existing.season:
        # News of an earlier season says nothing about where the latest one stands.
        status, premiere_date, premiere_text = existing.status, existing.premiere_date, existing.premiere_text
    else:
        # In a later season the renewal that opened it comes first; a renewal naming no season is a new one.
        later = _later_season(season)
        status = _next_status(existing.status, facts.status, newer, _rank(existing.status, later),
                              _rank(facts.status, later and facts.season is not None))
        premiere_date, premiere_text, premiere_change = _premiere(existing, facts, newer, _premiere_label(season))
        if status != existing.status and not (status is Status.PREMIERE_DATE and premiere_change):
            renewal_of_unknown_season = status is Status.RENEWED and facts.season is None
            changes.append(_status_change(status, None if renewal_of_unknown_season else season))
        if premiere_change:
            changes.append(premiere_change)

    platforms = _union(existing.platforms, (facts.platform,) if facts.platform else ())
    changes.extend(f"Now on {platform}" for platform in platforms[len(existing.platforms) :])

    cast, added = _merge_cast(existing.cast, facts.cast)
    if added:
        changes.append("Cast added: " + ", ".join(added))

    merged = replace(
        existing,
        title=title,
        aliases=aliases,
        platforms=platforms,
        kind=existing.kind or facts.kind,
        status=status,
        season=season,
        premiere_date=premiere_date,
        premiere_text=premiere_text,
        cast=cast,
        creators=_merge_credits(existing.creators, facts.creators),
        countries=_union(existing.countries, facts.countries),
        languages=_union(existing.languages, facts.languages),
        genres=_union(existing.genres, facts.genres),
        locations=_union(existing.locations, facts.locations),
        based_on=existing.based_on or facts.based_on,
        synopsis=existing.synopsis or facts.synopsis,
        image=existing.image or image,
        first_seen=existing.first_seen or now,
        sources=_add_source(existing.sources, source),
    )
    if merged != existing:
        merged = replace(merged, last_updated=now)
    return MergeResult(merged, Event.UPDATE if changes else None, tuple(changes))


def matches(existing: Series, facts: SeriesFacts) -> float:
    """Return the confidence, 0 to 1, that the facts describe the existing series."""
    if existing.title and facts.title:
        new = title_key(facts.title)
        known = _title_keys(existing)
        if new in known:
            return 1.0
        compact = new.replace(" ", "")
        fuzzy = bool(compact) and any(key.replace(" ", "") == compact for key in known)
        return 0.85 if fuzzy and not _platform_clash(existing, facts) else 0.0
    if _platform_clash(existing, facts):
        return 0.0
    same_book = bool(_book_key(existing)) and _book_key(existing) == _book_key(facts)
    shared_cast = len(_cast_keys(existing.cast) & _cast_keys(facts.cast)) >= 2
    if existing.title or facts.title:
        return 0.7 if _same_platform(existing, facts) and (same_book or shared_cast) else 0.0
    return 0.9 if same_book else 0.8 if shared_cast else 0.0


def series_keys(item: Series | SeriesFacts) -> set[str]:
    """Return the lookup keys: title and alias keys, or for an untitled project its book and cast keys."""
    keys = {key for key in _title_keys(item) if key}
    return keys or _signal_keys(item)


def candidate_keys(facts: SeriesFacts) -> set[str]:
    """Return every key under which a record these facts might merge into could be stored."""
    return series_keys(facts) | _signal_keys(facts)


def _title_keys(item: Series | SeriesFacts) -> set[str]:
    aliases = item.aliases if isinstance(item, Series) else ()
    return {title_key(text) for text in (item.title, *aliases) if text}


def _signal_keys(item: Series | SeriesFacts) -> set[str]:
    keys: set[str] = set()
    if book := _book_key(item):
        keys.add(f"based_on:{book}")
    if cast := _cast_keys(item.cast):
        keys.add("cast:" + "|".join(sorted(cast)))
    return keys


def _book_key(item: Series | SeriesFacts) -> str:
    return title_key(item.based_on) if item.based_on else ""


def _cast_keys(cast: Iterable[CastMember]) -> set[str]:
    return {key for member in cast if (key := person_key(member.name))}


def _platform_keys(item: Series | SeriesFacts) -> set[str]:
    names = item.platforms if isinstance(item, Series) else (item.platform,) if item.platform else ()
    return {fold(name).strip() for name in names}


def _same_platform(a: Series | SeriesFacts, b: Series | SeriesFacts) -> bool:
    return bool(_platform_keys(a) & _platform_keys(b))


def _platform_clash(a: Series | SeriesFacts, b: Series | SeriesFacts) -> bool:
    return bool(_platform_keys(a)) and bool(_platform_keys(b)) and not _same_platform(a, b)


def _moment(when: datetime) -> datetime:
    # Feeds mix naive and aware timestamps; naive ones are taken as UTC so they compare.
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _not_older(source: Source, known: Iterable[Source]) -> bool:
    """Tell whether the source is at least as recent as everything already merged."""
    stamps = [_moment(old.published) for old in known if old.published]
    if source.published is None or not stamps:
        return True
    return _moment(source.published) >= max(stamps)


def _later_season(season: int | None) -> bool:
    return season is not None and season > 1


def _opens_season(existing: Series, facts: SeriesFacts) -> bool:
    """Tell whether the facts are the first news of a season after the one the record follows."""
    if facts.season is None or facts.status is Status.CANCELLED:
        return False
    return facts.season > (existing.season or 1)


def _rank(status: Status, opened_by_renewal: bool) -> int:
    return 0 if status is Status.RENEWED and opened_by_renewal else _RANK[status]


def _next_status(old: Status, new: Status, newer: bool, rank_old: int, rank_new: int) -> Status:
    if rank_new > rank_old or (rank_new == rank_old == _RANK[Status.CANCELLED] and new != old and newer):
        return new
    return old


def _status_change(status: Status, season: int | None) -> str:
    return f"Season {season} {_SEASON_STATUS[status]}" if _later_season(season) else _STATUS_CHANGE[status]


def _premiere_label(season: int | None) -> str:
    return f"Season {season} premiere" if _later_season(season) else "Premiere"


def _season_news(season: int | None, facts: SeriesFacts) -> list[str]:
    """Return what the first news of a later season says: how it stands, and its premiere when known."""
    label = _premiere_label(season)
    words = (facts.premiere_text or "").strip()
    premiere = ""
    if facts.premiere_date:
        premiere = f"{label} date set: {format_date(facts.premiere_date)}"
    elif words:
        premiere = f"{label}: {words}"
    if facts.status is Status.PREMIERE_DATE and premiere:
        return [premiere]
    return [_status_change(facts.status, season), *([premiere] if premiere else [])]


def _premiere(existing: Series, facts: SeriesFacts, newer: bool,
              label: str = "Premiere") -> tuple[date | None, str | None, str]:
    """Return the best premiere date and text, and the change in words or ''."""
    old, new = existing.premiere_date, facts.premiere_date
    if new is not None and old is None:
        return new, facts.premiere_text, f"{label} date set: {format_date(new)}"
    if new is not None and old is not None and new != old and newer:
        return new, facts.premiere_text, f"{label} date changed: {format_date(old)} → {format_date(new)}"
    text = (facts.premiere_text or "").strip()
    known = existing.premiere_text
    fresh = known is None or (newer and fold(text) != fold(known).strip())
    if old is None and new is None and text and fresh:
        return None, text, f"{label}: {text}"
    return old, existing.premiere_text, ""


def _union(old: tuple[str, ...], new: Iterable[str]) -> tuple[str, ...]:
    """Append the new values not already present, ignoring case; the first spelling stays."""
    seen = {fold(value).strip() for value in old}
    merged = list(old)
    for value in new:
        key = fold(value).strip()
        if key and key not in seen:
            seen.add(key)
            merged.append(value.strip())
    return tuple(merged)


def _merge_cast(old: tuple[CastMember, ...], new: Iterable[CastMember]) -> tuple[tuple[CastMember, ...], list[str]]:
    """Return the union of two casts and the display names of the people added."""
    members = list(old)
    where = {person_key(member.name): index for index, member in enumerate(members)}
    added: list[str] = []
    for member in new:
        key = person_key(member.name)
        if not key:
            continue
        index = where.get(key)
        if index is None:
            where[key] = len(members)
            members.append(member)
            added.append(member.name)
        elif members[index].role is None and member.role:
            members[index] = replace(members[index], role=member.role)
    return tuple(members), added


def _merge_credits(old: tuple[Credit, ...], new: Iterable[Credit]) -> tuple[Credit, ...]:
    """Return the union of credits: one row per person and job, in the first-seen spelling."""
    names = {person_key(credit.name): credit.name for credit in reversed(old)}
    seen = {(person_key(credit.name), fold(credit.job).strip()) for credit in old}
    credits = list(old)
    for credit in new:
        person, job = person_key(credit.name), fold(credit.job).strip()
        if person and (person, job) not in seen:
            seen.add((person, job))
            credits.append(Credit(names.setdefault(person, credit.name), credit.job))
    return creators_first(credits)


def _add_source(sources: tuple[Source, ...], source: Source) -> tuple[Source, ...]:
    if source.url is not None and any(old.url == source.url for old in sources):
        return sources
    return sources if source in sources else (*sources, source)
