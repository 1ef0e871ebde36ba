"""Whole-article reports that name many series without news of any: a night's ratings, an awards slate."""

from __future__ import annotations

import re

from bot.extract.scan import ODD_CASE, may_hold

# One show's audience figure: "4.2 million viewers", "(1.2 mil/0.4)", "adults 18-49: 0.5", "a 2.9/5", "up 0.2".
_FIGURE = re.compile(
    r"\b\d[\d.,]*\s*(?:million|mil\.?|m|k|thousand)?\s+(?:total\s+)?viewers\b"
    r"|\(\s*\d[\d.,]*\s*(?:million|mil\.?|m|k)?\s*/\s*\d\.\d+\s*\)"
    r"|\badults\s+18-49:?\s*\d"
    r"|\b\d\.\d+\s+(?:demo\s+)?rating\b"
    r"|\b\d{1,2}\.\d\s*/\s*\d{1,2}\b"
    r"|\b(?:up|down|rose|fell|gained|dipped|slipped|sagged|ticked\s+up|jumped)\s+(?:by\s+)?0\.\d\b"
    r"|\b(?:drew|pulled\s+in|averaged|delivered)\s+(?:an?\s+)?(?:estimated\s+)?\d[\d.,]*\s*(?:million|mil\b)",
    re.IGNORECASE,
)
# An awards slate: nominations counted, categories named.
_AWARD = re.compile(
    r"(?<!-)\bnominat(?:ions?|ed)\b|\bnominees?\b|\bnods\b|\bOutstanding\s+(?:Drama|Comedy|Limited|Lead|Supporting|Variety)"
    r"|\b[Bb]est\s+(?:[Dd]rama|[Cc]omedy|[Ll]ead|[Ss]upporting|[Ll]imited|[Aa]ctor|[Aa]ctress)",
)
# Series news of its own in a sentence: ordered, renewed, cancelled, cast.
_NEWS = re.compile(
    r"\b(?:renew(?:s|ed|al)|cancel(?:s|led|ed|lation)|axed|picked\s+up|series\s+order|order(?:s|ed)|green-?lit"
    r"|(?:has|have|was|were)\s+cast|joins?\s+the\s+cast)\b",
    re.IGNORECASE,
)

# An awards slate names no coming release; series news may describe its people by their nominations.
_RELEASE = re.compile(
    r"\b(?:trailer|teaser|first[\s-]+look|premiere\s+date|(?:will|to|set\s+to)\s+(?:premiere|debut|return))\b",
    re.IGNORECASE,
)


def report_without_news(text: str) -> bool:
    """Tell whether a text with no order, renewal or casting news is a ratings report or an awards slate.

    A ratings report reads off audience figures show after show (four or more), whatever one show its headline
    names; an awards slate is taken up with nominations and categories (four or more mentions) and names no coming
    release, even under a headline with a series word in it.
    """
    # Most series news names its order, renewal or cast early: one search settles it before any counting.
    if may_hold(text, _NEWS_WORDS) and _NEWS.search(text):
        return False
    return _count(_FIGURE, text, _FIGURE_WORDS) >= 4 or (
        _count(_AWARD, text, _AWARD_WORDS) >= 4 and not _RELEASE.search(text))


# Every match of _NEWS holds one of these (in case-folded text): a text without any is not searched.
_NEWS_WORDS = ("renew", "cancel", "axed", "picked", "order", "green", "cast")
# Every match of _FIGURE holds one of these (in case-folded text), every match of _AWARD one of those: a text that
# holds fewer than four in all is spared the scan, which tries each alternative at every place.
_FIGURE_WORDS = ("viewers", "/", "18-49", "rating", "0.", "drew", "pulled", "averaged", "delivered")
_AWARD_WORDS = ("nominat", "nominee", "nods", "Outstanding", "best", "Best")


def _count(pattern: re.Pattern[str], text: str, words: tuple[str, ...], enough: int = 4) -> int:
    """Count pattern's matches in text, up to enough (none where the words one of them needs are too few)."""
    folded = text
    if pattern.flags & re.IGNORECASE:
        # Case-insensitive matching equates a few letters that case folding keeps apart ("ı" and "i").
        folded = "" if any(letter in text for letter in ODD_CASE) else text.casefold()
    if folded and sum(folded.count(word) for word in words) < enough:
        return 0
    found = 0
    for _ in pattern.finditer(text):
        found += 1
        if found >= enough:
            break
    return found


# An award category ("Best Drama Series", "comedy series nods") in an awards headline names no series news: its
# series word must not outweigh the nominations.
_AWARD_HEADLINE = re.compile(
    r"\b(?:nominations?|nominees?|nods|emmys?|golden\s+globes?|baftas?|awards?|up\s+for\s+(?:best|outstanding))\b",
    re.IGNORECASE,
)
_CATEGORY = re.compile(
    r"\b(?:best|outstanding)\s+(?:[\w-]+\s+){0,3}(?:series|drama|comedy|show)\b"
    r"|\b(?:drama|comedy|limited|anthology|variety)\s+series\b(?=\s+(?:nominations?|nominees?|nods|awards?|prize))",
    re.IGNORECASE,
)


def without_award_category(head: str) -> str:
    """Return an awards headline with its award categories blanked ("Up for Best Drama Series" -> "Up for  ")."""
    return _CATEGORY.sub(" nominations ", head) if _AWARD_HEADLINE.search(head) else head
