"""Slack mrkdwn helpers: cleaning, escaping, tidy truncation, links and date tokens."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime

ELLIPSIS = "…"
# C0/C1 controls except tab and newline, bidi marks and overrides, and lone surrogates.
_DROP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_CHANNEL_REF = re.compile(r"&lt;#([CGD][A-Z0-9]{2,20})&gt;")
_URL = re.compile(r"^https?://[^\s<>|\"]+$", re.IGNORECASE)
MAX_URL = 2000


def clean(text: str | None, *, lines: bool = False) -> str:
    """Drop control, bidirectional and surrogate characters and fold whitespace (keeping lines if asked)."""
    kept = _DROP.sub("", text or "")
    if not lines:
        return " ".join(kept.split())
    folded = "\n".join(_SPACES.sub(" ", line).strip() for line in kept.replace("\r", "\n").split("\n"))
    return _BLANK_LINES.sub("\n\n", folded).strip()


def escape(text: str) -> str:
    """Escape the three characters Slack treats as markup so feed text stays text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def shorten(text: str, limit: int) -> str:
    """Cut text to at most limit characters with an ellipsis, never inside an entity or a <...> token."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    opening = cut.rfind("<")
    if opening > cut.rfind(">"):
        cut = cut[:opening]
    space = cut.rfind(" ")
    if space > len(cut) * 0.7:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def mrkdwn(text: str | None, limit: int, *, lines: bool = False) -> str:
    """Return feed text cleaned, escaped and cut to fit."""
    return shorten(escape(clean(text, lines=lines)), limit)


def core_text(text: str, limit: int) -> str:
    """Escape a core message but keep its channel references (<#C123>) clickable."""
    return shorten(_CHANNEL_REF.sub(r"<#\1>", escape(clean(text, lines=True))), limit)


def safe_url(url: str | None) -> str | None:
    """Return an http(s) URL fit to sit inside <...|...>, or None."""
    value = (url or "").strip()
    if not _URL.match(value) or len(value) > MAX_URL:
        return None
    return escape(value)


def link(url: str | None, label: str | None, limit: int = 300) -> str:
    """Return a mrkdwn link to url labelled with escaped text, or the text alone without a usable URL."""
    text = mrkdwn(label, limit) or "link"
    target = safe_url(url)
    return f"<{target}|{text}>" if target else text


def date_token(day: date, style: str = "{date_long}") -> str:
    """Return a date every reader sees in their own locale, with a plain fallback."""
    fallback = f"{day.day} {day:%B} {day.year}"
    if day.year < 1971:
        return fallback
    # Noon UTC keeps the same calendar day in nearly every time zone.
    stamp = int(datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp())
    return f"<!date^{stamp}^{style}|{fallback}>"


def moment_token(when: datetime) -> str:
    """Return a date and time in the reader's time zone, with an ISO fallback."""
    aware = when if when.tzinfo else when.replace(tzinfo=UTC)
    fallback = aware.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(aware.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def join_limited(items: Sequence[str], limit: int, sep: str = ", ") -> str:
    """Join items, ending with '… +N more' when they do not all fit in limit characters."""
    text = sep.join(items)
    if len(text) <= limit:
        return text

    def suffix(remaining: int) -> str:
        return f" {ELLIPSIS} +{remaining} more" if remaining else ""

    kept: list[str] = []
    length = 0
    for item in items:
        extra = len(item) + (len(sep) if kept else 0)
        if length + extra + len(suffix(len(items) - len(kept) - 1)) > limit:
            break
        kept.append(item)
        length += extra
    if not kept:
        kept.append(shorten(items[0], limit - len(suffix(len(items) - 1))))
    return sep.join(kept) + suffix(len(items) - len(kept))
