"""/follow, /unfollow, /following and the persistent Follow button on announcement cards."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from bot.catalog import Catalog
from bot.commands import MAX_QUERY
from bot.destinations import Platform
from bot.discord.commands import title_choices
from bot.discord.interact import answer, refuse, text_problem
from bot.discord.text import clip, strip_controls
from bot.follow import FollowCommands
from bot.replies import Reply
from bot.store.follows import Member

log = logging.getLogger(__name__)
FOLLOW_ID = "seriesbot:follow:{series_id}"
FOLLOW_TEMPLATE = r"seriesbot:follow:(?P<series_id>\d{1,18})"
SUGGEST_SECONDS = 2.0
Button = discord.ui.Button[discord.ui.View]


def member_of(interaction: discord.Interaction) -> Member:
    """Return the member behind an interaction."""
    return Member(Platform.DISCORD, str(interaction.user.id), str(interaction.guild_id or ""))


def follow_view(series_id: int) -> discord.ui.View:
    """Return a view holding the Follow button of one series."""
    view = discord.ui.View(timeout=None)
    view.add_item(discord.ui.Button(label="Follow", emoji="🔔", style=discord.ButtonStyle.secondary,
                                    custom_id=FOLLOW_ID.format(series_id=series_id)))
    # Clicks are answered by the dynamic item from the custom_id alone (also after a restart), so the sent
    # view need not be kept in memory: a finished view is rendered but never stored.
    view.stop()
    return view


def follow_button(follows: FollowCommands) -> type[discord.ui.DynamicItem[Button]]:
    """Return the dynamic item that answers every Follow button, whenever its card was posted."""

    class FollowButton(discord.ui.DynamicItem[Button], template=FOLLOW_TEMPLATE):
        def __init__(self, series_id: int) -> None:
            super().__init__(discord.ui.Button(label="Follow", custom_id=FOLLOW_ID.format(series_id=series_id)))
            self.series_id = series_id

        @classmethod
        async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                                 match: re.Match[str]) -> FollowButton:
            return cls(int(match["series_id"]))

        async def callback(self, interaction: discord.Interaction) -> None:
            await answer(interaction, follows.follow_id(member_of(interaction), self.series_id), private=True)

    return FollowButton


async def followed_choices(follows: FollowCommands, member: Member, current: str) -> list[app_commands.Choice[str]]:
    """Return the member's followed series matching what they typed, valued by series id."""
    try:
        async with asyncio.timeout(SUGGEST_SECONDS):
            followed = await follows.follows.following(member)
    except TimeoutError:
        return []
    typed = current.casefold().strip()
    choices = []
    for series in followed:
        name = clip(" ".join(strip_controls(series.display_title).split()), 100) or f"Series #{series.id}"
        if typed in name.casefold():
            choices.append(app_commands.Choice(name=name, value=f"#{series.id}"))
    return choices[:25]


async def answer_about_series(interaction: discord.Interaction, series: str,
                              act: Callable[[Member, str], Awaitable[Reply]]) -> None:
    """Refuse a malformed series option, else answer the caller privately with what `act` replies."""
    problem = text_problem(series, "series", MAX_QUERY)
    if problem:
        await refuse(interaction, problem)
        return
    await answer(interaction, act(member_of(interaction), series), private=True)


def register_follow(tree: app_commands.CommandTree[Any], client: discord.Client, follows: FollowCommands,
                    catalog: Catalog) -> None:
    """Add /follow, /unfollow and /following to the tree and the Follow button to the client."""
    @app_commands.command(name="follow", description="Get a direct message when a series has news")
    @app_commands.describe(series="Start typing and pick a suggestion")
    async def follow(interaction: discord.Interaction, series: app_commands.Range[str, 1, MAX_QUERY]) -> None:
        await answer_about_series(interaction, series, follows.follow)

    @follow.autocomplete("series")
    async def follow_series(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await title_choices(catalog, current)

    @app_commands.command(name="unfollow", description="Stop direct messages about a series")
    @app_commands.describe(series="One of the series you follow")
    async def unfollow(interaction: discord.Interaction, series: app_commands.Range[str, 1, MAX_QUERY]) -> None:
        await answer_about_series(interaction, series, follows.unfollow)

    @unfollow.autocomplete("series")
    async def unfollow_series(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await followed_choices(follows, member_of(interaction), current)

    @app_commands.command(name="following", description="The series you follow")
    async def following(interaction: discord.Interaction) -> None:
        await answer(interaction, follows.following(member_of(interaction)), private=True)

    tree.add_command(follow)
    tree.add_command(unfollow)
    tree.add_command(following)
    client.add_dynamic_items(follow_button(follows))
