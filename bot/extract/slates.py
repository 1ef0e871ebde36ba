"""Read a slate headline that credits each show to its maker: "Orders X by Ann Vale, Y by Ben Cole and Z by ..."."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.extract.frames import frames
from bot.extract.nameshape import NOT_A_NAME, name_shape
from bot.extract.people import PersonFact
from bot.extract.runs import RUN, platform_word, plausible_title, trim
from bot.extract.text import Document
from bot.extract.titles import Mention
from bot.names import title_key

# One item: a title-case run, "by", and a name of two or three capitalised words that ends the item.
_ITEM = re.compile(r"(?P<title>" + RUN.pattern + r") by (?P<name>[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,2})"
                   r"(?=,\s|\s+(?:and|&)\s|\s*[;:|–—]|\s*$)")
_BETWEEN = re.compile(r",\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")


@lru_cache(maxsize=8)
def _items(text: str) -> tuple[tuple[tuple[int, int], re.Match[str]], ...]:
    """Return the trimmed title span and the match of each "Title by Name" item of a slate headline, two or more in
    a row; none for a single one, which may be a book or a film credited to its author.

    Kept: the mention finder and the people reader each ask of the same headline."""
    if " by " not in text:
        return ()
    items = [item for item in _ITEM.finditer(text) if name_shape(item.group("name")) != NOT_A_NAME]
    chained = [items[0]] if items else []
    for item in items[1:]:
        if not _BETWEEN.fullmatch(text, chained[-1].end(), item.start()):
            break
        chained.append(item)
    found = [(_without_verbs(text, *trim(text, *item.span("title"))), item) for item in chained]
    found = [((start, end), item) for (start, end), item in found if end > start and plausible_title(text[start:end])]
    return tuple(found) if len(found) >= 2 else ()


def _without_verbs(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span without the network and verb before the first title ("Hulu Orders X by A" in title case)."""
    stop = frames().headline_stop
    while start < end and " " in text[start:end] and (
            (first := text[start:end].split(" ", 1)[0]).casefold() in stop or platform_word(first)):
        start = text.index(" ", start, end) + 1
    return start, end


def by_slate(doc: Document, taken: list[Mention]) -> list[Mention]:
    """Return the titles of a slate headline of "Title by Name" items."""
    if doc.headline_end <= 0 or any(m.sentence == 0 for m in taken):
        return []
    text = doc.text[: doc.headline_end]
    return [Mention(start, end, text[start:end], 0, title_key(text[start:end]), source="list", frame="news")
            for (start, end), _ in _items(text)]


def slate_makers(doc: Document, mentions: list[Mention]) -> list[PersonFact]:
    """Return the maker each item of a slate headline credits, placed right after the title that owns it."""
    if doc.headline_end <= 0:
        return []
    listed = {(m.start, m.end) for m in mentions if m.sentence == 0 and m.source == "list"}
    return [PersonFact("creator", item.group("name"), "creator", item.start("name"))
            for span, item in _items(doc.text[: doc.headline_end]) if span in listed]
