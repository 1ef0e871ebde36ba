"""Turn a fetched body into entries: RSS, Atom (feedparser) and JSON Feed."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from bot.feeds.fastrss import parse_rss
from bot.feeds.identity import entry_identity
from bot.feeds.text import html_to_text
from bot.model import Entry

log = logging.getLogger(__name__)
MAX_ENTRIES = 500


class NotAFeed(ValueError):
    """The body is not an RSS, Atom or JSON feed; the message says what it looks like."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's own title and link, and its entries."""

    title: str | None
    link: str | None
    entries: tuple[Entry, ...]


def parse_feed(body: bytes, url: str, headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """Parse body as a feed, or raise NotAFeed."""
    stripped = body.lstrip()[:64]
    if not stripped:
        raise NotAFeed("the response body is empty")
    content_type = (headers or {}).get("Content-Type", "").lower()
    if stripped.startswith((b"{", b"[")) or "json" in content_type:
        return _parse_json_feed(body, url)
    return _parse_xml_feed(body, url, headers or {})


def _parse_xml_feed(body: bytes, url: str, headers: Mapping[str, str]) -> ParsedFeed:
    wanted = {k: v for k, v in headers.items() if k.lower() in ("content-type", "content-location")}
    if not any(k.lower() == "content-location" for k in wanted):
        fast = parse_rss(body, url, wanted, MAX_ENTRIES)
        if fast is not None:
            title, link, entries = fast
            return ParsedFeed(title, link, tuple(entries))
    # Everything is reduced to plain text afterwards, so feedparser's sanitising would be wasted work.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=wanted, sanitize_html=False,
                              resolve_relative_uris=False)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        head = body.lstrip()[:200].lower()
        if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
            raise NotAFeed("the URL returned an HTML page, not a feed")
        problem = parsed.get("bozo_exception")
        raise NotAFeed(f"the body is not an RSS, Atom or JSON feed ({problem or 'unrecognised format'})")
    feed = parsed.feed
    source_name = _clean(feed.get("title"))
    entries = [_entry_from_feedparser(item, url, source_name) for item in parsed.entries[:MAX_ENTRIES]]
    return ParsedFeed(source_name, feed.get("link"), tuple(entries))


def _struct_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        year, month, day, hour, minute, second = value[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = html_to_text(value)
    return text or None


def _entry_image(item: Mapping[str, Any]) -> str | None:
    for key in ("media_thumbnail", "media_content"):
        for media in item.get(key) or ():
            if media.get("url") and (key == "media_thumbnail" or "image" in media.get("type", "image")):
                return str(media["url"])
    for link in item.get("links") or ():
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            return str(link.get("href"))
    image = item.get("image")
    if isinstance(image, Mapping) and image.get("href"):
        return str(image["href"])
    return None


def _entry_from_feedparser(item: Mapping[str, Any], feed_url: str, source_name: str | None) -> Entry:
    title = _clean(item.get("title")) or ""
    link = item.get("link") or None
    published = _struct_time(item.get("published_parsed")) or _struct_time(item.get("updated_parsed"))
    summary = _clean(item.get("summary")) or ""
    contents = [html_to_text(part.get("value", "")) for part in item.get("content") or ()]
    media_description = _clean(item.get("media_description")) or ""
    content = "\n\n".join(text for text in [*contents, media_description] if text and text != summary)
    categories = tuple(str(tag.get("term")) for tag in item.get("tags") or () if tag.get("term"))
    return Entry(
        feed_url=feed_url,
        identity=entry_identity(item.get("id"), link, title, published),
        title=title,
        link=link,
        summary=summary,
        content=content,
        published=published,
        image=_entry_image(item),
        categories=categories,
        author=_clean(item.get("author")),
        source_name=source_name,
    )


def _parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NotAFeed(f"the body looks like JSON but cannot be read: {error}") from None
    if not isinstance(document, dict) or "jsonfeed.org/version" not in str(document.get("version", "")):
        raise NotAFeed("the body is JSON but not a JSON Feed (no jsonfeed.org version)")
    items = document.get("items")
    if not isinstance(items, list):
        raise NotAFeed("the JSON Feed has no items list")
    source_name = _clean(document.get("title"))
    entries = [_entry_from_json(item, url, source_name) for item in items[:MAX_ENTRIES] if isinstance(item, dict)]
    return ParsedFeed(source_name, document.get("home_page_url"), tuple(entries))


def _iso_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _entry_from_json(item: Mapping[str, Any], feed_url: str, source_name: str | None) -> Entry:
    title = _clean(item.get("title")) or ""
    link = item.get("url") if isinstance(item.get("url"), str) else None
    published = _iso_time(item.get("date_published")) or _iso_time(item.get("date_modified"))
    summary = _clean(item.get("summary")) or ""
    content = _clean(item.get("content_html")) or _clean(item.get("content_text")) or ""
    tags = _list(item.get("tags"))
    authors = _list(item.get("authors"))
    author = authors[0].get("name") if authors and isinstance(authors[0], dict) else None
    image = item.get("image") or item.get("banner_image")
    raw_id = item.get("id")
    return Entry(
        feed_url=feed_url,
        identity=entry_identity(str(raw_id) if raw_id is not None else None, link, title, published),
        title=title,
        link=link,
        summary=summary,
        content=content if content != summary else "",
        published=published,
        image=image if isinstance(image, str) else None,
        categories=tuple(str(tag) for tag in tags if isinstance(tag, str)),
        author=_clean(author),
        source_name=source_name,
    )
