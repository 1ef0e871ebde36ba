"""Turn a feed entry into the series facts it announces, after a cheap test for any sign of series news."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from bot.extract import extract
from bot.model import Entry, SeriesFacts

# Each tail with a piece of it that a substring test finds: most texts have none of them, and that test costs far
# less than the regex's scan of the whole text.
_BOILERPLATE = (
    ("appeared first on", re.compile(r"\bThe post .{0,300}? appeared first on .{0,120}$", re.DOTALL)),
    ("Continue reading", re.compile(r"\bContinue reading\b.{0,300}$", re.DOTALL)),
    ("]", re.compile(r"\s*\[(?:…|\.\.\.)\]\s*$")),
)


def entry_text(entry: Entry) -> str:
    """Return the body text of an entry without feed boilerplate tails."""
    parts: list[str] = []
    for part in (entry.summary, entry.content):
        text = part
        for needle, pattern in _BOILERPLATE:
            if needle in text:
                text = pattern.sub("", text)
        text = text.strip()
        if text and all(text not in other for other in parts):
            parts.append(text)
    return "\n\n".join(parts)


def _data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("bot").joinpath("data", name).read_text(encoding="utf-8"))


_STOPWORDS = frozenset(("the", "a", "an", "of", "and", "on", "in", "to", "for", "de", "la", "le"))
_WORD = re.compile(r"[^\W_]+")
_OPENING_QUOTE = re.compile(r"(?:^|[\s(\[—–-])'\w")  # a straight single quote opening a word, not an apostrophe


@dataclass(frozen=True, slots=True)
class _Signs:
    words: frozenset[str]  # whole words: the longest word of each platform name and type (there if the name is)
    cues: tuple[str, ...]  # starts of words ("renew" in "renewed")
    anywhere: tuple[str, ...]  # quotes, and CJK signs (CJK puts no spaces between words)


@functools.cache
def _signs() -> _Signs:
    gate = _data("gate.toml")
    names: set[str] = set()
    for platform in _data("platforms.toml").get("platform", ()):
        names.update(str(name) for name in (platform.get("name"), *platform.get("aliases", ())) if name)
    lexicon = _data("lexicon.toml")
    for table in ("types", "types_cjk"):
        names.update(str(word) for word in lexicon.get(table, {}))
    words: set[str] = set()
    anywhere = {str(sign) for sign in gate.get("quotes", ()) if sign != "'"}
    for name in names:
        tokens = [token for token in _WORD.findall(name.lower()) if token not in _STOPWORDS]
        if name.isascii() and tokens:
            longest = max(reversed(tokens), key=len)
            words.update((longest, longest + "s"))
        else:
            anywhere.add(name.lower())
    cues = {str(cue).lower() for cue in gate.get("cues", ())}
    anywhere.update(cue for cue in cues if not cue.isascii())
    # A cue like "k-drama" is two words to the tokenizer: its longest word stands for it.
    prefixes = {max(_WORD.findall(cue), key=len) for cue in cues if cue.isascii() and _WORD.findall(cue)}
    return _Signs(frozenset(words), tuple(sorted(prefixes)), tuple(sorted(anywhere)))


def may_announce(headline: str, text: str) -> bool:
    """Tell whether the text shows any sign of series news (a quote, a platform, a type or cue word)."""
    signs = _signs()
    lowered = f"{headline}\n{text}".lower()
    if any(sign in lowered for sign in signs.anywhere) or ("'" in lowered and _OPENING_QUOTE.search(lowered)):
        return True
    tokens = set(_WORD.findall(lowered))
    return not signs.words.isdisjoint(tokens) or any(token.startswith(signs.cues) for token in tokens)


def normalise(entry: Entry) -> list[SeriesFacts]:
    """Return the series an entry announces (none for news that is not about a new series)."""
    text = entry_text(entry)
    if not may_announce(entry.title, text):
        return []
    return extract(text, headline=entry.title, published=entry.published)
