"""The weekly digest as Discord embeds: a heading, then one embed per day with a poster."""

from __future__ import annotations

import discord

from bot.digest import Digest, DigestDay
from bot.discord.embeds import DEFAULT_COLOUR, display_title, fit_all
from bot.discord.text import join_clipped, line, safe_url
from bot.model import Series

MOST_DAY_EMBEDS = 9


def _row(series: Series) -> str:
    where = ", ".join(line(platform, 60) for platform in series.platforms)
    season = f" · season {series.season}" if series.season and series.season > 1 else ""
    return f"• **{display_title(series)}**" + (f" — {where}" if where else "") + season


def _day_embed(day: DigestDay) -> discord.Embed:
    embed = discord.Embed(title=f"{day.day:%A %d %B}", colour=DEFAULT_COLOUR,
                          description=join_clipped([_row(series) for series in day.series], 4000, sep="\n"))
    poster = next((safe_url(series.image) for series in day.series if safe_url(series.image)), None)
    if poster:
        embed.set_thumbnail(url=poster)
    return embed


def digest_embeds(digest: Digest) -> list[discord.Embed]:
    """Return a heading embed and one embed per day (with a poster when one is known), within the limits."""
    count = sum(len(day.series) for day in digest.days)
    head = discord.Embed(title=digest.title, colour=DEFAULT_COLOUR,
                         description=f"{count} premiere{'s' if count != 1 else ''} in the next seven days.")
    return fit_all([head, *(_day_embed(day) for day in digest.days[:MOST_DAY_EMBEDS])])

