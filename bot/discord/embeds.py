"""Announcement and series embeds that respect every Discord limit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

import discord

from bot.cards import news_label, season_text, status_text
from bot.discord.text import clip, escape, join_clipped, line, link, neutralise, safe_url, strip_controls, utf16_len
from bot.enrich.view import LABELS, database_premiere, links
from bot.model import Announcement, CastMember, Credit, Event, Listing, Series
from bot.names import fold

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_COUNT_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
TOTAL_LIMIT = 6000
DEFAULT_COLOUR = 0x5865F2
NOTICE_COLOUR = 0xE67E22
ERROR_COLOUR = 0xED4245
OK_COLOUR = 0x57F287

PLATFORM_COLOURS = {
    "netflix": 0xE50914, "disney+": 0x113CCF, "prime video": 0x00A8E1, "apple tv+": 0x1C1C1E,
    "max": 0x002BE7, "hbo": 0x5822B4, "hulu": 0x1CE783, "peacock": 0xF8B700, "paramount+": 0x0064FF,
    "crunchyroll": 0xF47521, "tvn": 0xED1C24, "jtbc": 0xE4007F, "kbs": 0x0B4DA2, "kbs2": 0x0B4DA2,
    "mbc": 0x00A0E9, "sbs": 0x0061AF, "ena": 0x00B4AA, "tving": 0xFF153C, "wavve": 0x1F4EF5,
    "coupang play": 0x2C2C2C, "bbc": 0x1A1A1A, "bbc one": 0x1A1A1A, "itv": 0x00A19A, "nhk": 0xE60012,
    "viki": 0x0A97D9, "iqiyi": 0x00BE06, "youtube": 0xFF0000,
}

def colour_for(platforms: Sequence[str]) -> int:
    """Return the brand colour of the first known platform, else the default."""
    for platform in platforms:
        colour = PLATFORM_COLOURS.get(fold(platform))
        if colour is not None:
            return colour
    return DEFAULT_COLOUR


def discord_date(day: date) -> str:
    """Return a Discord timestamp that shows the date in each reader's own time zone."""
    # Noon UTC is the same calendar day from UTC-12 to UTC+11, midnight would show the day before in America.
    moment = datetime.combine(day, time(12), tzinfo=UTC)
    return f"<t:{int(moment.timestamp())}:D>"


def premiere_text(series: Series) -> str:
    """Return the premiere as a Discord timestamp, or the words the news used."""
    if series.premiere_date:
        return discord_date(series.premiere_date)
    if series.premiere_text:
        return line(series.premiere_text, FIELD_VALUE_LIMIT)
    known = database_premiere(series)
    return f"{discord_date(known[0])} ({known[1]})" if known else ""


def _status(series: Series) -> str:
    text = status_text(series.status)
    listing = series.listing
    if listing and listing.status:
        text += f" · {LABELS.get(listing.source, listing.source)}: {line(listing.status, 60)}"
    return text


def _network(series: Series) -> str:
    """Return the database's network or web channel when the news named another (or none)."""
    channel = series.listing.channel if series.listing else None
    if not channel or any(fold(channel) == fold(platform) for platform in series.platforms):
        return ""
    return line(channel, FIELD_VALUE_LIMIT)


def links_text(listing: Listing | None) -> str:
    """Return the listing's pages as markdown links joined by dots."""
    if listing is None:
        return ""
    return " · ".join(link(label, url) for label, url in links(listing))


def _person(member: CastMember | Credit) -> str:
    if isinstance(member, CastMember):
        return line(f"{member.name} as {member.role}" if member.role else member.name)
    return line(f"{member.name} ({member.job})" if member.job else member.name)


def series_fields(series: Series) -> list[tuple[str, str, bool]]:
    """Return the (name, value, inline) fields describing a series, empty ones left out."""
    origin = [", ".join(series.countries[:20]), ", ".join(series.genres[:20]), series.kind.value if series.kind else ""]
    fields = [
        ("Platform", join_clipped(series.platforms, FIELD_VALUE_LIMIT, show=line), True),
        ("Network", _network(series), True),
        ("Status", _status(series), True),
        ("Season", season_text(series).removeprefix("Season "), True),
        ("Premiere", premiere_text(series), True),
        ("Cast", join_clipped(series.cast, FIELD_VALUE_LIMIT, show=_person), False),
        ("Created by", join_clipped(series.creators, FIELD_VALUE_LIMIT, show=_person), False),
        ("Countries & genre", line(" · ".join(part for part in origin if part), FIELD_VALUE_LIMIT), False),
        ("Based on", line(series.based_on, FIELD_VALUE_LIMIT), False),
        ("Links", links_text(series.listing), False),
    ]
    return [(name, value, inline) for name, value, inline in fields if value.strip()]


def display_title(series: Series) -> str:
    """Return the escaped title of a series, never empty."""
    return line(series.display_title, TITLE_LIMIT) or "Untitled series"


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def announcement_embed(announcement: Announcement) -> discord.Embed:
    """Render one announcement as a card: new series or what changed."""
    series = announcement.series
    lines: list[str] = []
    if announcement.event is Event.UPDATE and announcement.changes:
        lines.extend(f"**{line(change)}**" for change in announcement.changes[:10])
        lines.append("")
    lines.append(escape(series.synopsis or announcement.summary or announcement.headline))
    embed = discord.Embed(title=display_title(series), url=safe_url(announcement.source_url),
                          description="\n".join(lines).strip(), colour=colour_for(series.platforms),
                          timestamp=_aware(announcement.published))
    embed.set_author(name=news_label(announcement))
    for name, value, inline in series_fields(series):
        embed.add_field(name=name, value=value, inline=inline)
    image = safe_url(announcement.image or series.image)
    if image:
        embed.set_image(url=image)
    poster = safe_url(series.listing.poster if series.listing else None)
    if poster:
        embed.set_thumbnail(url=poster)
    footer = announcement.source_name or announcement.headline
    if footer:
        embed.set_footer(text=strip_controls(footer[:200], keep_newlines=False))
    return fit(embed)


def series_embed(series: Series, news: Sequence[Announcement] = ()) -> discord.Embed:
    """Render a series as members look it up, with links to its latest news."""
    source = series.sources[-1].url if series.sources else None
    about = series.synopsis or (series.listing.summary if series.listing else None)
    embed = discord.Embed(title=display_title(series), url=safe_url(source), description=escape(about),
                          colour=colour_for(series.platforms))
    for name, value, inline in series_fields(series):
        embed.add_field(name=name, value=value, inline=inline)
    if news:
        value = join_clipped(news, FIELD_VALUE_LIMIT, sep="\n",
                             show=lambda item: f"• {link(item.headline, item.source_url)}")
        embed.add_field(name="Latest news", value=value, inline=False)
    image = safe_url(series.listing.poster if series.listing else None) or safe_url(series.image)
    if image:
        embed.set_thumbnail(url=image)
    if series.id is not None:
        embed.set_footer(text=f"Series #{series.id}")
    return fit(embed)


def listing_embed(listing: Listing) -> discord.Embed:
    """Render what a show database lists for a title the knowledge base does not know."""
    embed = discord.Embed(title=line(listing.title, TITLE_LIMIT) or "Untitled", url=safe_url(listing.url),
                          description=escape(listing.summary), colour=DEFAULT_COLOUR)
    fields = [
        ("Network", line(listing.channel, FIELD_VALUE_LIMIT), True),
        ("Status", line(listing.status, FIELD_VALUE_LIMIT), True),
        ("Premiere", discord_date(listing.premiered) if listing.premiered else "", True),
        ("Genres", line(", ".join(listing.genres), FIELD_VALUE_LIMIT), True),
        ("Links", links_text(listing), False),
    ]
    for name, value, inline in fields:
        if value.strip():
            embed.add_field(name=name, value=value, inline=inline)
    poster = safe_url(listing.poster)
    if poster:
        embed.set_thumbnail(url=poster)
    embed.set_footer(text=f"From {LABELS.get(listing.source, listing.source)}, not from the news")
    return fit(embed)


def notice_embed(text: str) -> discord.Embed:
    """Render a notice for a channel's admins."""
    return fit(discord.Embed(title="seriesbot notice", description=escape(text), colour=NOTICE_COLOUR))


def embed_size(embed: discord.Embed) -> int:
    """Return what Discord counts toward the 6000 characters of an embed."""
    total = utf16_len(embed.title or "") + utf16_len(embed.description or "")
    total += utf16_len(embed.footer.text or "") + utf16_len(embed.author.name or "")
    return total + sum(utf16_len(f.name or "") + utf16_len(f.value or "") for f in embed.fields)


def fit(embed: discord.Embed, total: int = TOTAL_LIMIT) -> discord.Embed:
    """Neutralise mentions and cut every part to its limit, then the whole to the total."""
    embed.title = clip(_safe(embed.title, keep_newlines=False), TITLE_LIMIT) or None
    embed.description = clip(_safe(embed.description), DESCRIPTION_LIMIT) or None
    if embed.footer.text:
        embed.set_footer(text=clip(_safe(embed.footer.text), FOOTER_LIMIT), icon_url=embed.footer.icon_url)
    if embed.author.name:
        embed.set_author(name=clip(_safe(embed.author.name, keep_newlines=False), AUTHOR_LIMIT),
                         url=embed.author.url, icon_url=embed.author.icon_url)
    fields = [(f.name or "", f.value or "", bool(f.inline)) for f in embed.fields][:FIELD_COUNT_LIMIT]
    embed.clear_fields()
    for name, value, inline in fields:
        name = clip(_safe(name, keep_newlines=False), FIELD_NAME_LIMIT)
        value = clip(_safe(value), FIELD_VALUE_LIMIT)
        if name.strip() and value.strip():
            embed.add_field(name=name, value=value, inline=inline)
    excess = embed_size(embed) - total
    if excess > 0 and embed.description:
        keep = max(0, utf16_len(embed.description) - excess)
        embed.description = clip(embed.description, keep) or None
    while embed_size(embed) > total and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    return embed


def _safe(text: str | None, *, keep_newlines: bool = True) -> str:
    return neutralise(strip_controls(text or "", keep_newlines=keep_newlines)).strip()


def fit_all(embeds: Sequence[discord.Embed], total: int = TOTAL_LIMIT, most: int = 10) -> list[discord.Embed]:
    """Keep the leading embeds whose sizes together fit one message."""
    kept: list[discord.Embed] = []
    used = 0
    for embed in embeds[:most]:
        size = embed_size(embed)
        if used + size > total:
            break
        kept.append(embed)
        used += size
    return kept
