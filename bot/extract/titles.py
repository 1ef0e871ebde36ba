"""Find title mentions (quoted, headline patterns, repeats, untitled projects) and read their context."""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from bot.extract import lexicon
from bot.extract.frames import frames
from bot.extract.nameshape import NOT_A_NAME, STRONG, is_not_name_word, name_shape
from bot.extract.platforms import find_platforms
from bot.extract.text import Document
from bot.names import title_key


class Role(enum.Enum):
    """How a sentence uses a title: as news, or as a credit, source, alias or aside."""

    MAIN = "main"
    BACKGROUND = "background"
    CREDIT = "credit"
    SOURCE = "source"
    ALIAS = "alias"
    PAREN = "paren"


@dataclass(slots=True)
class Mention:
    """One occurrence of a title (or of an untitled project) in the document."""

    start: int
    end: int
    title: str | None
    sentence: int
    key: str
    role: Role = Role.MAIN
    kind: str | None = None
    definite: bool = False
    zone_start: int = -1
    implicit: bool = False
    source: str = "quoted"
    frame: str | None = None
    season: int | None = None
    introduced: bool = False
    # Opens a list of the shows the sentence before counts ("The network cancelled four comedies." / "A, B, C.").
    counted: bool = False


# Some sites close a quote with the opening mark ("‘X‘, ‘Y‘"): one right after a word and before a space or
# punctuation closes it.
_CURLY_DOUBLE = re.compile(r"“([^“”\n]{1,100}?)(?:”|(?<=\S)“(?=[\s,.;:!?)]|$))")
_CURLY_SINGLE = re.compile(r"‘([^‘\n]{1,100}?)(?:’|(?<=\S)‘(?=[\s,.;:!?)]|$))(?![A-Za-z])")
# An apostrophe between letters inside single quotes is part of the title ('Don't Look Back').
_STRAIGHT_SINGLE = re.compile(r"'(?=[^\s'])((?:[^'\n]|(?<=[A-Za-z])'(?=[A-Za-z])){1,80}?)'(?![A-Za-z])")
_DOUBLE_QUOTE = re.compile('"')
_CORNER = re.compile(r"[「『]([^「」『』\n]{1,80})[」』]")
_SMALL_WORDS = frozenset(
    [
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "from", "by", "is", "my",
        "your", "our", "me", "you", "not", "no", "as", "but", "nor", "so", "up", "off", "vs", "de", "la", "le",
        "el", "du", "des", "y", "i", "it", "its", "this", "that", "be", "are", "was", "we", "us", "his", "her",
        "ga", "wa", "ni", "wo", "ka", "na", "mo", "ya", "e",
    ]
)
# A title word as runs are split into words: letters, digits and the marks a title word may hold ("Mr.", "X!").
WORD = re.compile(r"[\w’'\-!?.&]+")
_TRAILING = ",.;: -–—"

UNTITLED = re.compile(
    r"\b(?:(?:as[- ]yet[- ]|yet-to-be-)?(?:untitled|unnamed)|yet[- ]to[- ]be[- ](?:titled|named))\s+"
    r"(?P<desc>(?:[\w’'-]{1,20}\s+){0,4}?)(?=(?:series|drama|show|project|anime|comedy|thriller|docuseries"
    r"|miniseries|limited\s+series|reality|film|movie|K-drama)\b)",
    re.IGNORECASE,
)
IMPLICIT = re.compile(r"\b(?:based\s+on|adapted\s+from|adaptation\s+of)\b", re.IGNORECASE)
_IMPLICIT_BEFORE = re.compile(
    r"\b(?:an?|new)\s+(?:[\w’'-]{1,20}\s+){0,3}?(?P<type>series|drama|limited\s+series|miniseries|show|anime)"
    r"\s+(?:adaptation\s+)?$",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"\b(?P<det>an?|the|its|their|new)\s+(?:(?:upcoming|new|forthcoming)\s+)?$", re.IGNORECASE)
_HEAD_PREFIX = re.compile(r"^(?:exclusive|watch|first\s+look|breaking|update[d]?|report|tv\s+news)\s*[:|–—-]\s*", re.I)
_HEAD_T = r"(?P<title>[A-Z0-9][^\n,:;|()\"“”‘’]{0,60}?)"
_HEAD_SUBJECT = re.compile(
    r"(?:(?P<owner>[A-Z][\w+.-]{1,15}(?:\s[A-Z][\w+.-]{1,15})?)['’]s\s+)?" + _HEAD_T
    + r"\s+(?:(?:Is|Are|Has|Have|Been|Gets|Got|Officially|Already|Finally|Reportedly|Quietly)\s+){0,3}"
    r"(?:Renewed|Canceled|Cancelled|Axed|Ending|Picked\s+Up"
    r"|(?:Gets|Sets|Lands|Announces|Reveals|Unveils|Confirms)\s+(?:[A-Z][\w+]*\s+)?(?:(?:Season|Part)\s+\d+\s+)?(?:Premiere|Release"
    r"|Launch)\s+Date|(?:Season|Part)\s+\d+\b|(?:Official\s+)?(?:Trailer|Teaser)|Premiere\s+Date|Release\s+Date"
    r"|First\s+Look)\b"
)
_DESCRIPTORS = (
    "New|Korean|Japanese|Chinese|Thai|British|American|K-Drama|Drama|Comedy|Thriller|Romance|Romantic"
    "|Crime|Horror|Fantasy|Sci-Fi|Limited|Reality|Dating|Docuseries|Anime|Animated|Series|Original|Scripted"
    "|Live-Action|Adaptation|Mystery|Medical|Legal|Political|Period|Historical|Action|Teen|Spy|Zombie|Dark"
    "|Family|Sports|Survival|Competition|Half-Hour|Hourlong|Hour-Long|BL|Untitled"
)
_DESCRIPTOR_WORDS = frozenset(_DESCRIPTORS.casefold().split("|"))
_HEAD_DESC = r"(?:(?:" + _DESCRIPTORS + r"|\d+-Episode|\w+-Part)\s+){0,4}"
_HEAD_ORDER = re.compile(
    r"(?P<owner>[A-Z][\w+.-]{1,15}(?:\s[A-Z0-9][\w+.-]{0,15})?)\s+(?:Orders|Greenlights|Green-Lights|Picks\s+Up"
    r"|Renews|Cancels|Axes|Commissions|Lands|Unveils|Announces|Develops|Sets)\s+(?P<desc>" + _HEAD_DESC + ")"
    + _HEAD_T + r"(?:\s+(?:Series|Drama|Show|Anime|Docuseries|Comedy|Adaptation|Reboot|Remake|Season\s+\d+))?"
    r"(?=$|\s*[,:;|(–—]|\s+-\s|\s+(?:From|Starring|With|Based|Led|Set|For|At|To|As|About|Created|In|Featuring"
    r"|Adapted|After|Following|Premiere|Trailer|Teaser|Release|Season)\b)"
)


_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.){2,}$")


def clean_title(raw: str) -> str:
    """Return a quoted span without surrounding space and the punctuation US style puts inside quotes."""
    text = raw.strip()
    if _ABBREVIATION.search(text):
        return text
    return text.rstrip(_TRAILING).strip().strip("\"'“”‘’")


def is_title_like(title: str) -> bool:
    """Tell whether a quoted span reads like a title rather than a quotation."""
    if not 1 <= len(title) <= 70 or title.isdigit():
        return False
    first = title[0]
    if not (first.isupper() or first.isdigit() or first in "(#" or ord(first) > 0x2E80):
        return False
    words = title.split()
    if len(words) > 10:
        return False
    lower = 0
    for word in words[1:]:
        letters = [ch for ch in word if ch.isalpha()]
        if letters and letters[0].islower() and word.casefold().strip(",.!?") not in _SMALL_WORDS:
            lower += 1
    return lower <= max(1, len(words) // 4)


@cache
def _scare_quoted() -> frozenset[str]:
    """Return the words that, quoted alone, are scare quotes ("touted as a Netflix “Original”"), not titles."""
    return frames().not_title


def _sentence_of(starts: list[int], position: int) -> int:
    return max(bisect.bisect_right(starts, position) - 1, 0)


def _straight_double(text: str) -> list[tuple[int, int]]:
    """Return (open, close) index pairs of straight double quotes, paired left to right within a line."""
    pairs: list[tuple[int, int]] = []
    if '"' not in text:
        return pairs
    line_start = 0
    for line in text.split("\n"):
        marks = [line_start + m.start() for m in _DOUBLE_QUOTE.finditer(line)]
        for open_, close in zip(marks[::2], marks[1::2], strict=False):
            if close - open_ <= 101:
                pairs.append((open_, close))
        line_start += len(line) + 1
    return pairs


# A translation or other name in brackets inside the quotes ("X (English Name)") is no part of the title.
_INNER_ALIAS = re.compile(r"([^()]{2,70}?)\s+\([^()]{2,70}\)")


def find_quoted(doc: Document) -> list[Mention]:
    """Return every quoted span that reads like a title."""
    starts = [s.start for s in doc.sentences]
    spans: list[tuple[int, int, str]] = []
    text = doc.text
    for pattern, marks in ((_CURLY_DOUBLE, "“"), (_CURLY_SINGLE, "‘"), (_CORNER, "「『")):
        if any(mark in text for mark in marks):
            spans.extend((m.start(), m.end(), m.group(1)) for m in pattern.finditer(text))
    if "'" in text:
        spans.extend((m.start(), m.end(), m.group(1)) for m in _STRAIGHT_SINGLE.finditer(text)
                     if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"))
    spans.extend((a, b + 1, doc.text[a + 1 : b]) for a, b in _straight_double(doc.text))
    spans.sort()
    found: list[Mention] = []
    keys: dict[str, str] = {}
    last_end = -1
    for start, end, raw in spans:
        if "‘" in raw and "’" in raw[raw.index("‘") :]:
            continue
        title = clean_title(raw)
        inner = _INNER_ALIAS.fullmatch(title)
        if inner is not None and is_title_like(inner.group(1)):
            title = inner.group(1)
        if start < last_end or not is_title_like(title) or title in _scare_quoted():
            continue
        if start > doc.headline_end and _nickname(text, start, end, title):
            continue
        if _MODIFIER_AFTER.match(text, end):
            continue
        last_end = end
        if title not in keys:
            keys[title] = title_key(title)
        found.append(Mention(start, end, title, _sentence_of(starts, start), keys[title]))
    return found


# A quoted name a suffix turns into an adjective ("the first season without a “Harbor”-related show").
_MODIFIER_AFTER = re.compile(r"-(?:related|style|styled|esque|inspired|like|themed|adjacent|verse)\b")
_NAME_BEFORE = re.compile(r"(?:^|[\s(,])(?P<word>[A-Z][a-z][\w-]*) $")
_NAME_AFTER = re.compile(r" (?P<word>[A-Z][a-z][\w’'-]*)(?:\s|[,.;)]|$)")


def _nickname(text: str, start: int, end: int, title: str) -> bool:
    """Tell whether a quoted word or two sits inside a person's name (Thai style: Metawin “Win” Opas)."""
    if len(title.split()) > 2:
        return False
    before = _NAME_BEFORE.search(text, max(0, start - 30), start)
    after = _NAME_AFTER.match(text, end)
    return before is not None and after is not None and not any(
        is_not_name_word(word) or find_platforms(word) for word in (before.group("word"), after.group("word")))


_NOT_TITLE_WORDS = frozenset(
    [
        "its", "his", "her", "their", "a", "an", "new", "two", "three", "four", "five", "six", "several",
        "more", "first", "next", "latest", "slate", "lineup", "line-up", "series", "shows", "dramas",
        "trailer", "teaser", "premiere", "date", "season",
    ]
)


def _valid_headline_title(title: str) -> bool:
    words = title.split()
    if not 1 <= len(words) <= 8 or words[-1].casefold() in _SMALL_WORDS:
        return False
    # "Netflix's Cooking Contest Trailer": words that describe a kind of show name none.
    if all(word.casefold() in _DESCRIPTOR_WORDS for word in words):
        return False
    if words[0].casefold() in _NOT_TITLE_WORDS or any(w.casefold() in _NOT_TITLE_WORDS for w in words[1:]):
        return False
    plain, _, _ = lexicon.platforms()
    if any(True for _ in plain.find(title)):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.casefold() in _SMALL_WORDS for w in words)


def find_headline_titles(doc: Document, quoted: list[Mention]) -> list[Mention]:
    """Return titles named without quotes in trade-press headline patterns."""
    if doc.headline_end <= 0 or any(m.sentence == 0 for m in quoted):
        return []
    head = doc.text[: doc.headline_end]
    prefix = _HEAD_PREFIX.match(head)
    offset = prefix.end() if prefix else 0
    plain = lexicon.platforms()[0]
    for pattern in (_HEAD_ORDER, _HEAD_SUBJECT):
        match = pattern.match(head, offset)
        if match is None:
            continue
        owner = match.group("owner")
        # A network whose name is also a word ("Fox") counts where a verb like "Cancels" follows it.
        if pattern is _HEAD_ORDER and not any(
            match.start("owner") <= hit.start < match.end("owner") for hit in find_platforms(head)
        ):
            continue
        if pattern is _HEAD_ORDER and "Untitled" in match.group("desc"):
            return [Mention(match.start("desc"), match.end("title"), None, 0, "", kind="series", source="headline")]
        title = match.group("title").strip()
        # "Orders Supernatural Drama The Lantern": genre and kind words the descriptor list lacks describe the show.
        words = title.split()
        described = 0
        while pattern is _HEAD_ORDER and described < len(words) - 1 and (
                words[described].casefold() in lexicon.genres()[1] or words[described].casefold() in _DESCRIPTOR_WORDS):
            described += 1
        if described and words[described - 1].casefold() in _DESCRIPTOR_WORDS and _valid_headline_title(
                " ".join(words[described:])):
            title = " ".join(words[described:])
        billed = after_person_kind(list(WORD.finditer(title)))
        if billed and len(billed) < len(title.split()) and _valid_headline_title(title[billed[0].start():]):
            title = title[billed[0].start():]  # "Orders Jo Marsh Comedy X": the star and the kind bill the show
        # "X Lands Season 2 Order": the headline's own verb closes the subject, never the title.
        while pattern is _HEAD_SUBJECT and " " in title and title.rsplit(" ", 1)[1] in frames().headline_subject_verbs:
            title = title.rsplit(" ", 1)[0]
        # "Tom Vale’s X" may be the title's own wording; "Bleach Creator’s X" names its maker by a job.
        joined = bool(pattern is _HEAD_SUBJECT and owner and not any(True for _ in plain.find(owner)) and (
            owner.split()[-1] not in frames().leads) and not _star_owner(doc.text, owner, title))
        if joined:
            title = f"{owner}’s {title}"
        if _valid_headline_title(title):
            start = match.start() if joined else match.start("title") + match.group("title").index(title)
            return [Mention(start, start + len(title), title, 0, title_key(title), source="headline", frame="news")]
    return []


def _star_owner(text: str, owner: str, title: str) -> bool:
    """Tell whether a headline's "First Last’s X" names the show by its star ("Jo Marsh’s X Renewed"): the owner is
    a person's full name and the text never writes the two together, as it would a title that holds them."""
    if len(owner.split()) != 2 or name_shape(owner) == NOT_A_NAME:
        return False
    return not any(f"{owner}{mark}s {title}" in text[text.index(title) + len(title):] for mark in "’'")


# A one-word title found before is named again only where it opens a paragraph about it ("X, from Studio, stars"):
# elsewhere the word may be just a word.
_OPENS_PARAGRAPH_ABOUT = re.compile(
    r",\s|\s+(?:is|was|will|stars|comes|hails|follows|centres|centers|tells|also|from|has|sees)\b")


def find_repeats(doc: Document, known: list[Mention]) -> list[Mention]:
    """Return unquoted occurrences of titles already found, as italics lost to plain text leave them."""
    starts = [s.start for s in doc.sentences]
    taken = sorted((m.start, m.end) for m in known)
    keys = {m.title: m.key for m in known if m.title}
    titles = [t for t in keys if len(t) >= 4]
    if not titles:
        return []
    text = doc.text
    found: list[Mention] = []
    for title in titles:
        start = text.find(title)
        while start >= 0:
            end = start + len(title)
            position, start = start, text.find(title, start + 1)
            if (position and (text[position - 1].isalnum() or text[position - 1] in "_’'")) or (
                end < len(text) and (text[end].isalnum() or text[end] in "_’")
            ):
                continue
            index = bisect.bisect_right(taken, (position, 1 << 30)) - 1
            if index >= 0 and taken[index][1] > position:
                continue
            sentence = _sentence_of(starts, position)
            plain_word = " " not in title and not any(ch.isupper() for ch in title[1:])
            if plain_word and (position <= doc.headline_end or text[position - 1] != "\n"
                               or not _OPENS_PARAGRAPH_ABOUT.match(text, end)):
                continue
            if position == doc.sentences[sentence].start and " " not in title and not plain_word:
                continue
            found.append(Mention(position, end, title, sentence, keys[title], source="repeat"))
    found.sort(key=lambda m: m.start)
    return found


_FILM_APPOSITION = re.compile(r"\b(?:film|movie|feature|pic)\s*,\s*$", re.IGNORECASE)


def find_untitled(doc: Document, untitled: Iterable[re.Match[str]] | None = None,
                  implicit: Iterable[re.Match[str]] | None = None) -> list[Mention]:
    """Return mentions of untitled projects ("an untitled romance series"), from cue matches when given."""
    starts = [s.start for s in doc.sentences]
    types = lexicon.types()
    found: list[Mention] = []
    for match in UNTITLED.finditer(doc.text) if untitled is None else untitled:
        tail = doc.text[match.end() : match.end() + 40]
        hit = next(types.find(tail), None)
        kind = hit.value if hit and hit.start == 0 else "series"
        end = match.end() + (hit.end if hit and hit.start == 0 else 0)
        det = _DETERMINER.search(doc.text, max(0, match.start() - 20), match.start())
        if det is None:
            continue
        # "Name's forthcoming film, an untitled thriller": the apposition says what the project is.
        if _FILM_APPOSITION.search(doc.text, max(0, det.start() - 30), det.start()):
            kind = "film"
        found.append(Mention(det.start(), end, None, _sentence_of(starts, match.start()), "", kind=kind,
                             definite=det.group("det").casefold() == "the"))
    spans = [(m.start, m.end) for m in found]
    for match in IMPLICIT.finditer(doc.text) if implicit is None else implicit:
        before = _IMPLICIT_BEFORE.search(doc.text, max(0, match.start() - 90), match.start())
        if before is None or any(a <= before.start() < b or a < match.start() <= b for a, b in spans):
            continue
        hit = next(types.find(before.group("type")), None)
        found.append(Mention(before.start(), match.start(), None, _sentence_of(starts, before.start()), "",
                             kind=hit.value if hit else "series", implicit=True))
    return found



def after_person_kind(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """Return the words after "Name Comedy" when a run opens with the person a show is billed by ("Jo Marsh Comedy
    Title"): the name and the kind of show are no part of the title that follows them."""
    formats = frames().formats
    for size in (2, 3):
        if len(words) > size + 1 and words[size].group() in formats and words[size - 1].group() not in formats and (
                name_shape(" ".join(w.group() for w in words[:size])) == STRONG):
            rest = words[size:]
            while rest and rest[0].group() in formats:
                rest = rest[1:]
            return rest or words
    return words
