"""Render the neutral command replies as Discord message parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import discord

from bot.discord.embeds import (
    DEFAULT_COLOUR,
    ERROR_COLOUR,
    FIELD_COUNT_LIMIT,
    FIELD_VALUE_LIMIT,
    OK_COLOUR,
    announcement_embed,
    discord_date,
    display_title,
    fit,
    fit_all,
    listing_embed,
    series_embed,
)
from bot.discord.text import clip, escape, join_clipped, line, link, neutralise, safe_url, strip_controls
from bot.model import Series
from bot.replies import (
    Choices,
    FeedList,
    FeedRow,
    ListingCard,
    Message,
    NewsList,
    Preview,
    Reply,
    SeriesCard,
    SeriesList,
)

CONTENT_LIMIT = 2000
PREVIEW_EMBEDS = 9


@dataclass(frozen=True, slots=True)
class Rendered:
    """What to send: text, embeds, and whether only the caller should see it."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)
    ephemeral: bool = False


def message_text(text: str) -> str:
    """Return a handler's own message for Discord: channel mentions kept, pings broken."""
    return clip(neutralise(strip_controls(text)), CONTENT_LIMIT) or "Done."


def render(reply: Reply) -> Rendered:
    """Turn a neutral reply into message parts."""
    match reply:
        case Message(text, ok):
            return Rendered(("" if ok else "⚠️ ") + message_text(text), ephemeral=not ok)
        case SeriesCard(series, news):
            return Rendered(embeds=[series_embed(series, news)])
        case ListingCard(text, _source, listings):
            return Rendered(message_text(text), fit_all([listing_embed(item) for item in listings]))
        case Choices(text, hits):
            lines = [f"• {line(hit.title)} — `/series title:#{hit.series_id}`" for hit in hits]
            embed = discord.Embed(title="Did you mean…", description=escape(text) + "\n" + "\n".join(lines),
                                  colour=DEFAULT_COLOUR)
            return Rendered(embeds=[fit(embed)], ephemeral=True)
        case SeriesList(title, items, empty, calendar):
            rows = [_series_row(series) for series in items]
            embed = _list_embed(title, rows, empty)
            if calendar and safe_url(calendar):
                embed.add_field(name="Calendar", value=link("Add these premieres to your calendar", calendar))
            return Rendered(embeds=[fit(embed)])
        case NewsList(title, items, empty):
            rows = [f"• **{display_title(item.series)}**: {link(item.headline, item.source_url)}" for item in items]
            return Rendered(embeds=[_list_embed(title, rows, empty)])
        case FeedList(rows):
            return Rendered(embeds=[feed_list_embed(rows)], ephemeral=True)
        case Preview():
            return _preview(reply)
    raise TypeError(f"unknown reply {reply!r}")


def _series_row(series: Series) -> str:
    when = discord_date(series.premiere_date) if series.premiere_date else "date to be announced"
    where = ", ".join(line(p) for p in series.platforms)
    return f"• {when} — **{display_title(series)}**" + (f" ({where})" if where else "")


def _list_embed(title: str, rows: list[str], empty: str) -> discord.Embed:
    body = join_clipped(rows, 4000, sep="\n") if rows else escape(empty)
    return fit(discord.Embed(title=line(title), description=body, colour=DEFAULT_COLOUR))


def _when(moment: datetime | None) -> str:
    return f"<t:{int(moment.timestamp())}:R>" if moment else "not scheduled"


def _feed_value(row: FeedRow) -> str:
    lines = [f"**State:** {escape(row.state)} · {row.entries_seen} items seen · next check {_when(row.next_check_at)}",
             f"**Posts to:** {', '.join(neutralise(d) for d in row.destinations) or 'nowhere'}",
             f"**Filters:** {escape(row.filters)}", f"**URL:** {line(row.url)}"]
    if row.last_error:
        lines.append(f"**Last error:** {line(row.last_error)}")
    return clip("\n".join(lines), FIELD_VALUE_LIMIT)


def feed_list_embed(rows: tuple[FeedRow, ...]) -> discord.Embed:
    """List feeds as fields, noting those that did not fit."""
    if not rows:
        return discord.Embed(title="Feeds", colour=DEFAULT_COLOUR,
                             description="No feeds yet. Add one with `/feeds add url:`.")
    shown = rows[: FIELD_COUNT_LIMIT - 1] if len(rows) > FIELD_COUNT_LIMIT else rows
    embed = discord.Embed(title=f"Feeds ({len(rows)})", colour=DEFAULT_COLOUR)
    for row in shown:
        embed.add_field(name=f"#{row.id} {line(row.label)}", value=_feed_value(row), inline=False)
    if len(shown) < len(rows):
        embed.add_field(name="More", value=f"{len(rows) - len(shown)} more feeds not shown.", inline=False)
    wanted = len(embed.fields)
    fit(embed)
    if len(embed.fields) < wanted:
        embed.description = "Some feeds did not fit; name the others by id or URL."
        fit(embed)
    return embed


def _preview(preview: Preview) -> Rendered:
    notes = [escape(note) for note in preview.notes]
    summary = (f"{len(preview.announcements)} announcement(s) would be posted from "
               f"{link(preview.feed_title, preview.url)} ({preview.entries} items in the feed). Nothing was posted.")
    head = fit(discord.Embed(title="Feed test", description="\n".join([summary, *notes]),
                             colour=OK_COLOUR if preview.announcements else ERROR_COLOUR))
    cards = [announcement_embed(item) for item in preview.announcements[:PREVIEW_EMBEDS]]
    for card in cards:
        card.description = clip(card.description or "", 300) or None
    embeds = fit_all([head, *cards])
    left = len(preview.announcements) - (len(embeds) - 1)
    content = f"…and {left} more not shown." if left > 0 else None
    return Rendered(content, embeds, ephemeral=True)
