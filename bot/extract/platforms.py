"""Find streamer and broadcaster names, tie them to the titles they air, and tell which one a text is news of."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.extract import lexicon

# "by US network Fox": a word naming the outlet's kind says the name is the outlet.
_AMBIGUOUS_BEFORE = re.compile(r"(?:\b(?:on|to|at|via|from|for|by|with|and|network|channel|broadcaster|streamer)\s+)$",
                               re.IGNORECASE)
_AMBIGUOUS_AFTER = re.compile(
    r"^(?:['’]s?\b|\s+(?:(?:also|officially|just)\s+)?(?:original|series|drama|show|has|have|will|is|orders|ordered"
    r"|renews|renewed|cancels|axes|announced|announces|unveiled|unveils|greenlit|greenlights|commissions"
    r"|commissioned|picked|picks|released|dropped|premieres|debuts)\b)",
    re.IGNORECASE,
)
# An ambiguous platform name followed by a surname is a person ("and Max Ortega"), not the platform.
_SURNAME_AFTER = re.compile(
    r"^\s+(?!(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August"
    r"|September|October|November|December|Originals?|Plus|Studios?|Channel|Network|Video|TV|Music|Store|Europe"
    r"|Asia|UK|US)\b)[A-Z][a-z][\w’'-]+\b(?!\s+(?:Original|series|drama|show)\b)"
)
_POSSESSIVE_LINK = re.compile(r"^['’]s?\s+(?:[\w-]+\s+){0,4}?$")
_AFTER_LINK = re.compile(
    r"^[,’'”\"]*\s*(?:\(|(?:,\s*)?(?:which|that)\s+(?:will\s+|is\s+set\s+to\s+)?(?:premieres?|airs?|streams?"
    r"|launch(?:es)?|debuts?|arrives?)\s+(?:\w+\s+){0,3}?|(?:will\s+|is\s+set\s+to\s+)?(?:premieres?|airs?"
    r"|streams?|launch(?:es)?|debuts?|arrives?)\s+|is\s+(?:coming|heading)\s+)?(?:on|to|via|exclusively\s+on"
    r"|only\s+on)\s+$|^\s*\($"
)

# "Netflix handed X a straight-to-series order", "Amazon gave X a two-season order".
_GIVER_LINK = re.compile(r"^\s+(?:(?:has|had|have)\s+)?(?:gave|given|gives|handed|hands)\s+$", re.IGNORECASE)
_ORDER_AFTER = re.compile(r"^[’'”\"]*\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:order|renewal|pickup|pick-up)\b",
                          re.IGNORECASE)


# A broadcaster's producing arm ("Northland Drama Productions", "STV's Two Cities Television", "ITV Studios") makes
# shows for others as well: it names the producer, not the outlet that airs the show.
_PRODUCER_AFTER = re.compile(
    r"(?:['’]s\s+(?:[A-Z][\w&-]*\s+){1,3}?(?:Television|Productions|Studios|Pictures|Films|Entertainment)\b"
    r"|\s+(?:Drama\s+|Television\s+|TV\s+)?(?:Studios?|Productions|Pictures)\b)"
)


# A platform named for a show the text compares with, or for its makers' earlier work ("in the vein of B's Z",
# "their former Comedy Central series", "the creators of B's Z") is not the outlet of the show in the news.
_COMPARISON_BEFORE = re.compile(
    r"(?:\b(?:in\s+the\s+(?:vein|style|mould|mold)\s+of|(?:à|a)\s+la|reminiscent\s+of|similar\s+to|akin\s+to"
    r"|(?:just\s+)?like)\s+(?:the\s+)?"
    r"|\b(?:former|previous|earlier|past|prior|old)\s+"
    r"|\b(?:makers|creators?|writers?|team|people|minds)\s+(?:behind|of)\s+"
    r"(?:(?!(?:new|upcoming|forthcoming)\b)[\w-]+\s+){0,4}?"
    r"|\bwho\s+(?:were|was)\s+behind\s+(?:[\w-]+\s+){0,5}?(?:for|on)\s+)$",
    re.IGNORECASE,
)


def _comparison(text: str, start: int) -> bool:
    return _COMPARISON_BEFORE.search(text[max(0, start - 60) : start]) is not None


@dataclass(frozen=True, slots=True)
class PlatformHit:
    """A platform named in the document."""

    start: int
    end: int
    name: str


def platform_hits(
    text: str, plain: Iterable[re.Match[str]], risky: Iterable[re.Match[str]]
) -> list[PlatformHit]:
    """Return platform matches as hits; ambiguous names count only in platform-like positions."""
    plain_table, risky_table = lexicon.platforms()[0].values, lexicon.platforms()[1].values
    found = [PlatformHit(m.start(), m.end(), plain_table[m.group()]) for m in plain
             if m.group() in plain_table and not _comparison(text, m.start())]
    # "Amazon" inside "Amazon Studios" is the same mention, not a second one.
    taken = {position for hit in found for position in range(hit.start, hit.end)}
    for match in risky:
        if match.start() in taken:
            continue
        before = text[max(0, match.start() - 12) : match.start()]
        after = text[match.end() : match.end() + 16]
        if (_SURNAME_AFTER.match(after) and not _AMBIGUOUS_AFTER.match(after)) or _comparison(text, match.start()):
            continue
        if match.group() in risky_table and (_AMBIGUOUS_BEFORE.search(before) or _AMBIGUOUS_AFTER.match(after)):
            found.append(PlatformHit(match.start(), match.end(), risky_table[match.group()]))
    found.sort(key=lambda h: h.start)
    # A producing arm stands for its broadcaster only where the text names no other outlet to air the show.
    producers = [hit for hit in found if _PRODUCER_AFTER.match(text, hit.end)]
    outlets = {hit.name for hit in found} - {hit.name for hit in producers}
    return [hit for hit in found if hit not in producers or not outlets or hit.name in outlets]


def find_platforms(text: str) -> list[PlatformHit]:
    """Return every platform named in text."""
    plain, risky, _ = lexicon.platforms()
    return platform_hits(text, plain.pattern.finditer(text), risky.pattern.finditer(text))


def linked(text: str, hit: PlatformHit, start: int, end: int) -> bool:
    """Tell whether a platform is tied to the title at text[start:end] ("tvN's X", "X on Netflix")."""
    if hit.end <= start <= hit.end + 40:
        between = text[hit.end : start].replace("“", "").replace("‘", "")
        return _POSSESSIVE_LINK.match(between) is not None or (
            _GIVER_LINK.match(between) is not None and _ORDER_AFTER.match(text[end : end + 60]) is not None)
    if end <= hit.start <= end + 60:
        return _AFTER_LINK.match(text[end : hit.start]) is not None
    return False


def country_of(name: str) -> str | None:
    """Return the country of a national broadcaster (None for global streamers)."""
    return lexicon.platforms()[2][name].country if name in lexicon.platforms()[2] else None


def platform_country(name: str | None) -> str | None:
    """Return the country a national broadcaster stands for."""
    return country_of(name) if name else None


def tv_only(name: str) -> bool:
    """Tell whether a platform airs only series."""
    table = lexicon.platforms()[2]
    return name in table and table[name].tv_only


def _leader(counts: Counter[str]) -> str | None:
    ranked = counts.most_common(2)
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]) else None


def dominant(counts: Counter[str]) -> str | None:
    """Return the platform the text names most, if one dominates. A broadcaster that dominates, alone or with its
    channels, stands for the channel the text names ("The BBC has ordered ... for BBC One" is BBC One news)."""
    table = lexicon.platforms()[2]
    parents = {name: (table[name].parent if name in table else None) or name for name in counts}
    leader = _leader(counts)
    if leader is None:
        families: Counter[str] = Counter()
        for name, count in counts.items():
            families[parents[name]] += count
        family = _leader(families)
    elif parents[leader] == leader:
        family = leader
    else:
        return leader
    channels = [(n, name) for name, n in counts.items() if name != family and parents[name] == family]
    return max(channels, key=lambda item: item[0])[1] if channels else leader
