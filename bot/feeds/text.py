"""Reduce feed HTML to plain text."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCKS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"})
_SKIP = frozenset({"script", "style", "noscript"})
_SPACES = re.compile(r"[ \t\r\f\v]+")
# What any run _SPACES would change holds; most texts hold none, and the regex costs ~40 ns a character to find that.
_ODD_SPACES = ("  ", "\t", "\r", "\f", "\v")
_NEWLINES = re.compile(r"\n\s*\n+")
# A start or end tag whose attributes, if any, are plain: HTMLParser reads it the same way, so markup made only of
# these and text can skip it. Anything else (comments, scripts, odd attributes, a bare "<") goes to HTMLParser.
_PLAIN_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)"""
                        r"""((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?)*)"""
                        r"""\s*(/?)>""")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skipping:
            self.skipping -= 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Return readable plain text from an HTML fragment."""
    if "<" not in markup and "&" not in markup:
        return _tidy(markup)
    parts = _plain_parts(markup)
    if parts is None:
        collector = _TextCollector()
        collector.feed(markup)
        collector.close()
        parts = collector.parts
    # Feeds that escape twice (&amp;amp;) leave entities behind after one pass.
    return _tidy(html.unescape("".join(parts)))


def _plain_parts(markup: str) -> list[str] | None:
    """Return what _TextCollector would collect from markup of plain tags and text, or None for other markup."""
    parts: list[str] = []
    position = 0
    while (start := markup.find("<", position)) >= 0:
        tag = _PLAIN_TAG.match(markup, start)
        if tag is None:
            return None
        closing, name, attributes, empty = tag.groups()
        name = name.lower()
        if name in _SKIP or (closing and (attributes or empty)):
            return None
        if start > position:
            parts.append(html.unescape(markup[position:start]))
        if name in _BLOCKS:
            # HTMLParser reads <br/> as a start tag and an end tag.
            parts.append("\n\n" if empty else "\n")
        position = tag.end()
    if position < len(markup):
        parts.append(html.unescape(markup[position:]))
    return parts


def _tidy(text: str) -> str:
    # A run of spaces never spans lines, so one pass over the whole text does what one per line would.
    if any(space in text for space in _ODD_SPACES):
        text = _SPACES.sub(" ", text)
    if "\n" not in text:
        return text.strip()
    return _NEWLINES.sub("\n\n", "\n".join(line.strip() for line in text.split("\n"))).strip()
