"""Find list items: shows named one per line ("Title (Platform)", "Title – logline") or listed after a framed title."""

from __future__ import annotations

import re
from functools import cache

from bot.extract import lexicon
from bot.extract.frames import frames, shape_alternation
from bot.extract.nameshape import STRONG, name_shape
from bot.extract.runs import (
    LIST_SEPARATOR,
    RUN,
    overlaps,
    platform_word,
    plausible_title,
    season_after,
    sentence_at,
    starts_of,
    trim,
    unique,
)
from bot.extract.text import Document
from bot.extract.titles import Mention
from bot.names import title_key

# The lookahead after the title names the characters each ending can open with (it changes no match): the lazy
# title then goes on from a letter after one test, not one per ending.
_LIST_LINE = re.compile(
    r"^(?:[-•*]\s*)?(?P<title>[^\n]{2,80}?)(?=[\s(:.\-–—]|$)"
    r"\s*(?:\((?P<paren>[^)\n]{2,40})\)|\s?[–—-]\s|:\s|\.\s+(?=[A-Z])|$)")
_COMMA_WORDS = re.compile(r"[”’\"']?, ([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)")
# "Name — who will juggle ..." opens a line about a person, not a list item.
_PERSON_ASIDE = re.compile(r"(?:who|whose|he|she)\b")
# "Best Directing", "Outstanding Drama Series": a line of award categories.
_AWARD_CATEGORY = re.compile(r"(?:Best|Outstanding)\s")
_LIST_GOES_ON = re.compile(LIST_SEPARATOR + "[A-Z]")
_OWNED_LINE = re.compile(r"[A-Z][\w-]*['’]s(?: [A-Z][\w'’-]*| (?:of|the|and|in|to|a|an))+")
_LIST_PAREN = re.compile(r"\d|[\u3040-\u9fff]")
# A clause after the last item ("A, B and C, while ...") ends the list there: "B and C" are two items.
_CLAUSE_AFTER = re.compile(r",\s+(?:while|whereas|but|which|as|all|both|each|plus)\b")
_DASH_SUBTITLE = re.compile(r" [–—] (?=[A-Z\d])")
_LIST_GAP = re.compile(r"(?:\s*[<(（][^>)）\n]{1,30}[>)）])?" + LIST_SEPARATOR)


def chained_titles(doc: Document, found: list[Mention]) -> list[Mention]:
    """Return the runs listed right after a framed title ("X, Y and Z"): one candidate per listed show."""
    text = doc.text
    starts = starts_of(doc)
    spans = sorted((m.start, m.end) for m in found)
    items: list[Mention] = []
    for mention in found:
        if mention.title is None or (mention.frame is None and mention.source != "repeat"):
            continue
        limit = doc.sentences[mention.sentence].end
        position = mention.end
        # A listed show follows a list gap (", ", " and "): where none opens, no run is looked for.
        while position < limit and _LIST_GAP.match(text, position, limit):
            run = RUN.search(text, position, limit)
            if run is None or not _LIST_GAP.fullmatch(text[position : run.start()]):
                break
            merged = _comma_title(text, mention) if position == mention.end else None
            if merged is not None:
                mention.end, mention.title = merged
                mention.key = title_key(mention.title)
                position = mention.end
                continue
            start, end = trim(text, run.start(), run.end(), opening=False)
            if end <= start or _owned_item(text, run.start(), start) or _described_item(text, run.start(), start, end):
                break
            end = _dash_subtitled(text, end, limit)
            pieces = [(start, end)]
            joined = text.rfind(" and ", start, end)
            if joined < 0 and start < doc.headline_end and "," in text[position : run.start()]:
                # A title-case headline joins its last listed show with a capital "And" ("Cancels A, B And C").
                joined = text.rfind(" And ", start, end)
            if joined > start and (text[end : end + 1] != "," or _CLAUSE_AFTER.match(text, end)):
                pieces = [(start, joined), (joined + 5, end)]
            if any(stop - begin < 3 or overlaps(spans, begin, stop) for begin, stop in pieces):
                break
            if not all(plausible_title(text[begin:stop]) for begin, stop in pieces):
                # One odd item ("A, Jo Ax, B and C") is passed over where the list goes on after it.
                if _LIST_GAP.match(text, end, limit) is None:
                    break
                position = end
                continue
            titles = [text[begin:stop] for begin, stop in pieces]
            if _people_listed(mention.title, titles):
                mention.frame = "person"
                break
            items.extend(Mention(begin, stop, title, sentence_at(starts, begin), title_key(title), source="list",
                                 frame="weak", season=season_after(text, stop))
                         for (begin, stop), title in zip(pieces, titles, strict=True))
            position = end
    return unique(items)


def _dash_subtitled(text: str, end: int, limit: int) -> int:
    """Return the end of a listed title with its dashed subtitle ("A, B – The Return, C"), where the list goes on
    right after that subtitle; else end."""
    dash = _DASH_SUBTITLE.match(text, end, limit)
    subtitle = RUN.match(text, dash.end(), limit) if dash is not None else None
    if subtitle is None or _LIST_GAP.match(text, subtitle.end(), limit) is None:
        return end
    return subtitle.end()


def _owned_item(text: str, run_start: int, start: int) -> bool:
    """Tell whether trimming cut an owner other than a platform off a list item ("X's Y"): the rest is no title."""
    first = text[run_start:start].split(" ", 1)[0]
    return start > run_start and first.endswith(("’s", "'s")) and not platform_word(first)


@cache
def _type_next() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{shape_alternation('series')})\b", re.IGNORECASE)


def _described_item(text: str, run_start: int, start: int, end: int) -> bool:
    """Tell whether a listed run describes the show before it ("X, Prime Video's New Spy Series"): trimming cut an
    owner off it and a type word follows."""
    return start > run_start and text[run_start:start].rstrip().endswith(("’s", "'s")) and bool(
        _type_next().match(text, end))


def _people_listed(head: str, titles: list[str]) -> bool:
    """Tell whether a list goes on with personal names after one ("including Ana Ruiz, Ben Cole and ...")."""
    return name_shape(head) == STRONG and any(name_shape(title) == STRONG for title in titles)


def _comma_title(text: str, mention: Mention) -> tuple[int, str] | None:
    """Return the end and title of "A, B" when it is one title ("Dear, Stranger"): the text names it more than once."""
    following = _COMMA_WORDS.match(text, mention.end)
    if following is None or mention.title is None:
        return None
    whole = f"{mention.title}, {following.group(1)}"
    # A list goes on after its second item ("A, B and C", "A, B, C"); a title with a comma stands alone.
    places = [m.end() for m in re.finditer(re.escape(whole), text)]
    alone = [end for end in places if not _LIST_GOES_ON.match(text, end)]
    return (following.end(), whole) if len(places) >= 2 and alone else None


def list_titles(doc: Document, taken: list[Mention]) -> list[Mention]:
    """Return list lines that name one show each ("Title (Platform)", "Title – logline", a title on its own line)."""
    text = doc.text
    starts = starts_of(doc)
    spans = sorted((m.start, m.end) for m in taken)
    lines: list[Mention] = []
    position = 0
    plain, _, _ = lexicon.platforms()
    for line in text.split("\n"):
        begin = position
        position += len(line) + 1
        if begin < doc.headline_end or not line.strip():
            continue
        match = _LIST_LINE.match(line, 0, 200)
        if match is None or (match.end() >= len(line.rstrip()) and len(line) > 160):
            continue
        raw = match.group("title")
        paren = match.group("paren")
        start, end = trim(text, begin + match.start("title"), begin + match.end("title"), opening=False)
        title = text[start:end]
        # Trimming cut a lead word off a name the text uses again ("Star" off "Star ..."): the rest is a fragment.
        uncut = text[begin + match.start("title") : end]
        if start > begin + match.start("title") and text.count(uncut) >= 2:
            # A subheading that is a possessive title on its own ("Carol's Big Move"), named again below, is whole.
            if not (match.end() >= len(line.rstrip()) and _OWNED_LINE.fullmatch(uncut)
                    and not platform_word(uncut.split()[0])):
                continue
            start = begin + match.start("title")
            title = uncut
        whole = RUN.fullmatch(title) is not None
        if not whole or not plausible_title(title) or overlaps(spans, start, end) or raw.endswith("."):
            continue
        alone = match.end() >= len(line.rstrip())
        if _PERSON_ASIDE.match(line, match.end()) or _AWARD_CATEGORY.match(title):
            continue
        if line[match.end("title") : match.end("title") + 1] == ":" and title.split()[-1] in frames().staff_tails:
            continue
        if paren is not None and not any(True for _ in plain.find(paren)) and not _LIST_PAREN.search(paren):
            continue
        if alone and paren is None and len(title.split()) > 7:
            continue
        lines.append(Mention(start, end, title, sentence_at(starts, start), title_key(title), source="list",
                             frame="weak", season=season_after(text, end)))
    return unique(lines) if len(lines) >= 2 else []
