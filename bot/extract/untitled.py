"""Find untitled projects a text describes instead of naming ("a new animated series from X")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from bot.extract import lexicon
from bot.extract.entity import Entity
from bot.extract.text import Document
from bot.extract.titles import Mention, Role
from bot.names import person_key

_APPOSITION = re.compile(r"[’'”\")]*,?\s*(?:(?:is|was|will\s+be|as|becomes)\s+)?(?:now\s+|also\s+)?$")
_MAKES = re.compile(r"(?:creat|mak|order|commission|green)", re.IGNORECASE)
_NAMED_NEXT = re.compile(r"\b(?:titled|entitled|called|dubbed|named)\b", re.IGNORECASE)


def _sentence_of(starts: list[int], position: int) -> int:
    return max(bisect.bisect_right(starts, position) - 1, 0)


def find_described(doc: Document, described: Iterable[re.Match[str]], news: Iterable[re.Match[str]],
                   taken: list[Mention]) -> list[Mention]:
    """Return one mention per described project in a news sentence that names no title of its own.

    A series named in apposition ("X, a new drama from Y", "X is a drama about Y") or after the description in the
    same sentence is the project described; one named before it in another clause ("Along with a season of X, the
    network ordered a new drama from Y") is another series. When the next sentence
    names a series as news ("Their comedy, X, shoots in May", "Titled X, it ..."), or the headline names one
    and the description opens the body, the description is a first mention of that title. A phrase an
    "untitled ..." mention already covers is left to it.
    """
    starts = [s.start for s in doc.sentences]
    main: dict[int, list[Mention]] = {}
    for mention in sorted(taken, key=lambda m: m.start):
        if mention.title and mention.role is Role.MAIN:
            main.setdefault(mention.sentence, []).append(mention)
    # A project the text calls untitled is not the earlier credit named beside it ("an untitled drama from the
    # creators of X"); a project merely described may be the title the text goes on to give it.
    uncredited = {index: [m for m in found if m.frame != "credit"] for index, found in main.items()}
    uncredited = {index: found for index, found in uncredited.items() if found}
    news = list(news)
    covered = [(m.start, m.end) for m in taken if m.title is None]
    lead = next((s.index for s in doc.sentences if not s.headline), -1)
    types = lexicon.types()
    found: list[Mention] = []
    for match in described:
        sentence = _sentence_of(starts, match.start())
        titled = uncredited if "untitled" in match.group().casefold() else main
        if _describes_a_title(doc, match, titled.get(sentence, [])) or not _news_besides(doc, sentence, match, news):
            continue
        if any(a < match.end() and match.start() < b for a, b in covered):
            continue
        title = _named_next(doc, sentence, titled)
        if doc.headline_end > 0 and 0 in titled:
            if sentence != lead:
                continue
            title = titled[0][0]
        kinds = [hit.value for hit in types.find(match.group())]
        kind = next((k for k in reversed(kinds) if k != "series"), "series")
        mention = Mention(match.start(), match.end(), None, sentence, "", kind=kind, source="described")
        if title is not None:
            mention.title, mention.key, mention.frame = title.title, title.key, "type"
        found.append(mention)
    return found


def _describes_a_title(doc: Document, match: re.Match[str], titled: list[Mention]) -> bool:
    """Tell whether a title of the sentence is the project the description describes (see find_described)."""
    return any(mention.start >= match.start() or _APPOSITION.match(doc.text, mention.end, match.start())
               for mention in titled)


def _news_besides(doc: Document, sentence: int, match: re.Match[str], news: list[re.Match[str]]) -> bool:
    """Tell whether the sentence says news besides the description's own "new" ("a new series" is a cue)."""
    span = doc.sentences[sentence]
    if _MAKES.match(match.group()):
        return True  # "to create a new anime": the making is the news
    return any(span.start <= cue.start() < span.end and not (
        match.start() <= cue.start() < match.end() and cue.group().casefold().startswith(("new", "upcoming")))
        for cue in news)


def _named_next(doc: Document, sentence: int, main: dict[int, list[Mention]]) -> Mention | None:
    """Return the title the next sentence gives the project ("Their comedy, X, shoots ...", "Titled X, ...")."""
    following = main.get(sentence + 1, [])
    framed = [m for m in following if m.frame in ("news", "type")]
    if framed:
        return framed[0]
    if following and _NAMED_NEXT.search(doc.sentence_text(doc.sentences[sentence + 1])):
        return following[0]
    return None


def fold_described(entities: list[Entity]) -> list[Entity]:
    """Drop a described project that shares a person with a titled series or an earlier described project.

    The text describes that series again ("ABC has ordered a drama starring X. The drama from Y starring X ...").
    Only full names count: a family name alone is shared by too many people.
    """
    full = {person_key(fact.name) for entity in entities if entity.title for fact in entity.people
            if " " in fact.name}
    kept: list[Entity] = []
    described: dict[str, Entity] = {}
    for entity in entities:
        if entity.title or not entity.described:
            kept.append(entity)
            continue
        keys = {person_key(fact.name) for fact in entity.people if " " in fact.name}
        if keys & full:
            continue
        earlier = next((described[key] for key in keys if key in described), None)
        if earlier is not None:
            earlier.absorb(entity)
            continue
        described.update(dict.fromkeys(keys, entity))
        kept.append(entity)
    return kept
