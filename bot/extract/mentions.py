"""Find every title mention of a document: each finder in turn, given what the ones before it took."""

from __future__ import annotations

import re

from bot.extract import candidates, headlines, lists, runs, slates, titles
from bot.extract.text import Document
from bot.extract.titles import Mention

_CAPITAL_THE = re.compile(r"[\w,’'”] The $")


def find_mentions(doc: Document) -> tuple[list[Mention], list[Mention]]:
    """Return every candidate title mention, and those of them that are repeats of another."""
    found = titles.find_quoted(doc)
    candidates.frame_quoted(doc, found)
    found += headlines.counted_list(doc, found)
    found += slates.by_slate(doc, found)
    if doc.headline_end > 0 and not runs.prose(doc.text[: doc.headline_end]):
        found += titles.find_headline_titles(doc, found)
        found += headlines.headline_runs(doc, found)
        found = [m for m in found if m.source != "headline" or (
            m.title is None or (runs.plausible_title(m.title) and not doc.text[: m.start].endswith(", ")))]
    found += headlines.labelled_title(doc, found)
    found += lists.list_titles(doc, found)
    found += candidates.frame_titles(doc, found)
    found = candidates.split_seasons(found)
    repeats = titles.find_repeats(doc, found)
    candidates.frame_quoted(doc, repeats)
    listed = candidates.split_seasons(lists.chained_titles(doc, found + repeats))
    repeats += titles.find_repeats(doc, found + repeats + listed)
    spans = [(m.start, m.end) for m in repeats]
    found = [m for m in found + listed if not any(a <= m.start and m.end <= b and b - a > m.end - m.start
                                                  for a, b in spans)]
    candidates.follow_ups(doc, found)
    return found, repeats


def restore_articles(text: str, mentions: list[Mention]) -> None:
    """Read "Lost Harbour" in a headline as the "The Lost Harbour" the body names: headlines drop the article."""
    full = {m.key: m.title for m in mentions if m.title and m.key.startswith("the ")}
    for mention in mentions:
        # A capital "The" inside a sentence, right before a title, belongs to it.
        before = text[max(0, mention.start - 12) : mention.start]
        if mention.title and not mention.key.startswith("the ") and _CAPITAL_THE.search(before):
            full.setdefault(f"the {mention.key}", f"The {mention.title}")
    for mention in mentions:
        if mention.title and f"the {mention.key}" in full:
            mention.title = full[f"the {mention.key}"]
            mention.key = f"the {mention.key}"
