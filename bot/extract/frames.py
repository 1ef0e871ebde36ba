"""Compile the cue frames of data/cues.toml: the phrases that stand before or after a series title."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.extract import lexicon
from bot.extract.scan import ODD_CASE

_ORDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "sophomore": 2,
}
ORDINAL_WORDS = "|".join(sorted(_ORDINALS, key=len, reverse=True))
SEASON_AFTER = re.compile(
    r"(?:['’]s)?\s*[:,]?\s*(?:(?:Season|season|Part|part|Series)\s+(?P<n>\d{1,2}|" + ORDINAL_WORDS.title()
    + "|" + ORDINAL_WORDS + r")\b|(?P<o>\d{1,2})(?:st|nd|rd|th)\s+[Ss]eason\b)"
    + r"|['’]s\s+(?:\w+\s+)?(?P<w>" + ORDINAL_WORDS + r"|\d{1,2}(?:st|nd|rd|th))\s+season\b",
)
SEASON_BEFORE = re.compile(
    r"\b(?P<w>" + ORDINAL_WORDS + r"|\d{1,2}(?:st|nd|rd|th))\s+(?:and\s+final\s+)?(?:season|series)\s+(?:of|for)\s+"
    r"(?:(?:the|its|[a-z][\w-]*)\s+){0,3}$"
    r"|\b(?:season|series)\s+(?P<n>\d{1,2}|" + ORDINAL_WORDS + r")\s+of\s+$",
    re.IGNORECASE,
)
# Every match of SEASON_BEFORE holds one of these words (keep in step).
SEASON_BEFORE_WORDS = ("season", "series")
SEASON_RENEWED = re.compile(
    r"\b(?:renew(?:s|ed|al)?|return(?:s|ed)?|back)\b[^.;]{0,60}?\bfor\s+(?:a|its|the)?\s*(?P<w>" + ORDINAL_WORDS
    + r"|\d{1,2}(?:st|nd|rd|th))\s+(?:season|series)s?\b"
    r"|\b(?:a|the)\s+(?P<w2>" + ORDINAL_WORDS + r")\s+season\s+(?:has\s+been|was|is|will\s+be)\s+"
    r"(?:officially\s+)?(?:confirmed|ordered|announced|greenlit|commissioned)"
    r"|\b(?:renew(?:s|ed|al)?|return(?:s|ed)?)\b[^.;]{0,60}?\bfor\s+season\s+"
    r"(?P<n>\d{1,2}|" + ORDINAL_WORDS + r")\b",
    re.IGNORECASE,
)
# Every match of SEASON_RENEWED holds one of these words: a text without them is not searched (keep in step).
SEASON_RENEWED_WORDS = ("season", "series")


def season_before(text: str, start: int, end: int, lowered: str = "") -> re.Match[str] | None:
    """Return the SEASON_BEFORE phrase that ends at end, begun after start (lowered: lowered_text(text), if known).

    A stretch that holds neither word every such phrase holds, in any letter case, is not searched.
    """
    if lowered:
        held = any(lowered.find(word, start, end) >= 0 for word in SEASON_BEFORE_WORDS)
    else:
        stretch = text[start:end]
        folded = stretch.lower()
        held = any(letter in stretch for letter in ODD_CASE) or any(word in folded for word in SEASON_BEFORE_WORDS)
    return SEASON_BEFORE.search(text, start, end) if held else None


def season_number(match: re.Match[str]) -> int | None:
    """Return the season number a SEASON_* match names."""
    for group in ("n", "o", "w", "w2"):
        value = match.groupdict().get(group)
        if value:
            value = value.casefold()
            digits = re.match(r"\d+", value)
            number = int(digits.group()) if digits else _ORDINALS.get(value)
            return number if number and 0 < number < 60 else None
    return None


@dataclass(frozen=True, slots=True)
class Frames:
    """The compiled frame patterns and word tables of cues.toml."""

    before_news: re.Pattern[str]
    before_type: re.Pattern[str]
    before_weak: re.Pattern[str]
    before_person: re.Pattern[str]
    after_person: re.Pattern[str]
    credit_after: re.Pattern[str]
    credit_before: re.Pattern[str]
    dated_before: re.Pattern[str]
    adjective_after: re.Pattern[str]
    after_news: re.Pattern[str]
    after_type: re.Pattern[str]
    after_weak: re.Pattern[str]
    headline_stop: frozenset[str]
    headline_subject_verbs: frozenset[str]
    headline_series: re.Pattern[str]
    off_topic: re.Pattern[str]
    not_title: frozenset[str]
    leads: frozenset[str]
    title_particles: frozenset[str]
    compass: frozenset[str]
    title_adjectives: frozenset[str]
    speech: frozenset[str]
    head_blockers: frozenset[str]
    head_not_series: frozenset[str]
    tails: frozenset[str]
    org_tails: frozenset[str]
    staff_tails: frozenset[str]
    formats: frozenset[str]
    family: frozenset[str]
    honorifics: frozenset[str]
    ranks: frozenset[str]
    not_series_types: re.Pattern[str]


def _load() -> dict[str, object]:
    with resources.files("bot.data").joinpath("cues.toml").open("rb") as handle:
        return tomllib.load(handle)


def _words(section: object, key: str) -> list[str]:
    assert isinstance(section, dict)
    value = section.get(key, [])
    assert isinstance(value, list)
    return [str(v) for v in value]


def _alternation(words: list[str]) -> str:
    """Return an alternation that tries the longest word first, a space in a word standing for any whitespace."""
    if len({w.casefold() for w in words}) == len(set(words)):
        # As a trie it fails at the first letter that no word has there, not once per word; the words that can
        # match at one place are prefixes of each other, so it picks the one a longest-first list would.
        return "(?:" + lexicon.trie_pattern(words).replace(r"\ ", r"\s+") + ")"
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


def _expand(fragment: str, slots: dict[str, str]) -> str:
    return re.sub(r"\{([a-z][\w.]*)\}", lambda m: slots[m.group(1)], fragment)


def _slots(data: dict[str, object]) -> dict[str, str]:
    """Return what {verb.x}, {passive.x}, {type} and {platform} stand for in the cue phrases."""
    verbs = data["verbs"]
    assert isinstance(verbs, dict)
    plain, _, _ = lexicon.platforms()
    slots = {f"verb.{name}": f"(?:{form})" for name, form in verbs.items()}
    passive = data["passive"]
    assert isinstance(passive, dict)
    slots.update({f"passive.{name}": f"(?:{form})" for name, form in passive.items()})
    one_type = _alternation(_words(data["types"], "words"))
    slots["type"] = f"{one_type}(?:[\\s/-]+{one_type})*"
    slots["platform"] = f"(?-i:{plain.pattern.pattern})"
    return slots


@cache
def cue_sets() -> dict[str, tuple[str, str]]:
    """Return each [cues.x] and [status.x] table as (whole-word alternation, raw alternation) regex sources."""
    data = _load()
    slots = _slots(data)
    found: dict[str, tuple[str, str]] = {}
    for section in ("cues", "status"):
        tables = data[section]
        assert isinstance(tables, dict)
        for name, entry in tables.items():
            words = "|".join(_expand(word, slots) for word in _words(entry, "words"))
            found[f"{section}.{name}"] = (words, "|".join(_words(entry, "raw")))
    return found


@cache
def frames() -> Frames:
    """Return the frames of cues.toml, compiled once."""
    data = _load()
    slots = _slots(data)

    def joined(section: str, strength: str, anchor_end: bool) -> re.Pattern[str]:
        parts = [_expand(p, slots) for p in _words(data[section], strength)]
        body = "|".join(f"(?:{p})" for p in parts)
        return re.compile(f"(?:{body})", re.IGNORECASE)

    headline = data["headline"]
    names = data["name_parts"]
    not_title = data["not_title"]
    return Frames(
        before_news=joined("before", "news", True),
        before_type=joined("before", "type", True),
        before_weak=joined("before", "weak", True),
        before_person=joined("before", "person", True),
        after_person=joined("before", "person_after", False),
        credit_after=joined("before", "credit_after", False),
        credit_before=joined("before", "credit_before", True),
        dated_before=joined("before", "dated", True),
        adjective_after=re.compile(r"^\s+(?:[a-z][\w-]*\s+){1,2}" + slots["type"] + r"\b"),
        after_news=joined("after", "news", False),
        after_type=joined("after", "type", False),
        after_weak=joined("after", "weak", False),
        headline_stop=frozenset(w.casefold() for w in _words(headline, "stop")),
        headline_subject_verbs=frozenset(_words(headline, "subject_verbs")),
        headline_series=re.compile(
            r"\s*(?:['’]s\s+)?(?:\d{1,2}(?:st|nd|rd|th)\s+)?" + _alternation(
                _words(headline, "series_words") + _words(headline, "series_words_lowercase")) + r"\b"
        ),
        off_topic=re.compile(r"\b(?:" + "|".join(_words(data["off_topic"], "headline")) + r")\b", re.IGNORECASE),
        not_title=frozenset(_words(not_title, "words")),
        leads=frozenset(_words(not_title, "leads")),
        title_particles=frozenset(_words(not_title, "title_particles")),
        compass=frozenset(_words(not_title, "compass")),
        title_adjectives=frozenset(_words(not_title, "title_adjectives")),
        speech=frozenset(_words(not_title, "speech")),
        head_blockers=frozenset(_words(not_title, "head_blockers")),
        head_not_series=frozenset(_words(not_title, "head_not_series")),
        tails=frozenset(_words(not_title, "tails")),
        org_tails=frozenset(_words(not_title, "org_tails")),
        staff_tails=frozenset(_words(not_title, "staff_tails")),
        formats=frozenset(_words(not_title, "formats")),
        family=frozenset(_words(names, "family")),
        honorifics=frozenset(_words(names, "honorifics")),
        ranks=frozenset(_words(names, "ranks")),
        not_series_types=re.compile(
            r"\b" + _alternation(_words(data["types"], "not_series")) + r"(?:\s*,\s*|\s+(?:called|titled)\s+|\s+)",
            re.IGNORECASE,
        ),
    )


@cache
def shape_words() -> dict[str, tuple[str, ...]]:
    """Return the [shapes] word lists of cues.toml by name: the words of the headline and list shapes."""
    shapes = _load()["shapes"]
    assert isinstance(shapes, dict)
    return {name: tuple(_words(shapes, name)) for name in shapes}


def shape_alternation(*names: str) -> str:
    """Return the [shapes] lists named, joined in order as one regex alternation (no group)."""
    words = shape_words()
    return "|".join(word for name in names for word in words[name])


def before_patterns() -> dict[str, re.Pattern[str]]:
    """Return the before-title phrase patterns by kind, for the document's one indexed scan."""
    table = frames()
    return {"news": table.before_news, "type": table.before_type, "weak": table.before_weak,
            "person": table.before_person, "not_series": table.not_series_types, "credit": table.credit_before,
            "dated": table.dated_before}


# Words that may describe a project between its article and its noun ("a new animated series"); function words,
# which would let the phrase run on from another noun ("a role in the series"), may not.
# A describing word may stand in quotes ("a new untitled “psychological thriller” drama").
_DESCRIBING = (r"(?:[“\"]?(?!(?:in|of|on|at|to|for|with|and|or|the|a|an|his|her|their|its|from|by|that|who|which|is|was"
               r"|new)\b)[\w’'-]{1,25}[”\"]?\s+){0,3}?")


@cache
def described_projects() -> re.Pattern[str]:
    """Return the pattern of the [untitled] phrases that describe a project instead of naming it."""
    data = _load()
    slots = _slots(data)
    slots["noun"] = _alternation(_words(data["untitled"], "nouns"))
    slots["describing"] = _DESCRIBING
    body = "|".join(f"(?:{_expand(p, slots)})" for p in _words(data["untitled"], "described"))
    return re.compile(body, re.IGNORECASE)
