"""Give each platform a sentence names to the show it airs, and a paragraph's network to the shows it lists."""

from __future__ import annotations

import bisect
import re

from bot.extract.entity import Entity
from bot.extract.platforms import linked, tv_only
from bot.extract.reading import Owner, Reader
from bot.extract.titles import Mention, Role

# From a platform to the credit or source phrase of a title after it: "ITV and Amazon Studios' recent ".
_PAST_OWNER = re.compile(r"\b(?:former|previous|past|onetime|one-time)\s+$", re.IGNORECASE)
_CREDIT_GAP = re.compile(r"(?:\s*(?:,|and|&)\s*[A-Z][\w+.-]*(?:\s[A-Z][\w+.-]*){0,2})*['’]s?\s+(?:[\w-]+\s+){0,3}")


def sentence_platforms(reader: Reader, here: list[Mention], start: int, end: int, owner: Owner,
                       headline: bool) -> None:
    """Give each platform named in [start, end) to the title it is tied to, else to the owner of its position."""
    text = reader.doc.text
    for hit in reader.platforms:
        # "just like their former Comedy Central series": a network of an earlier show says nothing of this one.
        if not start <= hit.start < end or _PAST_OWNER.search(text, max(0, hit.start - 24), hit.start):
            continue
        tied = [m for m in here if linked(text, hit, m.start, m.end)]
        if tied:
            entity = reader.by_mention.get(id(tied[0]))
            if entity is not None and tied[0].role is Role.MAIN:
                entity.platforms[hit.name] += 3
                entity.series_votes += tv_only(hit.name)
                reader.news_platforms.append((hit.start, hit.name))
            continue
        if _credits_work(text, here, hit.end):
            continue
        reader.news_platforms.append((hit.start, hit.name))
        for found in _platform_owners(reader, here, hit.start, owner):
            found.platforms[hit.name] += 2 if headline else 1
            found.series_votes += tv_only(hit.name)


def paragraph_platforms(reader: Reader) -> None:
    """Give a show no platform is tied to the network its paragraph last named ("ABC: A retires, B ends")."""
    sentences = reader.doc.sentences
    starts = [sentence.start for sentence in sentences]
    for entity in reader.entities.values():
        if entity.platforms or entity.title is None:
            continue
        paragraph = sentences[bisect.bisect_right(starts, entity.first) - 1].paragraph
        before = [(position, name) for position, name in reader.news_platforms if position < entity.first
                  and sentences[bisect.bisect_right(starts, position) - 1].paragraph == paragraph]
        if before:
            entity.paragraph_platform = max(before)[1]


def _credits_work(text: str, here: list[Mention], position: int) -> bool:
    """Tell whether a platform names who made an earlier work the sentence credits, before any news title
    ("whose credits include ITV and Amazon's adaptation of X"): it says nothing of the show in the news."""
    for mention in here:
        if mention.end <= position:
            continue
        if mention.role is Role.MAIN:
            return False
        if mention.role is not Role.PAREN and mention.zone_start <= position:
            return True
        gap = text[position : mention.zone_start]
        return mention.role is not Role.PAREN and _CREDIT_GAP.fullmatch(gap) is not None
    return False


def _platform_owners(reader: Reader, here: list[Mention], position: int, owner: Owner) -> list[Entity]:
    """Return who a platform no title is tied to belongs to: the owner, or every project of a list of them.

    "A new X series, a Y drama and another Z show - all announced by P" names P for each described project.
    """
    found = owner(position)
    if found is None:
        return []
    projects = [reader.by_mention[id(m)] for m in here if id(m) in reader.by_mention]
    if found.described and len(projects) > 1 and all(p.described for p in projects) and all(
            m.end <= position for m in here if id(m) in reader.by_mention):
        return list({id(p): p for p in projects}.values())
    return [found]
