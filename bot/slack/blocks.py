"""Render announcements and series as Block Kit, within Slack's limits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.cards import news_label, season_text
from bot.enrich.view import LABELS, database_premiere, links
from bot.model import Announcement, Event, Listing, Series
from bot.names import fold
from bot.slack.text import (
    clean,
    core_text,
    date_token,
    escape,
    join_limited,
    link,
    mrkdwn,
    shorten,
)

Block = dict[str, Any]
MAX_BLOCKS = 50
MAX_TEXT = 3000
MAX_FIELDS = 10
MAX_FIELD = 2000
MAX_HEADER = 150
MAX_BUTTON = 75
MAX_ALT = 2000
MAX_IMAGE_URL = 3000
MAX_FALLBACK = 3000
SUMMARY = 600
_SUBTEAM = re.compile(r"^S[A-Z0-9]{2,20}$")
_IMAGE_URL = re.compile(r"^https?://[^\s<>|\"]+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A Slack message: blocks and the plain-text fallback for notifications."""

    text: str
    blocks: list[Block] = field(default_factory=list)


def header(text: str) -> Block:
    """Return a header block from raw text."""
    return {"type": "header", "text": {"type": "plain_text", "text": mrkdwn(text, MAX_HEADER) or "Untitled",
                                       "emoji": True}}


def section(text: str | None = None, fields: list[str] | None = None, accessory: Block | None = None) -> Block:
    """Return a section from mrkdwn that is already escaped."""
    block: Block = {"type": "section"}
    if text or not fields:
        block["text"] = {"type": "mrkdwn", "text": shorten(text or "_Nothing to show._", MAX_TEXT)}
    if fields:
        block["fields"] = [{"type": "mrkdwn", "text": shorten(value, MAX_FIELD)} for value in fields[:MAX_FIELDS]]
    if accessory:
        block["accessory"] = accessory
    return block


def context(*elements: str) -> Block:
    """Return a context line from escaped mrkdwn pieces."""
    shown = [text for text in elements if text][:10] or ["…"]
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": shorten(text, MAX_TEXT)} for text in shown]}


def button(text: str, action_id: str, value: str) -> Block:
    """Return a button element."""
    return {"type": "button", "text": {"type": "plain_text", "text": mrkdwn(text, MAX_BUTTON) or "Show",
                                       "emoji": True}, "action_id": action_id, "value": value[:2000]}


def image(url: str | None, alt: str) -> Block | None:
    """Return an image accessory for a plausible http(s) URL."""
    value = (url or "").strip()
    if not _IMAGE_URL.match(value) or len(value) > MAX_IMAGE_URL:
        return None
    return {"type": "image", "image_url": value, "alt_text": mrkdwn(alt, MAX_ALT) or "image"}


def cap(blocks: list[Block], limit: int = MAX_BLOCKS) -> list[Block]:
    """Keep at most limit blocks, saying how many were left out."""
    if len(blocks) <= limit:
        return blocks
    return [*blocks[: limit - 1], context(f"… and {len(blocks) - limit + 1} more blocks not shown")]


def _field(label: str, items: list[str]) -> str | None:
    values = [item for item in items if item]
    if not values:
        return None
    prefix = f"*{label}*\n"
    return prefix + join_limited(values, MAX_FIELD - len(prefix))


def premiere(series: Series) -> str:
    """Return the premiere as a localised date token, or the text the news gave."""
    if series.premiere_date:
        return date_token(series.premiere_date)
    if series.premiere_text:
        return mrkdwn(series.premiere_text, 200)
    known = database_premiere(series)
    return f"{date_token(known[0])} ({known[1]})" if known else ""


def links_line(listing: Listing | None) -> str:
    """Return the listing's pages as mrkdwn links joined by dots, or ''."""
    if listing is None:
        return ""
    return " · ".join(link(url, label, 60) for label, url in links(listing))


def poster(series: Series) -> str | None:
    """Return the database poster of a series, if it has been matched."""
    return series.listing.poster if series.listing else None


def series_fields(series: Series) -> list[str]:
    """Return the facts of a series as section fields."""
    def names(values: tuple[str, ...]) -> list[str]:
        return [mrkdwn(value, 200) for value in values]

    cast = [mrkdwn(f"{m.name} ({m.role})" if m.role else m.name, 300) for m in series.cast]
    listing = series.listing
    # The season shares the status field: a section holds at most ten fields.
    status = [" · ".join(part for part in (season_text(series), series.status.value.replace("_", " ").capitalize())
                         if part)]
    if listing and listing.status:
        status.append(f"{LABELS.get(listing.source, listing.source)}: {mrkdwn(listing.status, 60)}")
    channel = listing.channel if listing else None
    network = [mrkdwn(channel, 200)] if channel and fold(channel) not in {fold(p) for p in series.platforms} else []
    credits = [mrkdwn(f"{c.name} ({c.job})", 300) for c in series.creators]
    candidates = [
        _field("Platform", names(series.platforms)),
        _field("Kind", [escape(series.kind.value.capitalize())] if series.kind else []),
        _field("Network", network),
        _field("Status", status),
        _field("Premiere", [premiere(series)]),
        _field("Cast", cast),
        _field("Created by", credits),
        _field("Countries", names(series.countries)),
        _field("Genres", names(series.genres)),
        _field("Based on", [mrkdwn(series.based_on, 300)]),
    ]
    return [value for value in candidates if value][:MAX_FIELDS]


def mention_line(mention: str | None) -> str | None:
    """Return the user-group mention for a subscription, or None unless it is a user group id."""
    return f"<!subteam^{mention}>" if mention and _SUBTEAM.match(mention) else None


def announcement_blocks(item: Announcement, *, mention: str | None = None, images: bool = True) -> Rendered:
    """Render an announcement as a card: title, facts, what changed and the source."""
    series = item.series
    label = news_label(item, update="Update")
    blocks: list[Block] = []
    ping = mention_line(mention)
    if ping:
        blocks.append(section(ping))
    blocks.append(header(series.display_title))
    lead = f"*{label}* · {mrkdwn(item.headline, 500)}" if clean(item.headline) else f"*{label}*"
    about = mrkdwn(item.summary or series.synopsis, SUMMARY, lines=True)
    picture = image(poster(series) or item.image or series.image, series.display_title) if images else None
    blocks.append(section(f"{lead}\n{about}" if about else lead, series_fields(series), picture))
    if item.event is Event.UPDATE and item.changes:
        changes = [f"• {mrkdwn(change, 300)}" for change in item.changes if clean(change)]
        blocks.append(section("*What changed*\n" + join_limited(changes, MAX_TEXT - 20, "\n")))
    source = link(item.source_url, item.source_name or item.source_url or "source", 200)
    when = f" · {date_token(item.published.date())}" if item.published else ""
    blocks.append(context(f"Source: {source}{when}", links_line(series.listing)))
    fallback = f"{label}: {clean(series.display_title)}"
    if clean(item.headline):
        fallback += f" — {clean(item.headline)}"
    # The ping goes in front of the fallback, so the fallback gives up the room the ping takes.
    text = shorten(escape(fallback), MAX_FALLBACK - (len(ping) + 1 if ping else 0))
    return Rendered(f"{ping} {text}" if ping else text, cap(blocks))


def notice_blocks(text: str) -> Rendered:
    """Render an admin notice from the core as a plain section."""
    body = core_text(text, MAX_TEXT - 12)
    return Rendered(shorten(body, MAX_FALLBACK) or "seriesbot notice", [section(f":warning: {body}")])
