"""Decide whether a show database entry is the series the news is about, from evidence, never from a title alone."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from bot.model import Series, Status
from bot.names import fold, person_key, title_key

ACCEPT = 0.7
MARGIN = 0.1
TITLE_GATE = 0.88
_EXACT_TITLE = 0.55
_PLATFORM = 0.2
_PLATFORM_CLASH = -0.1
_COUNTRY = 0.1
_COUNTRY_CLASH = -0.2
_SAME_DATE = 0.2
_SAME_YEAR = 0.1
_OTHER_YEAR = -0.2
_OLD_SHOW = -0.25
_RECENT = 0.05
_PERSON = 0.15
_PEOPLE_MAX = 0.3
_LANGUAGE = 0.05
_ARTICLES = frozenset({"the", "a", "an"})
_NEW_SHOW = frozenset({Status.ANNOUNCED, Status.IN_PRODUCTION, Status.TRAILER, Status.PREMIERE_DATE})

# ISO 3166 codes the databases use, to the country names the extractor writes.
COUNTRY_CODES = {
    "KR": "South Korea", "JP": "Japan", "CN": "China", "TW": "Taiwan", "HK": "Hong Kong", "TH": "Thailand",
    "PH": "Philippines", "IN": "India", "US": "United States", "GB": "United Kingdom", "IE": "Ireland",
    "CA": "Canada", "AU": "Australia", "NZ": "New Zealand", "FR": "France", "DE": "Germany", "ES": "Spain",
    "IT": "Italy", "MX": "Mexico", "BR": "Brazil", "AR": "Argentina", "CO": "Colombia", "SE": "Sweden",
    "NO": "Norway", "DK": "Denmark", "FI": "Finland", "NL": "Netherlands", "BE": "Belgium", "PL": "Poland",
    "TR": "Turkey", "IL": "Israel", "ZA": "South Africa", "NG": "Nigeria", "ID": "Indonesia", "VN": "Vietnam",
    "MY": "Malaysia", "SG": "Singapore",
}  # fmt: skip
# ISO 639-1 codes (TMDB) to the language names TVmaze and the extractor write.
LANGUAGE_CODES = {
    "ko": "Korean", "ja": "Japanese", "zh": "Chinese", "cn": "Chinese", "th": "Thai", "en": "English",
    "es": "Spanish", "fr": "French", "de": "German", "it": "Italian", "pt": "Portuguese", "hi": "Hindi",
    "tl": "Tagalog", "tr": "Turkish", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "pl": "Polish",
    "id": "Indonesian", "vi": "Vietnamese", "ar": "Arabic", "he": "Hebrew", "nl": "Dutch", "fi": "Finnish",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Candidate:
    """One show database entry in the shape matching needs."""

    source: str
    id: int
    title: str
    aliases: tuple[str, ...] = ()
    premiered: date | None = None
    channels: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    language: str | None = None
    people: tuple[str, ...] = ()
    raw: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate with its score (0 to 1) and the evidence for and against it."""

    candidate: Candidate
    score: float
    evidence: tuple[str, ...]
    title_ok: bool


@dataclass(frozen=True, slots=True)
class Decision:
    """matched (best is the series), ambiguous (refused: two close candidates) or none."""

    state: str
    best: Scored | None
    ranked: tuple[Scored, ...]
    reason: str


@cache
def _platform_table() -> dict[str, tuple[str, str]]:
    """Return every platform spelling (folded) to its canonical name and home country."""
    text = (resources.files("bot") / "data" / "platforms.toml").read_text(encoding="utf-8")
    table: dict[str, tuple[str, str]] = {}
    for entry in tomllib.loads(text).get("platform", []):
        canonical = (entry["name"], entry.get("country", ""))
        for spelling in (entry["name"], *entry.get("aliases", ())):
            table.setdefault(fold(spelling).strip(), canonical)
    return table


def platform_key(name: str) -> str:
    """Return one key for every spelling of a platform ('Amazon Prime Video' and 'Prime Video')."""
    folded = fold(name).strip()
    found = _platform_table().get(folded)
    return fold(found[0]) if found else folded


def platform_country(name: str) -> str:
    """Return the country of a national broadcaster, or '' for global or unknown services."""
    found = _platform_table().get(fold(name).strip())
    return found[1] if found else ""


def _keys(titles: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    for text in titles:
        key = title_key(text)
        if not key:
            continue
        keys.add(key)
        first, _, rest = key.partition(" ")
        if first in _ARTICLES and rest:
            keys.add(rest)
    return keys


def title_similarity(ours: Iterable[str], theirs: Iterable[str]) -> tuple[float, str]:
    """Return the best similarity (1.0 exact) between two sets of titles, and the title it came from."""
    mine = _keys(ours)
    best, which = 0.0, ""
    for text in theirs:
        for key in _keys([text]):
            if key in mine:
                return 1.0, text
            compact = key.replace(" ", "")
            for own in mine:
                # Romanisations differ in spacing ("Soulmate", "Soul Mate") far more often than in letters.
                similarity = 0.97 if own.replace(" ", "") == compact else fuzz.ratio(own, key) / 100.0
                if similarity > best:
                    best, which = similarity, text
    return best, which


def series_countries(series: Series) -> set[str]:
    """Return the countries the news gives, or those its national broadcasters imply."""
    found = {fold(country) for country in series.countries}
    return found or {fold(c) for platform in series.platforms if (c := platform_country(platform))}


def score(series: Series, candidate: Candidate, *, today: date) -> Scored:
    """Weigh title, platform, country, dates and people; each point of evidence is written down."""
    evidence: list[str] = []
    similarity, their_title = title_similarity((t for t in (series.title, *series.aliases) if t),
                                               (candidate.title, *candidate.aliases))
    if similarity < TITLE_GATE:
        return Scored(candidate, 0.0, (f"title differs ({candidate.title})",), False)
    total = _EXACT_TITLE if similarity >= 1.0 else 0.45 * similarity
    evidence.append(f"title {'=' if similarity >= 1.0 else '≈'} {their_title}")

    ours = {platform_key(p) for p in series.platforms}
    theirs = {platform_key(c) for c in candidate.channels}
    if ours & theirs:
        total += _PLATFORM
        evidence.append("platform " + ", ".join(sorted(c for c in candidate.channels if platform_key(c) in ours)))
    elif ours and theirs:
        total += _PLATFORM_CLASH
        evidence.append("other platform " + ", ".join(candidate.channels))

    countries = series_countries(series)
    their_countries = {fold(c) for c in candidate.countries}
    if countries & their_countries:
        total += _COUNTRY
        evidence.append("country " + ", ".join(sorted(c for c in candidate.countries if fold(c) in countries)))
    elif countries and their_countries:
        total += _COUNTRY_CLASH
        evidence.append("other country " + ", ".join(candidate.countries))

    total += _dates(series, candidate, today, evidence)

    people = {_person(m.name) for m in series.cast} | {_person(c.name) for c in series.creators}
    shared = sorted(name for name in candidate.people if _person(name) in people - {""})
    if shared:
        total += min(_PEOPLE_MAX, _PERSON * len(shared))
        evidence.append("people " + ", ".join(shared[:4]))

    languages = {fold(lang) for lang in series.languages}
    if candidate.language and fold(candidate.language) in languages:
        total += _LANGUAGE
        evidence.append(f"language {candidate.language}")
    return Scored(candidate, round(max(0.0, min(1.0, total)), 3), tuple(evidence), True)


def _person(name: str) -> str:
    # The letters of the whole name, so 'Kim Min Jae', 'Kim Min-jae' and 'Minjae Kim' agree.
    return "".join(sorted(person_key(name).replace(" ", "")))


def _dates(series: Series, candidate: Candidate, today: date, evidence: list[str]) -> float:
    news, theirs = series.premiere_date, candidate.premiered
    if news is not None and theirs is not None:
        if news == theirs:
            evidence.append(f"premiere {theirs.isoformat()}")
            return _SAME_DATE
        if news.year == theirs.year:
            evidence.append(f"premiere year {theirs.year}")
            return _SAME_YEAR
        if abs(news.year - theirs.year) > 1:
            evidence.append(f"premiered {theirs.year}, news says {news.year}")
            return _OTHER_YEAR
        return 0.0
    seen = series.first_seen.date() if isinstance(series.first_seen, datetime) else today
    fresh = series.status in _NEW_SHOW and (series.season or 1) <= 1
    if theirs is not None and fresh and theirs.year < seen.year - 1:
        evidence.append(f"premiered {theirs.year}, long before this news")
        return _OLD_SHOW
    if fresh and (theirs is None or theirs.year >= seen.year - 1):
        evidence.append("not yet premiered" if theirs is None or theirs > seen else f"premiered {theirs.year}")
        return _RECENT
    return 0.0


def rank(series: Series, candidates: Sequence[Candidate], *, today: date) -> list[Scored]:
    """Return the candidates scored, best first; those whose title differs are left out."""
    scored = [score(series, candidate, today=today) for candidate in candidates]
    return sorted((s for s in scored if s.title_ok), key=lambda s: -s.score)


def decide(ranked: Sequence[Scored]) -> Decision:
    """Accept the best candidate only when its evidence is strong and no other comes close."""
    ranked = tuple(ranked)
    if not ranked:
        return Decision("none", None, ranked, "no candidate with this title")
    best = ranked[0]
    if best.score < ACCEPT:
        return Decision("none", None, ranked, f"best candidate {best.candidate.title} scored only {best.score:.2f}")
    runner = next((s for s in ranked[1:] if s.candidate.id != best.candidate.id), None)
    if runner is not None and runner.score >= ACCEPT - MARGIN and best.score - runner.score < MARGIN:
        return Decision("ambiguous", None, ranked, f"{best.candidate.title} ({best.score:.2f}) and "
                        f"{runner.candidate.title} ({runner.score:.2f}) are too close to choose")
    return Decision("matched", best, ranked, f"{best.candidate.title} scored {best.score:.2f}")
