"""Run many regexes over one text in one pass, trying each only where its first word occurs."""

# Python's regex engine tries every branch of an alternation at every position, so a few dozen cue
# patterns over a 3 KB article cost milliseconds. Each pattern's possible literal starts are read from
# its parse tree once; a text is then scanned for those starts once, and a pattern is matched only
# there. Patterns whose start is not a literal word fall back to an ordinary scan, and alternatives
# that start with CJK are scanned only in texts that hold CJK.

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from bot.extract.lexicon import trie_pattern

# The regex parser is private in the standard library; typeshed has no stubs for it.
_parser: Any = import_module("re._parser")
sre: Any = import_module("re._constants")
_WORD = re.compile(r"[a-z0-9][a-z0-9’'+\-]*")
_WORD_CHARS = frozenset(string.ascii_lowercase + string.digits + "’'+-")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]")
_MAX_STARTS = 600
_SKIP = frozenset({sre.AT, sre.ASSERT, sre.ASSERT_NOT})


def _charset(items: list[tuple[Any, Any]]) -> list[str] | None:
    """Return the characters a small character class matches, or None when it is large or negated."""
    chars: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            chars.append(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < 40:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            chars.extend(string.digits)
        else:
            return None
    return chars


def _starts(items: list[tuple[Any, Any]], after: bool = False) -> tuple[set[str], bool, bool]:
    """Return a parsed sequence's literal starts, whether it can match empty, and whether it is all literal."""
    # A start that a word boundary or a space ends carries a trailing space; `after` tells that the sequence
    # follows literal text, so a boundary at its start ends a word.
    prefixes = {""}
    for index, (op, av) in enumerate(items):
        ended = after or "" not in prefixes
        if op is sre.AT and av is sre.AT_BOUNDARY and ended:
            return {p + " " for p in prefixes}, False, False
        if op in _SKIP:
            continue
        if op is sre.LITERAL:
            prefixes = {p + chr(av) for p in prefixes}
            continue
        if op is sre.IN:
            chars = _charset(av)
            if chars is None:
                spacing = av == [(sre.CATEGORY, sre.CATEGORY_SPACE)] and ended
                return ({p + " " for p in prefixes} if spacing else prefixes), False, False
            prefixes = {p + c for p in prefixes for c in chars}
            if len(prefixes) > _MAX_STARTS:
                return {""}, False, False
            continue
        if op is sre.BRANCH:
            subs = [_starts(branch, ended) for branch in av[1]]
            sub_set = set().union(*(s for s, _, _ in subs))
            sub_empty = any(e for _, e, _ in subs)
            whole = all(w for _, _, w in subs)
        elif op is sre.SUBPATTERN:
            sub_set, sub_empty, whole = _starts(av[3], ended)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            sub_set, sub_empty, whole = _starts(av[2], ended)
            whole = whole and av[1] == 1
            sub_empty = sub_empty or av[0] == 0
        else:
            return prefixes, False, False
        combined = {p + s for p in prefixes for s in sub_set}
        if whole and len(combined) <= _MAX_STARTS:
            prefixes = combined | (prefixes if sub_empty else set())
            continue
        if sub_empty:
            rest, rest_empty, _ = _starts(items[index + 1 :], ended)
            combined |= {p + r for p in prefixes for r in rest}
            return combined, rest_empty and "" in prefixes, False
        return combined, False, False
    return prefixes, "" in prefixes, True


def _covers_word_chars(items: list[tuple[Any, Any]]) -> bool:
    """Tell whether a parsed lookbehind is one character class that holds every ASCII letter and digit."""
    if len(items) != 1 or items[0][0] is not sre.IN:
        return False
    ranges = [av for op, av in items[0][1] if op is sre.RANGE]
    return all(any(low <= ord(ch) <= high for low, high in ranges) for ch in "azAZ09")


def _guarded(items: list[tuple[Any, Any]]) -> bool:
    """Tell whether no match can start right after an ASCII letter or digit (so word starts find them all)."""
    for index, (op, av) in enumerate(items):
        if op is sre.AT and av is sre.AT_BOUNDARY:
            return True
        if op is sre.ASSERT and av[0] < 0:
            return True
        if op is sre.ASSERT_NOT and av[0] < 0 and _covers_word_chars(list(av[1])):
            return True
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.BRANCH:
            return all(_guarded(branch) for branch in av[1])
        if op is sre.SUBPATTERN:
            return _guarded(av[3])
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            return _guarded(av[2]) and (av[0] > 0 or _guarded(items[index + 1 :]))
        return False
    return False


def _cleaned(pattern: re.Pattern[str]) -> tuple[dict[str, bool] | None, bool]:
    """Return literal_starts(pattern) and whether some match can start with a CJK character."""
    found, empty, _ = _starts(list(_parser.parse(pattern.pattern, pattern.flags).data))
    if empty or len(found) > _MAX_STARTS:
        return None, False
    cleaned: dict[str, bool] = {}
    eastern = False
    for start in found:
        lowered = start.lower() if pattern.flags & re.IGNORECASE else start.translate(_ASCII_LOWER)
        if lowered and ord(lowered[0]) > 0x2E7F:
            eastern = True
            continue
        cut = next((i for i, ch in enumerate(lowered) if ch not in _WORD_CHARS), len(lowered))
        if cut == 0:
            return None, eastern
        whole = cut < len(lowered) and lowered[cut] == " "
        cleaned[lowered[:cut]] = cleaned.get(lowered[:cut], True) and whole
    return cleaned, eastern


def literal_starts(pattern: re.Pattern[str]) -> dict[str, bool] | None:
    """Return the lower-case word starts of matches (True: a whole word), or None if anything may start one."""
    return _cleaned(pattern)[0]


def alternatives(source: str) -> list[str]:
    """Split a regex source at its top-level bars."""
    parts: list[str] = []
    depth, start, index, in_class = 0, 0, 0, False
    while index < len(source):
        ch = source[index]
        if ch == "\\":
            index += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
        index += 1
    parts.append(source[start:])
    return parts


def _split_eastern(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Return (latin, eastern) parts of pattern's top-level alternatives, if CJK-start ones split off cleanly."""
    latin: list[str] = []
    eastern: list[str] = []
    for part in alternatives(pattern.pattern):
        starts, has_cjk = _cleaned(re.compile(part, pattern.flags))
        if has_cjk and starts:
            return None
        (eastern if has_cjk else latin).append(part)
    if not eastern or not latin:
        return None
    return re.compile("|".join(latin), pattern.flags), re.compile("|".join(eastern), pattern.flags)


@dataclass
class Index:
    """Patterns filed under the word starts (or whole words) they can begin with."""

    patterns: Mapping[str, re.Pattern[str]]
    partial: dict[str, list[str]] = field(default_factory=dict)
    whole: dict[str, list[str]] = field(default_factory=dict)
    closure: dict[tuple[bool, str], tuple[str, ...]] = field(default_factory=dict)
    full: list[str] = field(default_factory=list)
    cjk: set[str] = field(default_factory=set)
    eastern: dict[str, re.Pattern[str]] = field(default_factory=dict)
    loose: set[tuple[bool, str]] = field(default_factory=set)
    unguarded: set[str] = field(default_factory=set)
    triggers: list[tuple[bool, bool, re.Pattern[str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for name, pattern in self.patterns.items():
            starts, has_cjk = _cleaned(pattern)
            split = _split_eastern(pattern) if has_cjk else None
            latin = pattern
            if split is not None:
                latin, self.eastern[name] = split
            elif has_cjk:
                self.cjk.add(name)
            if starts is None:
                self.full.append(name)
                continue
            guarded = _guarded(list(_parser.parse(latin.pattern, latin.flags).data))
            if not guarded:
                self.unguarded.add(name)
            for start, whole in starts.items():
                (self.whole if whole else self.partial).setdefault(start, []).append(name)
                if not guarded:
                    self.loose.add((whole, start))
        for whole, table in ((False, self.partial), (True, self.whole)):
            for start in table:
                names = [n for length in range(1, len(start) + 1) for n in self.partial.get(start[:length], ())]
                if whole:
                    names += table[start]
                self.closure[whole, start] = tuple(dict.fromkeys(names))
        # A start may follow any character but an ASCII letter or digit (\b lets one follow "-", "+" or "’").
        # The triggers are zero-width so that starts inside other starts ("stars" in "co-stars") are seen.
        edge = "a-z0-9"
        if self.whole:
            whole_trie = trie_pattern(self.whole)
            self.triggers.append((True, False, re.compile(f"(?<![{edge}])(?=({whole_trie})(?![{edge}]))")))
        if self.partial:
            self.triggers.append((False, False, re.compile(f"(?<![{edge}])(?=({trie_pattern(self.partial)}))")))
        # Patterns that may match mid-word (no boundary before them) are also tried inside words.
        for whole in (True, False):
            loose = [start for (kind, start) in self.loose if kind is whole]
            if loose:
                ending = f"(?![{edge}])" if whole else ""
                self.triggers.append((whole, True, re.compile(f"(?<=[{edge}])(?=({trie_pattern(loose)}){ending})")))

    def run(self, text: str) -> dict[str, list[re.Match[str]]]:
        """Return the non-overlapping matches of every pattern in text, in order."""
        found: dict[str, list[re.Match[str]]] = {name: [] for name in self.patterns}
        last_end = dict.fromkeys(self.patterns, -1)
        scan_all = set(self.full)
        eastern = bool(self.eastern or self.cjk) and _CJK.search(text) is not None
        if eastern:
            scan_all |= self.cjk
        for name in scan_all:
            found[name] = list(self.patterns[name].finditer(text))
            last_end[name] = len(text) + 1
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = text.translate(_ASCII_LOWER)
        closure, patterns = self.closure, self.patterns
        hits: dict[int, tuple[str, ...]] = {}
        for whole, inside, trigger in self.triggers:
            for hit in trigger.finditer(lowered):
                names = closure[whole, hit.group(1)]
                if inside:
                    names = tuple(name for name in names if name in self.unguarded)
                position = hit.start()
                hits[position] = hits[position] + names if position in hits else names
        for position in sorted(hits):
            for name in hits[position]:
                if position < last_end[name]:
                    continue
                match = patterns[name].match(text, position)
                if match is not None:
                    found[name].append(match)
                    last_end[name] = max(match.end(), position + 1)
        if eastern:
            for name, pattern in self.eastern.items():
                extra = list(pattern.finditer(text))
                if extra:
                    found[name] = _merged(found[name], extra)
        return found


def _merged(first: list[re.Match[str]], second: list[re.Match[str]]) -> list[re.Match[str]]:
    """Return two match lists in text order, dropping matches that overlap an earlier one (as finditer would)."""
    kept: list[re.Match[str]] = []
    end = -1
    for match in sorted(first + second, key=lambda m: m.start()):
        if match.start() >= end:
            kept.append(match)
            end = max(match.end(), match.start() + 1)
    return kept
