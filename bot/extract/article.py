"""Read an article page (HTML) or a plain-text file into headline, text and metadata."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import import_module
from typing import Any

log = logging.getLogger(__name__)

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html\b)", re.IGNORECASE)
_HTML_BODY = re.compile(r"<body\b", re.IGNORECASE)
_ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNews", "BlogPosting", "AnalysisNewsArticle"})


@dataclass(frozen=True)
class ArticlePage:
    """What an article page says about itself, and its main text."""

    headline: str | None
    text: str
    image: str | None
    published: datetime | None
    site_name: str | None


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        try:
            found = datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def _image(value: object) -> str | None:
    if isinstance(value, str):
        return value or None
    if isinstance(value, list) and value:
        return _image(value[0])
    if isinstance(value, dict):
        return _image(value.get("url") or value.get("contentUrl"))
    return None


def _walk(node: Any) -> list[dict[str, Any]]:
    """Return every JSON-LD object in node, flattening lists and @graph."""
    if isinstance(node, list):
        return [item for child in node for item in _walk(child)]
    if isinstance(node, dict):
        found = [node]
        if "@graph" in node:
            found.extend(_walk(node["@graph"]))
        return found
    return []


def _json_ld(tree: Any) -> dict[str, Any]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            log.debug("unreadable JSON-LD block")
            continue
        for item in _walk(data):
            kinds = item.get("@type")
            kinds = set(kinds) if isinstance(kinds, list) else {kinds}
            if kinds & _ARTICLE_TYPES:
                return item
    return {}


def _meta(tree: Any, *names: str) -> str | None:
    for name in names:
        for attribute in ("property", "name"):
            values = tree.xpath(f'//meta[@{attribute}="{name}"]/@content')
            if values and str(values[0]).strip():
                return str(values[0]).strip()
    return None


@cache
def _trafilatura() -> Any:
    """Return the trafilatura module, or None (logged once) when it cannot be imported."""
    try:
        return import_module("trafilatura")
    except ImportError as error:
        log.warning("trafilatura unavailable (%s); using the plain paragraph reader", error)
        return None


def _main_text(html: str, tree: Any, url: str | None) -> str:
    """Return the page's main text: trafilatura's, else the paragraphs of <article>, <main> or <body>."""
    trafilatura = _trafilatura()
    if trafilatura is not None:
        text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False)
        if text:
            return str(text)
    for scope in ("//article", "//main", "//body", "/*"):
        paragraphs = [
            " ".join(node.text_content().split())
            for node in tree.xpath(scope + "//*[self::p or self::h2 or self::h3 or self::li]")
            if not node.xpath("ancestor::nav or ancestor::footer or ancestor::aside or ancestor::script")
        ]
        paragraphs = [text for text in paragraphs if text]
        if paragraphs:
            return "\n".join(paragraphs)
    return ""


def parse_article(html: str, url: str | None = None) -> ArticlePage:
    """Return the page's main text with its JSON-LD or OpenGraph headline, image and publication time."""
    lxml_html: Any = import_module("lxml.html")
    try:
        tree = lxml_html.fromstring(html.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (ValueError, TypeError, import_module("lxml.etree").ParserError):
        return ArticlePage(None, "", None, None, None)
    ld = _json_ld(tree)
    publisher = ld.get("publisher")
    headline = ld.get("headline") or _meta(tree, "og:title", "twitter:title")
    if not headline:
        titles = tree.xpath("//title/text()")
        headline = str(titles[0]).strip() if titles else None
    return ArticlePage(
        headline=str(headline).strip() if headline else None,
        text=_main_text(html, tree, url),
        image=_image(ld.get("image")) or _meta(tree, "og:image", "twitter:image"),
        published=_parse_time(ld.get("datePublished")) or _parse_time(_meta(tree, "article:published_time")),
        site_name=(publisher.get("name") if isinstance(publisher, dict) else None) or _meta(tree, "og:site_name"),
    )


def read_text_file(raw: str) -> tuple[str | None, str]:
    """Return (headline, body) of a text file: the first non-empty line heads plain text; HTML is parsed."""
    if _HTML_START.match(raw[:200]) or _HTML_BODY.search(raw[:5000]):
        page = parse_article(raw)
        return page.headline, page.text
    lines = raw.strip().split("\n", 1)
    headline = lines[0].strip() or None
    return headline, lines[1].strip() if len(lines) > 1 else ""
