"""Slash commands for members (/series, /upcoming, /latest); explicit registration on the tree."""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands

from bot.adapter import Handlers
from bot.catalog import Catalog
from bot.commands import MAX_QUERY, clean_text
from bot.discord.digest_command import add_digest_command
from bot.discord.feeds import feeds_group
from bot.discord.interact import answer, refuse, text_problem
from bot.discord.text import clip, strip_controls

log = logging.getLogger(__name__)
MAX_CHOICES = 25
CHOICE_LIMIT = 100
# Autocomplete must answer within 3 s; an empty list is better than an error.
SUGGEST_SECONDS = 2.0


async def title_choices(catalog: Catalog, current: str) -> list[app_commands.Choice[str]]:
    """Return up to 25 titles for what the member has typed, each valued by its series id."""
    try:
        async with asyncio.timeout(SUGGEST_SECONDS):
            hits = await catalog.suggest(clean_text(current, CHOICE_LIMIT), MAX_CHOICES)
    except TimeoutError:
        log.warning("title suggestions for %r took longer than %.1f s", current[:40], SUGGEST_SECONDS)
        return []
    choices = []
    for hit in hits[:MAX_CHOICES]:
        name = clip(" ".join(strip_controls(hit.title).split()), CHOICE_LIMIT) or f"Series #{hit.series_id}"
        choices.append(app_commands.Choice(name=name, value=f"#{hit.series_id}"))
    return choices


def register(tree: app_commands.CommandTree[discord.Client], core: Handlers) -> None:
    """Add every seriesbot command to the tree."""
    handlers, catalog = core.commands, core.catalog

    @app_commands.command(name="series", description="Look a series up by title")
    @app_commands.describe(title="Start typing and pick a suggestion, or type the title")
    async def series(interaction: discord.Interaction, title: app_commands.Range[str, 1, MAX_QUERY]) -> None:
        problem = text_problem(title, "title", MAX_QUERY)
        if problem:
            await refuse(interaction, problem)
            return
        await answer(interaction, handlers.series(title))

    @series.autocomplete("title")
    async def series_title(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await title_choices(catalog, current)

    @app_commands.command(name="upcoming", description="Series premiering soon")
    @app_commands.describe(platform="Only this platform, such as Netflix or tvN", days="How many days ahead")
    async def upcoming(interaction: discord.Interaction, platform: app_commands.Range[str, 1, 60] | None = None,
                       days: app_commands.Range[int, 1, 365] = 30) -> None:
        problem = text_problem(platform, "platform", 60)
        if problem:
            await refuse(interaction, problem)
            return
        await answer(interaction, handlers.upcoming(days=days, platform=platform))

    @app_commands.command(name="latest", description="The newest series announcements")
    @app_commands.describe(count="How many (1 to 10)")
    async def latest(interaction: discord.Interaction, count: app_commands.Range[int, 1, 10] = 5) -> None:
        await answer(interaction, handlers.latest(count))

    tree.add_command(series)
    tree.add_command(upcoming)
    tree.add_command(latest)
    feeds = feeds_group(handlers)
    add_digest_command(feeds, core.digests)
    tree.add_command(feeds)
