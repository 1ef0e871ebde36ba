"""Read creators that the by-phrases miss: "A and B are showrunners", "directors include A", "a drama from A"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from bot.extract import lexicon
from bot.extract.nameshape import PLAUSIBLE, STRONG, name_shape
from bot.extract.nametokens import Tokens
from bot.extract.people import PersonFact, names_backward, names_forward
from bot.extract.regex_starts import literal_starts
from bot.extract.scan import ODD_CASE

_SOURCE_WORDS = re.compile(r"\b(?:original|webtoon|web\s+novel|manga|novel|book|comic|source)\s+(?:[\w-]+\s+)?$",
                           re.IGNORECASE)
_NO_BY = r"(?!\bby\b)[^.;!?]"
_NO_CREDIT = r"(?!\b(?:by|written|directed|created|helmed|developed|showrunner|writer|director)\b)[^.;!?]"
# The author of the source: right after "based on ... by", or later in the list that phrase opens.
_BASED_ON_BY = re.compile(
    r"\b(?:based\s+on|adapted\s+from|adaptation\s+of)\b(?:" + _NO_BY + r"){0,100}\bby\s+"
    r"(?:(?:[a-z-]+\s+){0,2}|(?:" + _NO_CREDIT + r"){0,160})$",
    re.IGNORECASE,
)
_FROM = re.compile(
    r"\b[Ff]rom\s+(?:the\s+minds?\s+of\s+|(?:series\s+)?(?:creators?|showrunners?)\s+)?"
    r"(?!the\s+(?:producers?|makers|studio|team|creators?|writers?|directors?)\b)"
)
_FROM_LEAD = re.compile(
    r"(?:\b(?:series|drama|comedy|show|thriller|project|order|adaptation|docuseries|anime|sitcom|is|comes|come"
    r"|hails)\s+(?:[\w’'-]+\s+)?|\s{3,})$",
    re.IGNORECASE,
)
# "a new animated series by X": the one who makes it, as "a drama from X" says.
_SERIES_BY = re.compile(r"\b(?:series|drama|comedy|show|thriller|docuseries|anime|sitcom|miniseries)\s+by\s+",
                        re.IGNORECASE)
_CREATED_AND_STARS = re.compile(
    r"\b(?:created|co-created|written|directed)\s+by\s+and\s+(?:also\s+)?stars?\s+(?:in\s+)?", re.IGNORECASE
)
_PRODUCTION_FROM = re.compile(r"\b(?:produced|executive[- ]produced|animated|distributed)\b[^.]{0,40}$",
                              re.IGNORECASE)


@cache
def _job_plural() -> re.Pattern[str]:
    job = r"(?:" + lexicon.job_alternation() + r")"
    return re.compile(
        r"\b(?:(?P<verb>(?:is|are|was|were|will\s+be|as)\s+(?:also\s+)?(?:in\s+charge\s+of\s+)?(?:the\s+)?"
        r"(?:series['’]?\s+)?)"
        r"(?P<after>" + job + r"(?:s|(?:\s+and\s+|\s*,\s*)(?:co-)?" + job + r")*s?)\b"
        r"(?=\s*[,.]|\s+(?:on|of|for|and|with)\b)"
        r"|(?P<before>" + job + r")s\s+(?:include|includes|are|were)\s+)",
        re.IGNORECASE,
    )


def _jobs(words: str) -> list[str]:
    found: list[str] = []
    for part in re.split(r",\s*|\s+and\s+", words):
        job = lexicon.job_for(part.strip().rstrip("s")) or lexicon.job_for(part.strip())
        if job and job not in found:
            found.append(job)
    return found


@cache
def creator_patterns() -> dict[str, re.Pattern[str]]:
    """Return the cue patterns more_creators needs matched, by name."""
    return {"job_plural": _job_plural(), "created_and_stars": _CREATED_AND_STARS}


@cache
def _series_by_words() -> tuple[str, ...]:
    """Return the words a "series by" phrase starts with, lower-cased (the phrase is case-blind)."""
    starts = literal_starts(_SERIES_BY)
    if starts is None:
        raise ValueError("every \"series by\" phrase must open with a literal word")
    return tuple(starts)


def _phrase_matches(text: str) -> dict[str, list[re.Match[str]]]:
    """Return the matches of the "from" and "series by" phrases in text (as finditer gives them)."""
    # A scan of each over the whole text would try them at every character; they are tried where their first words
    # are, which str.find finds fast. No phrase holds the first word of another match: the same matches result.
    lowered = text.lower()
    if len(lowered) != len(text) or any(letter in text for letter in ODD_CASE):
        return {"from": list(_FROM.finditer(text)), "series_by": list(_SERIES_BY.finditer(text))}
    return {"from": _matches_at(_FROM, _places(text, ("from", "From")), text),
            "series_by": _matches_at(_SERIES_BY, _places(lowered, _series_by_words()), text)}


def _places(text: str, words: tuple[str, ...]) -> list[int]:
    """Return where any of the words occurs in text, in order."""
    found: list[int] = []
    for word in words:
        place = text.find(word)
        while place >= 0:
            found.append(place)
            place = text.find(word, place + len(word))
    return sorted(found)


def _matches_at(pattern: re.Pattern[str], places: list[int], text: str) -> list[re.Match[str]]:
    return [found for place in places if (found := pattern.match(text, place)) is not None]


def more_creators(text: str, cues: Mapping[str, list[re.Match[str]]], tokens: Tokens) -> list[PersonFact]:
    """Return creators named by copula, plural-job and "from" phrases (cues holds their matches)."""
    found: list[PersonFact] = []
    for match in cues["job_plural"]:
        if match.group("before"):
            for job in _jobs(match.group("before")):
                found.extend(names_forward(text, match.end(), "creator", job, limit=12, from_text=tokens, reach=400))
            continue
        for job in _jobs(match.group("after")):
            found.extend(names_backward(text, match.start(), "creator", job, tokens))
    for match in cues["created_and_stars"]:
        job = "creator" if "creat" in match.group().casefold() else "writer" if "writ" in match.group() else "director"
        for kind, detail in (("creator", job), ("cast", None)):
            found.extend(names_forward(text, match.end(), kind, detail, limit=4, from_text=tokens))
    phrases = _phrase_matches(text)
    for match in phrases["from"]:
        lead = _FROM_LEAD.search(text, max(0, match.start() - 40), match.start())
        if lead is None and not match.group().casefold().startswith(("from the", "from creator", "from series",
                                                                      "from showrunner")):
            continue
        if _PRODUCTION_FROM.search(text, max(0, match.start() - 60), match.start()):
            continue
        found.extend(_named_makers(names_forward(text, match.end(), "creator", "creator", limit=4, from_text=tokens)))
    for match in phrases["series_by"]:
        found.extend(_named_makers(names_forward(text, match.end(), "creator", "creator", limit=4, from_text=tokens)))
    return found


def _named_makers(names: list[PersonFact]) -> list[PersonFact]:
    """Keep the names of a "from A and B" list that are surely people: a well-formed name, or one listed beside it.

    "from" and "by" also name studios and sources, so a lone name must look like one; but a name joined to a sure
    one ("from Jo Marsh and Carlton Vey") is the same kind of thing, even when its given name is rare."""
    shapes = [name_shape(fact.name) for fact in names]
    floor = PLAUSIBLE if STRONG in shapes else STRONG
    return [fact for fact, shape in zip(names, shapes, strict=True) if shape >= floor]


def source_author(text: str, fact: PersonFact) -> bool:
    """Tell whether a creator fact names the author of the source work ("original webtoon writer X")."""
    if fact.detail not in ("writer", "creator"):
        return False
    return (_SOURCE_WORDS.search(text, max(0, fact.position - 40), fact.position) is not None
            or _BASED_ON_BY.search(text, max(0, fact.position - 280), fact.position) is not None)
