"""Gazetteers and word lists from bot/data, compiled once on first use."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_EDGE_BEFORE = r"(?<![A-Za-z0-9\-])"
_EDGE_AFTER = r"(?![A-Za-z0-9])"


@dataclass(frozen=True, slots=True)
class Platform:
    """A streamer, broadcaster or network."""

    name: str
    country: str | None
    tv_only: bool
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """One gazetteer match in a text."""

    start: int
    end: int
    key: str
    value: str


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """A compiled alternation of keys and the value each key stands for."""

    pattern: re.Pattern[str]
    values: dict[str, str]
    folded: bool

    def find(self, text: str) -> Iterator[Hit]:
        """Yield every non-overlapping match of a key in text."""
        for match in self.pattern.finditer(text):
            key = match.group()
            value = self.values.get(key.casefold() if self.folded else key)
            if value is None and self.folded:
                value = self.values.get(key)
            if value is not None:
                yield Hit(match.start(), match.end(), key, value)


def trie_pattern(words: Iterable[str]) -> str:
    """Return a regex alternation of words factored as a trie, longest match first."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not end else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
        return body

    return build(trie)


def _is_cjk(text: str) -> bool:
    return bool(text) and ord(text[0]) > 0x2E80


def build_gazetteer(values: dict[str, str], *, folded: bool) -> Gazetteer:
    """Compile keys into one matcher; CJK keys match without word edges, short all-caps keys keep case."""
    latin = [key for key in values if not _is_cjk(key)]
    cjk = [key for key in values if _is_cjk(key)]
    parts: list[str] = []
    if folded:
        exact = [key for key in latin if key.isupper() and len(key) <= 4]
        loose = [key.casefold() for key in latin if key not in exact]
        if exact:
            parts.append(_EDGE_BEFORE + "(?-i:" + trie_pattern(exact) + ")" + _EDGE_AFTER)
        if loose:
            parts.append(_EDGE_BEFORE + "(?:" + trie_pattern(loose) + ")" + _EDGE_AFTER)
    elif latin:
        parts.append(_EDGE_BEFORE + "(?:" + trie_pattern(latin) + ")" + _EDGE_AFTER)
    if cjk:
        parts.append("(?:" + trie_pattern(cjk) + ")")
    pattern = "|".join(parts) if parts else r"(?!x)x"
    table = {(key.casefold() if folded and not (key.isupper() and len(key) <= 4) else key): value
             for key, value in values.items()}
    return Gazetteer(re.compile(pattern, re.IGNORECASE if folded else 0), table, folded)


def _load(name: str) -> dict[str, object]:
    with resources.files("bot.data").joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


@cache
def lexicon() -> dict[str, object]:
    """Return the parsed lexicon.toml."""
    return _load("lexicon.toml")


@cache
def platforms() -> tuple[Gazetteer, Gazetteer, dict[str, Platform]]:
    """Return matchers for plain and ambiguous platform names, and platforms by canonical name."""
    data = _load("platforms.toml")
    plain: dict[str, str] = {}
    ambiguous: dict[str, str] = {}
    table: dict[str, Platform] = {}
    entries = data.get("platform", [])
    assert isinstance(entries, list)
    for entry in entries:
        name = str(entry["name"])
        country = str(entry.get("country") or "") or None
        table[name] = Platform(name, country, bool(entry.get("tv_only", False)), entry.get("parent"))
        flag = entry.get("ambiguous", False)
        names = [name] if entry.get("match_name", True) else []
        for alias in [*names, *entry.get("aliases", [])]:
            risky = flag is True or (isinstance(flag, list) and alias in flag)
            (ambiguous if risky else plain)[str(alias)] = name
    return build_gazetteer(plain, folded=False), build_gazetteer(ambiguous, folded=False), table


def _section(name: str) -> dict[str, object]:
    section = lexicon().get(name, {})
    assert isinstance(section, dict)
    return section


@cache
def gazetteer(name: str, *, folded: bool) -> Gazetteer:
    """Return the matcher for one single-valued lexicon section (countries, cities, languages, types...)."""
    return build_gazetteer({str(k): str(v) for k, v in _section(name).items()}, folded=folded)


@cache
def genres() -> tuple[Gazetteer, dict[str, tuple[str, ...]]]:
    """Return the genre matcher and the genres each matched key stands for."""
    expanded: dict[str, tuple[str, ...]] = {}
    for key, value in _section("genres").items():
        expanded[key if key.isupper() else key.casefold()] = (
            tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)
        )
    matcher = build_gazetteer({key: key for key in expanded}, folded=True)
    return matcher, expanded


@cache
def types() -> Gazetteer:
    """Return the matcher for words that say what kind of work a title is."""
    merged = {str(k): str(v) for k, v in _section("types").items()}
    merged.update({str(k): str(v) for k, v in _section("types_cjk").items()})
    return build_gazetteer(merged, folded=True)


def job_alternation() -> str:
    """Return a regex alternation of the job words."""
    words = [key for key in _section("jobs") if not _is_cjk(key)]
    return trie_pattern(words)


def job_for(word: str) -> str | None:
    """Return the canonical job a job word stands for."""
    jobs = _section("jobs")
    found = jobs.get(word) or jobs.get(word.casefold()) or jobs.get(word.lower())
    return str(found) if found else None
