"""Make untrusted text safe for Discord: no control characters, no markdown, no live mentions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from discord.utils import escape_markdown

ELLIPSIS = "…"
ZWSP = "\u200b"
_BIDI = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}
_DROP_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})
_EVERYONE = re.compile(r"@(?=(?:everyone|here))", re.IGNORECASE)
T = TypeVar("T")
_TAG = re.compile("<@(?!\u200b)")


def utf16_len(text: str) -> int:
    """Return the length in UTF-16 code units, never less than what Discord counts."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def strip_controls(text: str, *, keep_newlines: bool = True) -> str:
    """Drop control, bidirectional-override, unassigned and surrogate characters."""
    if text.isprintable():
        return text
    kept = []
    for ch in text:
        if ch == "\n" and keep_newlines:
            kept.append(ch)
        elif ch in "\t\r\n\v\f":
            kept.append(" ")
        elif ord(ch) not in _BIDI and unicodedata.category(ch) not in _DROP_CATEGORIES:
            kept.append(ch)
    return "".join(kept)


def has_controls(text: str) -> bool:
    """Tell whether text holds control, bidirectional-override, unassigned or surrogate characters."""
    return any(ord(ch) in _BIDI or unicodedata.category(ch) in _DROP_CATEGORIES for ch in text)


def neutralise(text: str) -> str:
    """Break @everyone, @here and <@…> mention syntax with a zero-width space."""
    return _TAG.sub("<@" + ZWSP, _EVERYONE.sub("@" + ZWSP, text))


def escape(text: str | None, limit: int = 4096, *, keep_newlines: bool = True) -> str:
    """Return feed text that Discord shows literally (no markdown, no pings), cut to limit."""
    if not text:
        return ""
    # Escaping only lengthens text: cutting the raw text first bounds the work on huge input.
    cleaned = strip_controls(text[: limit + 64], keep_newlines=keep_newlines).strip()
    if not keep_newlines:
        cleaned = " ".join(cleaned.split())
    return clip(neutralise(escape_markdown(cleaned)), limit)


def line(text: str | None, limit: int = 256) -> str:
    """Escape text shown on one line."""
    return escape(text, limit, keep_newlines=False)


def link_text(text: str | None) -> str:
    """Escape text for the label of a markdown link."""
    return line(text).replace("[", "\\[").replace("]", "\\]")


def safe_url(url: str | None) -> str | None:
    """Return an http(s) URL fit for an embed or a markdown link, or None."""
    if not url or len(url) > 2000 or not url.startswith(("https://", "http://")):
        return None
    if any(ch.isspace() or unicodedata.category(ch).startswith("C") or ch in "<>\"" for ch in url):
        return None
    return url.replace("(", "%28").replace(")", "%29")


def link(label: str | None, url: str | None) -> str:
    """Return a markdown link, or the escaped label alone when the URL is unusable."""
    text = link_text(label) or "link"
    target = safe_url(url)
    return f"[{text}]({target})" if target else text


def clip(text: str, limit: int) -> str:
    """Cut text to at most limit UTF-16 units, at a word boundary when one is near, with an ellipsis."""
    if utf16_len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    budget = limit - 1
    used = 0
    end = 0
    for index, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > budget:
            break
        end = index + 1
    cut = text[:end]
    space = cut.rfind(" ")
    if space >= end * 0.8:
        cut = cut[:space]
    # A trailing backslash would escape the ellipsis, half an escape pair would show.
    cut = cut.rstrip()
    if cut.endswith("\\") and not cut.endswith("\\\\"):
        cut = cut[:-1]
    return cut + ELLIPSIS


def join_clipped(items: Sequence[T], limit: int, sep: str = ", ",
                 show: Callable[[T], str] = str) -> str:
    """Join shown items while they fit in limit, ending with 'and N more' for the rest."""
    out: list[str] = []
    used = 0
    for index, item in enumerate(items):
        text = show(item)
        if not text:
            continue
        rest = len(items) - index - 1
        size = utf16_len(text) + (utf16_len(sep) if out else 0)
        tail = utf16_len(f"{sep}and {rest} more") if rest else 0
        if used + size + tail <= limit:
            out.append(text)
            used += size
            continue
        more = f"and {len(items) - index} more"
        if not out:
            return clip(clip(text, max(0, limit - len(more) - len(sep))) + sep + more, limit)
        return sep.join([*out, more])
    return sep.join(out)
