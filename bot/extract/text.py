"""Normalise article text and split it into sentences with stable offsets."""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import cache

# Longer inputs are not news articles; the cap keeps every later pass bounded.
MAX_BODY_CHARS = 60_000
MAX_HEADLINE_CHARS = 400

# The patterns that run over whole texts open with one character class (the branches tell the kinds apart
# afterwards by looking back at it): the regex engine then skips in C to the next character that can start a
# match, where a choice of classes would be tried at every position.
_CONTROL_CHARS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060\ufeff"
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
# A lone plain space is left alone: replacing it by itself would only cost time.
_SPACE_CHARS = r"\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(f"[ {_SPACE_CHARS}](?:[ {_SPACE_CHARS}]+|(?<=[{_SPACE_CHARS}]))")  # a run of 2+, or one odd
# Episode counts come written "4×1-hour", "6x60" or "3 x 60-minute"; one spelling lets one pattern read them all.
_EPISODE_COUNT = re.compile(r"(\d(?<![\w.]\d)\d?)\s*[×xX]\s*(?=\d{1,3}\b|\d{1,3}-)")
# What every episode count holds, found for less: a scan that opens with the rarer "x" than with a digit.
_EPISODE_TIMES = re.compile(r"[×xX]\s*\d")
_ODD_SPACE = re.compile(f"[{_SPACE_CHARS}]")
_LINE_BREAK_CHARS = r"\r\u2028\u2029\x85"
_LINE_BREAKS = re.compile(rf"[{_LINE_BREAK_CHARS}](?:(?<=\r)\n)?")
# Most texts hold none of the characters that the line-break, control and odd-space passes replace: one scan tells.
_UNTIDY = re.compile(f"[{_LINE_BREAK_CHARS}{_CONTROL_CHARS}{_SPACE_CHARS}]")
_FEED_TAILS = (
    ("Continue reading", re.compile(r"(?:…|\.\.\.)?[ ]?Continue reading\b")),
    ("appeared first on", re.compile(r"The post\b.{0,400}?\bappeared first on\b")),
    ("[", re.compile(r"\[(?:…|\.\.\.)\]\s*$")),
)
_YEAR = re.compile(r"((?:19|20)\d\d)(?<![\w-]\d{4})(?![\w-])")
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
# Two capitalised words run together, as a lost block boundary leaves them ("...Nobody Is SafeLantern is set in").
_GLUED = re.compile(r"([A-Z](?<!\w[A-Z])[a-z]{2,})([A-Z][a-z]{2,})\b")
_CAPITALISED = re.compile(r"(?<![\w’'-])[A-Z][a-z]{2,}(?![\w’'-])")
_SENTENCE_END = re.compile(
    r"[.!?。！？](?:(?<=[.!?])[.!?]{0,5}[\"”’」』)]{0,3}\s{1,3}|(?<=[。！？])[。！？]{0,5}[」』]{0,3}\s{0,3})")
_ABBREVIATIONS = frozenset(
    [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no", "jan", "feb", "mar", "apr", "aug", "sep",
        "sept", "oct", "nov", "dec", "inc", "co", "ltd", "corp", "u.s", "u.k", "a.k.a", "e.g", "i.e", "etc",
        "approx", "est", "vol", "ep",
    ]
)


# "in the U.S. The show ..." ends a sentence: a country's initials before a word that opens one.
_PLACE_INITIALISMS = frozenset(["u.s", "u.k", "u.a.e"])
_SENTENCE_OPENER = re.compile(r"(?:The|A|An|It|Its|This|That|These|He|She|They|We|But|However|Meanwhile)\s")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the document, with its offsets in Document.text."""

    index: int
    start: int
    end: int
    paragraph: int
    headline: bool


@dataclass(frozen=True, slots=True)
class Document:
    """The headline and body joined into one normalised text, split into sentences."""

    text: str
    headline_end: int
    sentences: tuple[Sentence, ...]
    year: int | None = None

    def sentence_text(self, sentence: Sentence) -> str:
        """Return the text of one sentence."""
        return self.text[sentence.start : sentence.end]


def normalise(text: str, limit: int) -> str:
    """Return text with entities decoded, compatibility forms folded and whitespace tidied."""
    text = text[: limit * 3]
    if "&" in text and ";" in text:
        text = html.unescape(html.unescape(text))
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    untidy = _UNTIDY.search(text) is not None
    if untidy:
        text = _LINE_BREAKS.sub("\n", text)
        text = _CONTROL.sub("", text)
    # With no odd space and no two plain spaces in a row there is nothing to tidy: the test is cheaper than the pass.
    if "  " in text or (untidy and _ODD_SPACE.search(text)):
        text = _SPACES.sub(" ", text)
    if _EPISODE_TIMES.search(text) is not None:
        text = _EPISODE_COUNT.sub(r"\1 x ", text)
    for marker, tail in _FEED_TAILS:
        found = text.find(marker, max(0, len(text) - 1600))
        match = tail.search(text, max(0, found - 500)) if found >= 0 else None
        if match is not None and len(text) - match.start() < 1200:
            text = text[: match.start()].rstrip()
    if len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut <= limit // 2:
            # A cut inside a word or a sentence leaves half a name to join the next line's ("... led by A's David"):
            # end at the last full sentence, else the last full word.
            sentence_end = text.rfind(". ", 0, limit)
            cut = sentence_end + 1 if sentence_end > limit // 2 else text.rfind(" ", 0, limit)
        text = text[: cut if cut > limit // 2 else limit]
    lines = (line.strip() for line in text.split("\n"))
    return _unglue("\n".join(line for line in lines if line))


def _unglue(text: str) -> str:
    """Put back the sentence break lost between two glued words whose second stands alone elsewhere in the text.

    A name written in camel case ("DreamWorks") is left alone: its second half is not a word of the text.
    """
    if _GLUED.search(text) is None:
        return text
    alone = Counter(_CAPITALISED.findall(text))

    def split(match: re.Match[str]) -> str:
        tail = match.group(2)
        return f"{match.group(1)}. {tail}" if alone[tail] >= 2 else match.group()

    return _GLUED.sub(split, text)


def _is_boundary(text: str, start: int, end: int) -> bool:
    """Tell whether the punctuation at text[start:end] ends a sentence."""
    if text[start] in "。！？":
        return True
    if end >= len(text):
        return True
    following = text[end]
    if not (following.isupper() or following.isdigit() or following in "“\"‘'(「『[" or ord(following) > 0x2E80):
        return False
    if text[start] != ".":
        return True
    word_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    word = text[word_start:start].casefold().strip("(\"“‘'")
    if word in _PLACE_INITIALISMS and _SENTENCE_OPENER.match(text, end):
        return True
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or _INITIALISM.fullmatch(word))


_TITLE_CASE_WORDS = re.compile(r"(?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*")
_TITLE_GOES_ON = re.compile(r"(?:The|A|An)\s+[A-Z]|[A-Z][\w’'-]*\s+[A-Z]")


def _inside_title(text: str, start: int, mark: int, end: int) -> bool:
    """Tell whether a "!" or "?" ends a few title-case words that go on in title case ("Alarm! The Next Step")."""
    return text[mark] in "!?" and _TITLE_CASE_WORDS.fullmatch(text, start, mark) is not None and (
        _TITLE_GOES_ON.match(text, end) is not None
    )


def _split(text: str, offset: int, paragraph: int, headline: bool, out: list[Sentence]) -> None:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _is_boundary(text, match.start(), match.end()) and not _inside_title(
            text, start, match.start(), match.end()
        ):
            end = match.end()
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                out.append(Sentence(len(out), offset + start, offset + end, paragraph, headline))
            start = match.end()
    if start < len(text) and text[start:].strip():
        out.append(Sentence(len(out), offset + start, offset + len(text), paragraph, headline))


def _headline_and_overflow(head: str) -> tuple[str, str]:
    """Split a first line too long for a headline (a feed that puts its summary there) after its last full sentence
    within the limit, else its last full word: what follows opens the body rather than being lost."""
    if len(head) <= MAX_HEADLINE_CHARS:
        return head, ""
    cut = head.rfind(". ", 0, MAX_HEADLINE_CHARS)
    cut = cut + 1 if cut > MAX_HEADLINE_CHARS // 2 else head.rfind(" ", 0, MAX_HEADLINE_CHARS)
    if cut <= 0:
        cut = MAX_HEADLINE_CHARS
    return head[:cut].rstrip(), head[cut:].strip()


def build_document(body: str, headline: str | None, published: datetime | None = None) -> Document:
    """Return the normalised document: headline (one paragraph) then body paragraphs.

    Its year is the year it is written in: the publication date's, else the latest year the text names.
    """
    head, overflow = _headline_and_overflow(normalise(headline or "", MAX_BODY_CHARS).replace("\n", " "))
    text_body = normalise(body, MAX_BODY_CHARS)
    if overflow:
        text_body = f"{overflow}\n{text_body}" if text_body else overflow
    text = head + "\n" + text_body if head else text_body
    headline_end = len(head)
    sentences: list[Sentence] = []
    if head:
        sentences.append(Sentence(0, 0, len(head), 0, True))
    position = headline_end + 1 if head else 0
    for number, paragraph in enumerate(text_body.split("\n"), start=1):
        if paragraph:
            _split(paragraph, position, number, False, sentences)
        position += len(paragraph) + 1
    year = published.year if published is not None else max(map(int, _YEAR.findall(text)), default=None)
    return Document(text, headline_end if head else -1, tuple(sentences), year)


@cache
def _blanker(keep: str) -> re.Pattern[str]:
    """Return a pattern for each character but those of keep."""
    return re.compile(f"[^{re.escape(keep)}]")


def mask(text: str, spans: list[tuple[int, int]], keep: str = "") -> str:
    """Return text with each (start, end) span blanked out by spaces (except `keep` characters), keeping offsets."""
    if not spans:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if end <= start:
            continue
        pieces.append(text[position:start])
        pieces.append(_blanker(keep).sub(" ", text[start:end]) if keep else " " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
