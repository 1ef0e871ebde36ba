"""Anchored phrase patterns, tried only where their first word may stand.

The frames that must start right after a title ("X has been renewed", "X, a comedy series") are many
alternatives behind optional words, and Python's regex engine tries each of them before it fails; most
runs of capitalised words are followed by none of them. Each alternative's possible first words are read
from its parse tree once (as the cue scan reads them), and one trie over them, tried first, settles
most texts at the cost of a single short match.
"""

from __future__ import annotations

import re

from bot.extract.scan import ODD_CASE, _cleaned, _trie, alternatives, structure

_EDGE = "(?![a-z0-9])"
_NOISE_RUN = r"[\s,(’'”\"“‘]*"  # the NOISE characters of bot.extract.scan, as a class


def _wrapped(source: str) -> bool:
    """Tell whether a regex source is one (?:...) group from its first character to its last."""
    if not (source.startswith("(?:") and source.endswith(")")):
        return False
    for index, ch, depth in structure(source):
        if ch == ")" and depth == 0:
            return index == len(source) - 1
    return False


def _parts(source: str) -> list[str]:
    """Split a regex source into its alternatives, through the groups that wrap them."""
    parts = alternatives(source)
    if len(parts) == 1:
        return _parts(source[3:-1]) if _wrapped(source) else parts
    return [piece for part in parts for piece in _parts(part)]


class LeadFilter:
    """A pattern matched at the start of strings, whose alternatives are tried only after their first word."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        whole: set[str] = set()
        partial: set[str] = set()
        rest: list[str] = []
        for part in _parts(pattern.pattern):
            starts, eastern = _cleaned(re.compile(part, pattern.flags), words=1, skip_noise=True)
            if starts is None or eastern:
                rest.append(part)
                continue
            for start, ends_word in starts.items():
                (whole if ends_word else partial).add(start)
        leads = ([f"(?:{_trie(whole)}){_EDGE}"] if whole else []) + ([_trie(partial)] if partial else [])
        # Matched against the lower-cased text: a case-insensitive trie is three times slower.
        self.lead = re.compile(f"{_NOISE_RUN}(?:{'|'.join(leads)})") if leads else None
        try:
            self.rest = re.compile("|".join(rest), pattern.flags) if rest else None
        except re.error:
            self.rest = pattern

    def matches(self, text: str) -> bool:
        """Tell whether the pattern matches at the start of text (as bool(pattern.match(text)))."""
        if self.lead is not None and (self.lead.match(text.lower()) is not None
                                      or any(letter in text for letter in ODD_CASE)):
            return self.pattern.match(text) is not None
        return self.rest is not None and self.rest.match(text) is not None

    def matches_at(self, text: str, lowered: str, start: int, end: int) -> bool:
        """Tell whether the pattern matches at the start of text[start:end], given lowered_text(text)."""
        if not lowered:
            return self.matches(text[start:end])
        if self.lead is not None and self.lead.match(lowered, start, end) is not None:
            return self.pattern.match(text[start:end]) is not None
        return self.rest is not None and self.rest.match(text[start:end]) is not None


def lowered_text(text: str) -> str:
    """Return text lower-cased letter by letter (each slice of it lowers that slice of text), or "" if it cannot be.

    A letter whose lower case is longer, depends on its neighbours (final sigma) or is in ODD_CASE rules it out.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or "Σ" in text or any(letter in text for letter in ODD_CASE):
        return ""
    return lowered
