"""Decide which entities are announced series and turn them into SeriesFacts."""

from __future__ import annotations

from bot.extract import classify
from bot.extract.dates import PremiereDate
from bot.extract.entity import Entity
from bot.extract.people import PersonFact
from bot.extract.platforms import platform_country
from bot.model import CastMember, Credit, Kind, SeriesFacts, Status, creators_first
from bot.names import fold, person_key

# The order in which one report's news outranks another's: a date to come says more than a past premiere, and a
# trailer (which usually carries the date) is the bigger news of the two.
_LIFECYCLE = (Status.ANNOUNCED, Status.IN_PRODUCTION, Status.PREMIERED, Status.PREMIERE_DATE, Status.TRAILER,
              Status.RENEWED, Status.CANCELLED)


def _tokens(name: str) -> set[str]:
    folded = fold(name)
    return {part for part in folded.replace("-", " ").split()} | {part.replace("-", "") for part in folded.split()}


Names = dict[str, tuple[str, str] | None]


def resolve_names(facts: list[PersonFact]) -> Names:
    """Map each name read to (full name, person key); None drops a lone word that names no one."""
    full = list(dict.fromkeys(f.name for f in facts if " " in f.name))
    tokens = {name: _tokens(name) for name in full}
    keys = {name: person_key(name) for name in full}
    resolved: Names = {}
    for fact in facts:
        if fact.name in resolved:
            continue
        if " " in fact.name:
            resolved[fact.name] = (fact.name, keys[fact.name])
            continue
        word = fold(fact.name).replace("-", "")
        matches = {keys[name]: name for name in full if word in tokens[name]}
        if len(matches) == 1:
            key, name = next(iter(matches.items()))
            resolved[fact.name] = (name, key)
        elif fact.certain or any(ord(ch) > 0x2E80 for ch in fact.name):
            resolved[fact.name] = (fact.name, person_key(fact.name))
        else:
            resolved[fact.name] = None
    return resolved


def _cast(entity: Entity, names: Names) -> tuple[CastMember, ...]:
    order: list[str] = []
    chosen: dict[str, tuple[str, str | None]] = {}
    for fact in entity.people:
        resolved = names.get(fact.name)
        if fact.kind != "cast" or resolved is None:
            continue
        name, key = resolved
        if key not in chosen:
            order.append(key)
            chosen[key] = (name, fact.detail)
        elif chosen[key][1] is None and fact.detail:
            chosen[key] = (chosen[key][0], fact.detail)
    return tuple(CastMember(*chosen[key]) for key in order)


def _creators(entity: Entity, names: Names) -> tuple[Credit, ...]:
    seen: set[tuple[str, str]] = set()
    credits: list[Credit] = []
    for fact in entity.people:
        resolved = names.get(fact.name)
        if fact.kind != "creator" or resolved is None or not fact.detail:
            continue
        name, person = resolved
        key = (person, fact.detail)
        if key not in seen:
            seen.add(key)
            credits.append(Credit(name, fact.detail))
    return creators_first(credits)


def _kind(entity: Entity) -> Kind | None:
    if entity.kind_hint and entity.kind_hint in classify.KIND_PRIORITY:
        entity.kinds[entity.kind_hint] += 1
    ranked = sorted(
        (kind for kind in entity.kinds if kind in classify.KIND_PRIORITY),
        key=lambda k: (-entity.kinds[k], classify.KIND_PRIORITY.index(k)),
    )
    if ranked:
        return Kind(ranked[0])
    if any(genre in classify.SCRIPTED_GENRES for genre in entity.genres) or any(
        fact.kind == "cast" for fact in entity.people
    ):
        return Kind.DRAMA
    return None


def _premiere(entity: Entity) -> PremiereDate | None:
    upcoming = [d for d in entity.dates if not d.past]
    pool = upcoming or entity.dates
    exact = [d for d in pool if d.day is not None]
    chosen = exact or pool
    return chosen[0] if chosen else None


def _status(entity: Entity, premiere: PremiereDate | None) -> Status:
    found = list(entity.statuses)
    # A later season given a day to come is a return date for a season already made, unless a renewal verb says
    # more: "season 2 returns on May 3" is premiere-date news, "renewed for season 2" is a renewal.
    dated = premiere is not None and premiere.day is not None and not premiere.past
    if entity.sequel and Status.TRAILER not in found and not dated:
        found.append(Status.RENEWED)
    if premiere is not None and not (premiere.whole_year and not premiere.past):
        found.append(Status.PREMIERED if premiere.past else Status.PREMIERE_DATE)
    if Status.PREMIERED in found and premiere is not None and not premiere.past:
        found.remove(Status.PREMIERED)
    status = max(found, key=_LIFECYCLE.index, default=Status.ANNOUNCED)
    if status is Status.ANNOUNCED and entity.season is not None and entity.season >= 2:
        return Status.RENEWED
    return status


def to_facts(entity: Entity, names: Names, fallback_platform: str | None) -> SeriesFacts:
    """Return the SeriesFacts for one announced entity."""
    platform = None
    if entity.platforms:
        platform = max(entity.platforms.items(), key=lambda item: item[1])[0]
    platform = platform or entity.paragraph_platform or fallback_platform
    countries = list(entity.countries)
    home = platform_country(platform)
    if home and home not in countries:
        countries.append(home)
    premiere = _premiere(entity)
    status = _status(entity, premiere)
    if premiere is not None and premiere.past and status is not Status.PREMIERED:
        premiere = None
    return SeriesFacts(
        title=entity.title,
        platform=platform,
        kind=_kind(entity),
        status=status,
        premiere_date=premiere.day if premiere else None,
        premiere_text=premiere.text if premiere and premiere.day is None else None,
        cast=_cast(entity, names),
        creators=_creators(entity, names),
        countries=tuple(countries),
        languages=tuple(entity.languages),
        genres=tuple(entity.genres),
        locations=tuple(entity.locations),
        based_on=entity.based_on or (entity.title if entity.self_source else None),
        synopsis=entity.synopsis,
        season=entity.season,
    )
