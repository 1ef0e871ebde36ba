"""Anchored phrase patterns, tried only where their first word may stand.

The frames that must start right after a title ("X has been renewed", "X, a comedy series") are many
alternatives behind optional words, and Python's regex engine tries each of them before it fails; most
runs of capitalised words are followed by none of them. Each alternative's possible first words are read
from its parse tree once (as the cue scan reads them), and one trie over them, tried first, settles
most texts at the cost of a single short match.
"""

from __future__ import annotations

import re

from bot.extract.regex_starts import alternatives, cleaned_starts, structure
from bot.extract.scan import ODD_CASE, _trie, lower

_EDGE = "(?![a-z0-9])"
_NOISE_RUN = r"[\s,(’'”\"“‘]*"  # the NOISE characters of bot.extract.scan, as a class
_TOKENS_KEPT = 20000


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


# A word as the starts are written (lower case; see bot.extract.scan), and the marks that may open one.
_TOKEN = re.compile(r"[a-z0-9’'+\-]+")
_NOISE_AT = re.compile(_NOISE_RUN)
_NOISY_OPENERS = "’'"


class LeadFilter:
    """A pattern matched at the start of strings, whose alternatives are tried only after their first word."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._whole: dict[str, list[int]] = {}
        self._partial: dict[str, list[int]] = {}
        self._alternatives: list[str] = []
        rest: list[str] = []
        whole: set[str] = set()
        partial: set[str] = set()
        for part in _parts(pattern.pattern):
            # Two words where they are known ("is a", "has been"): one alone lets through most runs.
            starts, eastern = cleaned_starts(re.compile(part, pattern.flags), words=2, skip_noise=True)
            if starts is None or eastern:
                rest.append(part)
                continue
            for start, ends_word in starts.items():
                (whole if ends_word else partial).add(start)
                # The alternatives are chosen by the first word of their start.
                first, space, _ = start.partition(" ")
                chosen = self._whole if ends_word or space else self._partial
                chosen.setdefault(first, []).append(len(self._alternatives))
            self._alternatives.append(part)
        leads = ([f"(?:{_trie(whole)}){_EDGE}"] if whole else []) + ([_trie(partial)] if partial else [])
        # Matched against the lower-cased text: a case-insensitive trie is three times slower.
        self.lead = re.compile(f"{_NOISE_RUN}(?:{'|'.join(leads)})") if leads else None
        self._rest = rest
        try:
            self.rest = re.compile("|".join(rest), pattern.flags) if rest else None
        except re.error:
            self.rest = pattern
        self._by_token: dict[str, frozenset[int]] = {}
        self._chosen: dict[frozenset[int], re.Pattern[str]] = {}

    def matches(self, text: str) -> bool:
        """Tell whether the pattern matches at the start of text (as bool(pattern.match(text)))."""
        if self.lead is not None and any(letter in text for letter in ODD_CASE):
            return self.pattern.match(text) is not None
        lowered = text.lower()
        if self.lead is not None and self.lead.match(lowered) is not None:
            return self._tried(lowered, 0, len(text)).match(text) is not None
        return self.rest is not None and self.rest.match(text) is not None

    def matches_at(self, text: str, lowered: str, start: int, end: int) -> bool:
        """Tell whether the pattern matches at the start of text[start:end], given lowered_text(text)."""
        if not lowered:
            return self.matches(text[start:end])
        if self.lead is not None and self.lead.match(lowered, start, end) is not None:
            return self._tried(lowered, start, end).match(text[start:end]) is not None
        return self.rest is not None and self.rest.match(text[start:end]) is not None

    def _tried(self, lowered: str, start: int, end: int) -> re.Pattern[str]:
        """Return the pattern of the alternatives that may match at start: those whose first word stands there
        (after the marks and spaces that may come first), and those whose first word is not known.

        A whole pattern tries each of its many alternatives in turn; the few that can match here cost little.
        """
        noise = _NOISE_AT.match(lowered, start, end)
        opened = noise.end() if noise else start
        # A first word may begin with an apostrophe ("’s") inside the marks.
        places = [opened] + [at for at in range(start, opened) if lowered[at] in _NOISY_OPENERS]
        chosen: frozenset[int] = frozenset()
        for place in places:
            token = _TOKEN.match(lowered, place, end)
            if token is not None:
                chosen |= self._starting(token.group())
        pattern = self._chosen.get(chosen)
        if pattern is None:
            parts = [self._alternatives[index] for index in sorted(chosen)] + self._rest
            try:
                pattern = re.compile("|".join(parts) or "(?!)", self.pattern.flags)
            except re.error:
                pattern = self.pattern  # alternatives that do not stand alone (as the rest may not)
            self._chosen[chosen] = pattern
        return pattern

    def _starting(self, token: str) -> frozenset[int]:
        """Return the alternatives that may start with a word: its prefixes that are starts, whole ones only where
        the word does not go on with a letter or digit."""
        found = self._by_token.get(token)
        if found is None:
            indices: set[int] = set()
            for length in range(1, len(token) + 1):
                indices.update(self._partial.get(token[:length], ()))
                if length == len(token) or not token[length].isalnum():
                    indices.update(self._whole.get(token[:length], ()))
            found = frozenset(indices)
            if len(self._by_token) < _TOKENS_KEPT:
                self._by_token[token] = found
        return found


def lowered_text(text: str) -> str:
    """Return text lower-cased letter by letter (each slice of it lowers that slice of text), or "" if it cannot be.

    A letter whose lower case is longer, depends on its neighbours (final sigma) or is in ODD_CASE rules it out.
    """
    lowered = lower(text)
    if len(lowered) != len(text) or "Σ" in text or any(letter in text for letter in ODD_CASE):
        return ""
    return lowered
