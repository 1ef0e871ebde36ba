"""Cue words: is a sentence news, a recap or about a film; status, kind, genres and places."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from bot.extract import lexicon
from bot.extract.frames import cue_sets, frames, shape_alternation
from bot.extract.scan import Index, may_hold
from bot.model import Status

LISTICLE = re.compile(r"^(?:\d+|five|six|seven|eight|nine|ten|top\s+\d+)\s+\w", re.IGNORECASE)
# A title that opens with a number ("3 Percent Renewed For Season 2", "9-1-1 Sets Premiere Date") is no list: its
# capitalised run goes straight on to the news verb, with no counted plural noun ("5 Shows That ...") before it.
_NUMBERED_TITLE_NEWS = re.compile(
    r"^\d[\d-]*\s+(?:(?!(?:Shows|Series|Dramas|Comedies|Movies|Films|Things|Titles|Sitcoms|Anime|Programs|Programmes"
    r"|Seasons|Episodes|Ways|Times|Best|Top|New|Most|Of)\b)[A-Z][\w’'-]*\s+){1,4}(?:Renewed|Renews|Canceled|Cancelled"
    r"|Axed|Ending|Ends|Sets|Gets|Lands|Returns|Premieres|Season\s+\d)\b"
)


@cache
def _opinion_list() -> re.Pattern[str]:
    """A counted list of shows that deserve or never got something is opinion, even where its count reads as a slate
    ("5 New TV Shows That Deserve a Season 2"); a list of new shows to watch this month is a slate of premieres."""
    return re.compile(
        r"^(?:\d+|five|six|seven|eight|nine|ten)\s+(?:[\w’'-]+\s+){0,3}?(?:"
        + shape_alternation("several_shows", "several_same")
        + r")\s+(?:that|which)\s+(?:deserve[sd]?|should|need|must|could|would|never|were"
        r"|got|ended|didn['’]t|did\s+not|weren['’]t)\b",
        re.IGNORECASE)


def opinion_list(head: str) -> bool:
    """Tell whether a numbered headline lists shows to watch or wish for, not shows a network ordered."""
    return bool(_opinion_list().match(head))


def listicle(head: str) -> bool:
    """Tell whether a headline counts things ("10 Shows To Watch"), not a title that starts with a number."""
    return bool(LISTICLE.match(head)) and not _NUMBERED_TITLE_NEWS.match(head)


# A ranking of a year's or all time's shows, or a lament for cancelled ones, looks back: none of its shows is news,
# however many it counts ("20 Best Shows of 2017", "Gone Too Soon: Shows That Should Never Have Been Cancelled").
RETROSPECTIVE = re.compile(
    r"\b(?:best|greatest|favou?rite|top(?:\s+\d+)?|most\s+underrated|must-watch)\b(?:\s+[\w&'’-]+){0,4}?\s+(?:tv\s+)?"
    r"(?:shows|series|dramas|k-dramas|sitcoms|anime|seasons)\s+(?:of\s+(?:(?:19|20)\d\d|all\s+time|the\s+(?:year|decade)"
    r"|this\s+(?:year|decade))|ever)\b|\b(?:should\s+never\s+have\s+been|gone\s+too\s+soon)\b",
    re.IGNORECASE,
)


# The verdict a critic gives one work of a round-up: a letter grade ending its paragraph ("... soap opera. B+"), a
# labelled grade or score ("Pilot Grade: C-", "Rating: 3 out of 5") or a row of stars.
# The letter grade is found from the grade itself (a capital A-F, which the engine skips to), and the sentence end
# before it is checked there: read from the sentence's last letter, every lower-case letter would be a start.
_LINE_GRADE = re.compile(r"[A-F](?<=\s[A-F])[+-]?[ \t]*$", re.MULTILINE)
_SENTENCE_END = re.compile(r"[a-z][.!?)”\"’']")
_LABELLED_VERDICT = re.compile(
    r"\b(?:pilot\s+|episode\s+|our\s+)?(?:grade|rating|verdict|score)\s*:\s*"
    r"(?:[A-F][+-]?(?![\w+-])|\d(?:\.\d)?\s*(?:/|out\s+of)\s*(?:4|5|10)\b)|[★☆]{3,}",
    re.IGNORECASE,
)


def _may_be_labelled(text: str) -> bool:
    """Tell whether text may hold a labelled verdict: its label word (where case folding can tell) or stars."""
    if "★" in text or "☆" in text:
        return True
    return ":" in text and may_hold(text, ("grade", "rating", "verdict", "score"))


def review_roundup(text: str) -> bool:
    """Tell whether a text grades several works in turn: a critic's round-up, not news of a series."""
    spans = []
    for grade in _LINE_GRADE.finditer(text):
        before = grade.start() - 1
        while before > 0 and text[before - 1].isspace():
            before -= 1
        if _SENTENCE_END.match(text, before - 2, before) is not None:
            spans.append((before - 2, 0, grade.end()))
    if _may_be_labelled(text):
        spans.extend((found.start(), 1, found.end()) for found in _LABELLED_VERDICT.finditer(text))
    # Counted as one scan for either kind would count them: a verdict overlapping an earlier one is part of it.
    found, end = 0, -1
    for start, _, stop in sorted(spans):
        if start >= end:
            found, end = found + 1, stop
    return found >= 2


COREFERENCE = re.compile(
    r"\b(?P<type>series|drama|k-drama|show|anime|reality\s+show|sitcom|docuseries|comedy|miniseries|limited\s+series"
    r"|project|season|film|movie|feature)\b",
    re.IGNORECASE,
)
COREFERENCE_LEAD = re.compile(r"\b(?:the|this|that|its|new|both|all|these)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_LOCATION_CUE = re.compile(
    r"\b(?:set\s+(?:in|across|against|between)|backdrops?\s+of|film(?:ed|ing)\s+(?:in|on\s+location\s+in|across)"
    r"|shot\s+(?:in|on\s+location\s+in)|shooting\s+in|(?:takes?|taking)\s+place\s+in|located\s+in|on\s+location"
    r"|across|cities)\b",
    re.IGNORECASE,
)
_LANGUAGE = re.compile(r"\b(?P<lang>[A-Z][a-z]{2,12})-language\b")
# Counted over the whole text: more film words than series words make it a film article.
FILM_WORDS = re.compile(r"\b(?:films?|movies?|theat(?:er|re)s?|cinemas?|box\s+office|blockbusters?|feature)\b", re.I)
SERIES_WORDS = re.compile(
    r"\b(?:series|seasons?|episodes?|(?:the|a|this|new|tv|hit)\s+shows?|dramas?|k-dramas?|sitcoms?|anime|docuseries"
    r"|miniseries|streaming)\b", re.I
)
KIND_PRIORITY = ("reality", "anime", "animation", "documentary", "variety", "limited series", "comedy", "drama")
SCRIPTED_GENRES = frozenset([
    "thriller", "crime", "romance", "mystery", "medical", "legal", "historical", "melodrama", "horror", "fantasy",
    "boys' love", "revenge", "wuxia",
])
# The status tables in the order their cues are tried, so that a phrase two could claim goes to the first.
# "sequel" (a later season named without a renewal verb) stands for RENEWED unless a trailer outranks it.
_STATUS_TABLES = (("cancelled", Status.CANCELLED), ("renewed", Status.RENEWED), ("sequel", Status.RENEWED),
                  ("premiered", Status.PREMIERED), ("trailer", Status.TRAILER), ("in_production", Status.IN_PRODUCTION))
_SEQUEL_GROUPS = frozenset(f"{kind}{index}" for index, (name, _) in enumerate(_STATUS_TABLES) if name == "sequel"
                           for kind in "sc")


@cache
def cue(name: str) -> re.Pattern[str]:
    """Return the compiled [cues.name] table of cues.toml (whole words, then unspaced-script phrases)."""
    words, raw = cue_sets()[f"cues.{name}"]
    parts = ([rf"\b(?:{words})\b"] if words else []) + ([raw] if raw else [])
    return re.compile("|".join(parts), re.IGNORECASE)


def _table(name: str) -> re.Pattern[str]:
    return frames().off_topic if name == "off_topic" else cue(name)


@cache
def _index(names: tuple[str, ...]) -> Index:
    return Index({name: _table(name) for name in names})


def found_in(text: str, names: tuple[str, ...]) -> frozenset[str]:
    """Return which of the named cue tables ("off_topic": the off-topic headline phrases) match in text.

    One indexed scan answers for all of them, as a search with each would.
    """
    return frozenset(name for name, matched in _index(names).run(text).items() if matched)


@cache
def _status_pattern() -> tuple[re.Pattern[str], dict[str, Status]]:
    """Join the status tables into one pattern, unspaced-script phrases in groups of their own after the rest."""
    groups: list[str] = []
    eastern: list[str] = []
    names: dict[str, Status] = {}
    for index, (table, status) in enumerate(_STATUS_TABLES):
        words, raw = cue_sets()[f"status.{table}"]
        groups.append(rf"(?P<s{index}>\b(?:{words})\b)")
        names[f"s{index}"] = status
        if raw:
            eastern.append(f"(?P<c{index}>{raw})")
            names[f"c{index}"] = status
    return re.compile("|".join(groups + eastern), re.IGNORECASE), names


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    """Return the sentence cue patterns the document index runs, by name."""
    return {
        "news": cue("news"), "strong": cue("strong"), "recap": cue("recap"), "awards": cue("awards"),
        "film": cue("film"), "synopsis": cue("synopsis"), "coref": COREFERENCE, "status": _status_pattern()[0],
        "location": _LOCATION_CUE, "language": _LANGUAGE,
    }


_QUESTION_END = re.compile(r"[^.!:;?]{0,40}\?")


def rumour_question(headline: str) -> bool:
    """Tell whether a headline asks about a celebrity's private life ("A and B Engaged?", "Is A Dating B?")."""
    # Only a question mark ends such a question: a headline without one is not searched.
    return "?" in headline and any(
        _QUESTION_END.match(headline, found.end()) for found in cue("rumour").finditer(headline))


def status_of(match: re.Match[str]) -> Status:
    """Return the status a match of the status pattern stands for."""
    return _status_pattern()[1][match.lastgroup or "s0"]


def is_sequel(match: re.Match[str]) -> bool:
    """Tell whether a status match names a later season without saying it was renewed ("the second season of X")."""
    return match.lastgroup in _SEQUEL_GROUPS


def statuses(text: str) -> Iterator[tuple[int, Status]]:
    """Yield (position, status) for every status cue in text."""
    for match in _status_pattern()[0].finditer(text):
        yield match.start(), status_of(match)


def genres_of(match: re.Match[str]) -> tuple[str, ...]:
    """Return the genres a genre-word match stands for."""
    _, table = lexicon.genres()
    key = match.group()
    return table.get(key if key.isupper() else key.casefold(), ())


def language_of(match: re.Match[str]) -> str | None:
    """Return the language a "<Language>-language" match names."""
    return lexicon.gazetteer("languages", folded=False).values.get(match.group("lang"))
