"""Turn a feed entry into the series facts it announces."""

from __future__ import annotations

import re

from bot.extract import extract
from bot.model import Entry, SeriesFacts

_BOILERPLATE = (
    re.compile(r"\bThe post .{0,300}? appeared first on .{0,120}$", re.DOTALL),
    re.compile(r"\bContinue reading\b.{0,300}$", re.DOTALL),
    re.compile(r"\s*\[(?:…|\.\.\.)\]\s*$"),
)


def entry_text(entry: Entry) -> str:
    """Return the body text of an entry without feed boilerplate tails."""
    parts: list[str] = []
    for part in (entry.summary, entry.content):
        text = part
        for pattern in _BOILERPLATE:
            text = pattern.sub("", text)
        text = text.strip()
        if text and all(text not in other for other in parts):
            parts.append(text)
    return "\n\n".join(parts)


def normalise(entry: Entry) -> list[SeriesFacts]:
    """Return the series an entry announces (none for news that is not about a new series)."""
    return extract(entry_text(entry), headline=entry.title, published=entry.published)
