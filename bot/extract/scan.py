"""Run many regexes over one text in one pass, trying each only where its first word occurs."""

# Python's regex engine tries every branch of an alternation at every position, so a few dozen cue
# patterns over a 3 KB article cost milliseconds. Each pattern's possible literal starts (up to two
# words: "the season", not every "the"; each top-level alternative read on its own) are read from its
# parse tree once; a text is then scanned for those starts once, and a pattern is matched only there (and,
# where it opens with a case-sensitive letter, only where the text writes that letter so). Patterns whose
# start is not a literal word fall back to an ordinary scan, and alternatives that start with CJK are
# scanned only in texts that hold CJK.

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module
from typing import Any

from bot.extract.lexicon import trie_pattern
from bot.extract.regex_starts import (
    ASCII_LOWER,
    branches,
    cleaned_starts,
    guarded,
    needed_after,
    opens_cased,
    required_text,
    start_heads,
)

# The regex parser is private in the standard library; typeshed has no stubs for it.
_parser: Any = import_module("re._parser")
sre: Any = import_module("re._constants")
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]")
# An alternative that may start with this many different letters may start at almost any word.
_BROAD_LETTERS = 13
# Letters that case-insensitive matching equates with ASCII ones but lower() does not turn into them: a text
# holding one is not matched lower-cased in place of case-insensitively.
ODD_CASE = "ſıİ"

# Where a start may be followed: True when it ends a word, and the characters (in their case) that the text must
# hold at the start's first letter, or None when the pattern matches that letter in any case.
_Heading = tuple[bool, frozenset[str] | None]
# One alternative of a pattern (its name and place among the pattern's top-level alternatives) filed under a start,
# with the letters its first must be written as (None: any case).
_Filed = tuple[tuple[str, int], frozenset[str] | None]
# A pattern's name, the place of one of its alternatives and that alternative (-1: the pattern itself), to match
# at one place.
_Tried = tuple[str, int, re.Pattern[str]]
# A top-level alternative of a pattern, compiled, the starts of its matches, and the first characters (as the
# pattern writes them) of those of its matches that start with CJK.
_Alternative = tuple[re.Pattern[str], dict[str, _Heading], frozenset[str]]
# A scan for where a pattern's broad alternatives match, and a search for what every match of them needs (if known).
_Broad = tuple[re.Pattern[str], re.Pattern[str] | None]


def _read_alternatives(pattern: re.Pattern[str]) -> tuple[list[_Alternative] | None, bool]:
    """Return each top-level alternative of pattern (None if some alternative's matches may start anywhere),
    and whether some match can start with CJK.

    An alternative that admits too many two-word starts is read at one word without dropping the others to
    one word too ("the season of" stays "the season" when another alternative starts with any platform). A
    start of an alternative that opens with a case-sensitive letter ("A&E") is tried only where the text
    holds that letter in that case: the scan, over lower-cased text, cannot tell.
    """
    read: list[_Alternative] = []
    eastern = False
    for part in branches(pattern.pattern):
        alternative = re.compile(part, pattern.flags)
        heads, cjk_firsts = start_heads(alternative)
        eastern |= bool(cjk_firsts)
        if heads is None:
            return None, eastern
        cased = opens_cased(list(_parser.parse(part, pattern.flags).data), bool(pattern.flags & re.IGNORECASE))
        read.append((alternative, {head: (whole, frozenset(firsts) if cased else None)
                                   for head, (whole, firsts) in heads.items()}, frozenset(cjk_firsts)))
    return read, eastern


def _split_eastern(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Return (latin, eastern) parts of pattern's top-level alternatives, if CJK-start ones split off cleanly."""
    latin: list[str] = []
    eastern: list[str] = []
    for part in branches(pattern.pattern):
        starts, has_cjk = cleaned_starts(re.compile(part, pattern.flags))
        if has_cjk and starts:
            return None
        (eastern if has_cjk else latin).append(part)
    if not eastern or not latin:
        return None
    return re.compile("|".join(latin), pattern.flags), re.compile("|".join(eastern), pattern.flags)


def _split_broad(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], _Broad] | None:
    """Return (indexed, scanned) parts of pattern's top-level alternatives, if some may start at almost any word.

    An alternative that starts with any capitalised word would have the pattern tried at every word; a scan
    of its own, in C, finds where it matches for less. Where each such alternative needs a part further on that
    a search finds for less still ("Name’s next ..."), a text without it is not scanned.
    """
    narrow: list[str] = []
    broad: list[str] = []
    for part in branches(pattern.pattern):
        starts = cleaned_starts(re.compile(part, pattern.flags))[0]
        letters = sum(len(start) == 1 and start.isalpha() for start in starts or ())
        (broad if starts is None or letters >= _BROAD_LETTERS else narrow).append(part)
    if not broad or not narrow:
        return None
    needs = [needed_after(re.compile(part, pattern.flags)) for part in broad]
    need = None
    if None not in needs:
        need = re.compile("|".join(f"(?:{need.pattern})" for need in needs if need), pattern.flags)
    return re.compile("|".join(narrow), pattern.flags), (_broad_scanner(broad, pattern.flags), need)


# A case-sensitive character class an alternative opens with, after groups and word boundaries.
_CLASS_OPENER = re.compile(r"(?:\(\?:|\\b)*(\(\?-i:\[[^\]\\]+\]\))")


def _opens_with_class(part: str, flags: int) -> bool:
    """Tell whether every match of part starts with the one character class _CLASS_OPENER finds."""
    items = _parser.parse(part, flags).data
    while items:
        op, av = items[0]
        if op is sre.AT and av is sre.AT_BOUNDARY:
            items = items[1:]
        elif op is sre.SUBPATTERN and av[2] == 0 and len(av[3].data) > 0 and av[3].data[0][0] is not sre.IN:
            items = list(av[3].data) + list(items[1:])
        else:
            return bool(op is sre.SUBPATTERN and av[2] & re.IGNORECASE and [o for o, _ in av[3].data] == [sre.IN])
    return False


def _broad_scanner(broad: list[str], flags: int) -> re.Pattern[str]:
    """Return a scan that matches (empty) where any broad alternative would.

    When all open with one case-sensitive character class, the scan consumes that character first and looks
    back over it for the rest: the engine then skips in C to where a match can start instead of trying each place.
    """
    inner = "|".join(broad)
    openers = {found.group(1) if (found := _CLASS_OPENER.match(part)) and _opens_with_class(part, flags) else None
               for part in broad}
    if len(openers) == 1 and None not in openers:
        return re.compile(f"{openers.pop()}(?<=(?=(?:{inner}))(?s:.))", flags)
    return re.compile(f"(?=(?:{inner}))", flags)


@dataclass
class Index:
    """Patterns filed under the word starts (or whole words) they can begin with."""

    patterns: Mapping[str, re.Pattern[str]]
    partial: dict[str, list[_Filed]] = field(default_factory=dict)
    # Each pattern's top-level alternatives, compiled, and the order of the patterns.
    alternatives: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    whole: dict[str, list[_Filed]] = field(default_factory=dict)
    closure: dict[tuple[bool, str], tuple[_Filed, ...]] = field(default_factory=dict)
    full: list[str] = field(default_factory=list)
    # The patterns whose CJK-start alternatives do not split off from the others, with those alternatives' places
    # and a scan for the characters their CJK starts open with: in a text that holds CJK, they are tried there.
    cjk: dict[str, tuple[tuple[int, ...], re.Pattern[str]]] = field(default_factory=dict)
    eastern: dict[str, re.Pattern[str]] = field(default_factory=dict)
    loose: set[tuple[bool, str]] = field(default_factory=set)
    unguarded: set[str] = field(default_factory=set)
    needs: dict[str, str | None] = field(default_factory=dict)
    triggers: list[tuple[bool, bool, re.Pattern[str]]] = field(default_factory=list)
    word_starts: re.Pattern[str] = re.compile("(?!)")
    named: dict[tuple[str | None, str | None, str], tuple[_Tried, ...]] = field(default_factory=dict)
    broad: dict[str, _Broad] = field(default_factory=dict)
    joins: dict[tuple[tuple[_Tried, ...], frozenset[tuple[str, int]]], tuple[_Tried, ...]] = field(
        default_factory=dict)

    def __post_init__(self) -> None:
        self.order = {name: number for number, name in enumerate(self.patterns)}
        for name, pattern in self.patterns.items():
            read, has_cjk = _read_alternatives(pattern)
            split = _split_eastern(pattern) if has_cjk else None
            latin = pattern
            if split is not None:
                latin, self.eastern[name] = split
            elif has_cjk:
                if read is not None:
                    numbers = tuple(number for number, (*_, firsts) in enumerate(read) if firsts)
                    # Case-insensitive: a superset of where they may start, whatever flags the alternatives set.
                    opener = "".join(sorted({re.escape(first) for *_, firsts in read for first in firsts}))
                    self.cjk[name] = (numbers, re.compile(f"[{opener}]", re.IGNORECASE))
            elif (broad := _split_broad(pattern)) is not None:
                latin, self.broad[name] = broad
                read = _read_alternatives(latin)[0]
            if read is None:
                self.full.append(name)
                # A text without the literal such a pattern always holds is not scanned for it.
                self.needs[name] = required_text(pattern)
                continue
            at_word_starts = guarded(list(_parser.parse(latin.pattern, latin.flags).data))
            if not at_word_starts:
                self.unguarded.add(name)
            # A pattern (or its indexed part) of one alternative is tried whole.
            self.alternatives[name] = [latin if len(read) == 1 else alternative for alternative, *_ in read]
            for number, (_, starts, _) in enumerate(read):
                for start, (whole, letters) in starts.items():
                    (self.whole if whole else self.partial).setdefault(start, []).append(((name, number), letters))
                    if not at_word_starts:
                        self.loose.add((whole, start))
        for whole, table in ((False, self.partial), (True, self.whole)):
            for start in table:
                names = [n for length in range(1, len(start) + 1) for n in self.partial.get(start[:length], ())]
                if whole:
                    # A whole start ends where a shorter one may too ("tonight" in "tonight’s").
                    names += [n for length in range(1, len(start)) if not start[length].isalnum()
                              for n in table.get(start[:length], ())]
                    names += table[start]
                self.closure[whole, start] = _merged_filings(names)
        # A start may follow any character but an ASCII letter or digit (\b lets one follow "-", "+" or "’").
        # The triggers are zero-width so that starts inside other starts ("stars" in "co-stars") are seen.
        # One pass finds both kinds at a word start: the text is given with a space before it, and the trigger
        # consumes the character before the start (so that the engine skips through words to the next edge).
        edge = "a-z0-9"
        never = "(?!())"  # keeps the group numbers when one kind of start is missing
        whole_start = f"(?=({_trie(self.whole)})(?![{edge}]))" if self.whole else never
        partial_start = f"(?=({_trie(self.partial)}))" if self.partial else never
        self.word_starts = re.compile(f"[^{edge}](?:{whole_start}{partial_start}?|{partial_start})")
        # Patterns that may match mid-word (no boundary before them) are also tried inside words.
        for whole in (True, False):
            loose = [start for (kind, start) in self.loose if kind is whole]
            if loose:
                ending = f"(?![{edge}])" if whole else ""
                self.triggers.append((whole, True, re.compile(f"(?<=[{edge}])(?=({_trie(loose)}){ending})")))

    def _names(self, whole: str | None, partial: str | None, first: str) -> tuple[_Tried, ...]:
        """Return (and keep) the alternatives to try where a whole start and a partial start stand, whose first
        letter is written `first` in the text."""
        filings: list[_Filed] = []
        for kind, start in ((True, whole), (False, partial)):
            if start:
                filings += self.closure.get((kind, start)) or self.closure[kind, " ".join(start.split())]
        self.named[whole, partial, first] = found = self._tried(
            target for target, letters in _merged_filings(filings) if letters is None or first in letters)
        return found

    def _tried(self, targets: Iterable[tuple[str, int]]) -> tuple[_Tried, ...]:
        """Return the alternatives to try at one place: each pattern's in their order, as its match tries them
        (the pattern alone where it is to be tried whole)."""
        targets = set(targets)
        whole = {name for name, number in targets if number < 0}
        ordered = sorted((target for target in targets if target[0] not in whole or target[1] < 0),
                         key=lambda target: (self.order[target[0]], target[1]))
        return tuple((name, number, self.patterns[name] if number < 0 else self.alternatives[name][number])
                     for name, number in ordered)

    def _joined(self, here: tuple[_Tried, ...], targets: frozenset[tuple[str, int]]) -> tuple[_Tried, ...]:
        """Return (and keep) what to try where other scans name more alternatives than the word start there."""
        joined = self.joins.get((here, targets))
        if joined is None:
            # An alternative two scans name at one place is tried there once, in its turn.
            joined = self.joins[here, targets] = self._tried(targets.union(tried[:2] for tried in here))
        return joined

    def run(self, text: str) -> dict[str, list[re.Match[str]]]:
        """Return the non-overlapping matches of every pattern in text, in order."""
        found: dict[str, list[re.Match[str]]] = {name: [] for name in self.patterns}
        last_end = dict.fromkeys(self.patterns, -1)
        eastern = bool(self.eastern or self.cjk) and _CJK.search(text) is not None
        for name in self.full:
            needed = self.needs.get(name)
            found[name] = list(self.patterns[name].finditer(text)) if needed is None or needed in text else []
            last_end[name] = len(text) + 1
        lowered = lower(text)
        if len(lowered) != len(text):
            lowered = text.translate(ASCII_LOWER)
        closure, patterns, named = self.closure, self.patterns, self.named
        hits: list[tuple[int, tuple[_Tried, ...]]] = []
        for hit in self.word_starts.finditer(" " + lowered):
            # The trigger consumes the character before the start: in text, the start is where the hit is.
            position = hit.start()
            whole, partial, alone = hit.group(1, 2, 3)
            names = named.get((whole, partial or alone, text[position]))
            if names is None:
                names = self._names(whole, partial or alone, text[position])
            if names:
                hits.append((position, names))
        # Other scans name more places, and more to try at some of the word starts.
        extra: dict[int, set[tuple[str, int]]] = {}
        for name, (scanner, need) in self.broad.items():
            if need is not None and need.search(text) is None:
                continue
            for hit in scanner.finditer(text):
                # Where a scanned alternative matches, the whole pattern is tried: it may match by another.
                extra.setdefault(hit.start(), set()).add((name, -1))
        for whole, _inside, trigger in self.triggers:
            for hit in trigger.finditer(lowered):
                start = hit.group(1)
                filings = closure.get((whole, start)) or closure[whole, " ".join(start.split())]
                extra.setdefault(hit.start(), set()).update(
                    target for target, _ in filings if target[0] in self.unguarded)
        if eastern:
            for name, (numbers, opener) in self.cjk.items():
                for hit in opener.finditer(text):
                    extra.setdefault(hit.start(), set()).update((name, number) for number in numbers)
        if extra:
            merged = dict(hits)
            for position, targets in extra.items():
                merged[position] = self._joined(merged.get(position, ()), frozenset(targets))
            hits = sorted(merged.items())
        for position, alternatives in hits:
            for name, _, alternative in alternatives:
                if position < last_end[name]:
                    continue
                match = alternative.match(text, position)
                if match is not None:
                    if alternative is not patterns[name] and patterns[name].groups:
                        match = _own_match(patterns[name], match)
                    found[name].append(match)
                    last_end[name] = max(match.end(), position + 1)
        if eastern:
            for name, pattern in self.eastern.items():
                more = list(pattern.finditer(text))
                if more:
                    found[name] = _merged(found[name], more)
        return found


@lru_cache(maxsize=32)
def lower(text: str) -> str:
    """Return text.lower(), kept: the cue scan and the frame readers each read a document lower-cased."""
    return text.lower()


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Tell whether text may hold a case-insensitive match that needs one of words (lower-case): always where
    lower-casing cannot tell (ODD_CASE)."""
    return any(letter in text for letter in ODD_CASE) or any(word in lower(text) for word in words)


def _own_match(pattern: re.Pattern[str], match: re.Match[str]) -> re.Match[str]:
    """Return pattern's match where one of its alternatives matched, with groups numbered as pattern numbers them."""
    # The pattern matches there as that alternative does: the alternatives it holds before it cannot start there.
    return pattern.match(match.string, match.start()) or match


def _merged_filings(filings: Iterable[_Filed]) -> tuple[_Filed, ...]:
    """Return each alternative filed once, in order, tried at any letter case if any of its filings is."""
    letters: dict[tuple[str, int], frozenset[str] | None] = {}
    for target, cased in filings:
        known = letters.get(target, frozenset())
        letters[target] = None if known is None or cased is None else known | cased
    return tuple(letters.items())


def _trie(starts: Iterable[str]) -> str:
    """Return a trie alternation of starts in which a space stands for any run of whitespace."""
    return trie_pattern(starts).replace("\\ ", r"\s+")


def _merged(first: list[re.Match[str]], second: list[re.Match[str]]) -> list[re.Match[str]]:
    """Return two match lists in text order, dropping matches that overlap an earlier one (as finditer would)."""
    kept: list[re.Match[str]] = []
    end = -1
    for match in sorted(first + second, key=lambda m: m.start()):
        if match.start() >= end:
            kept.append(match)
            end = max(match.end(), match.start() + 1)
    return kept
