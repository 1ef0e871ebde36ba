"""The /feeds command group: admins subscribe channels to feeds, with filters and a role to ping."""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands

from bot.commands import Actor, Commands
from bot.destinations import Destination, Platform
from bot.discord.interact import admin_actor, answer, refuse, refuse_non_admin, text_problem
from bot.discord.text import clip, strip_controls
from bot.filters import Filters
from bot.replies import FeedList

log = logging.getLogger(__name__)
URL_LIMIT = 2048
# Autocomplete must answer within 3 s; an empty list is better than an error.
SUGGEST_SECONDS = 2.0
NEEDED = (("view_channel", "View Channel"), ("send_messages", "Send Messages"), ("embed_links", "Embed Links"))


def channel_problem(channel: discord.TextChannel) -> str | None:
    """Say why the bot cannot post in the channel, or None when it can."""
    me = channel.guild.me
    if me is None:
        return None
    granted = channel.permissions_for(me)
    missing = [label for name, label in NEEDED if not getattr(granted, name)]
    if missing:
        return f"I cannot post in {channel.mention}: I need {', '.join(missing)} there."
    return None


def target_problem(target: object) -> str | None:
    """Say why announcements cannot go to this channel, or None."""
    if not isinstance(target, discord.TextChannel):
        return "Pick a text or announcement channel with the `channel` option."
    return channel_problem(target)


async def feed_choices(handlers: Commands, actor: Actor | None, current: str) -> list[app_commands.Choice[str]]:
    """Return this server's feeds matching what the admin typed, valued by feed id."""
    if actor is None:
        return []
    try:
        async with asyncio.timeout(SUGGEST_SECONDS):
            listed = await handlers.feeds_list(actor)
    except TimeoutError:
        log.warning("feed suggestions for guild %s took longer than %.1f s", actor.workspace, SUGGEST_SECONDS)
        return []
    if not isinstance(listed, FeedList):
        return []
    typed = current.casefold().strip()
    choices = []
    for row in listed.rows:
        name = clip(" ".join(strip_controls(f"#{row.id} {row.label}").split()), 100)
        if typed in name.casefold() or typed in row.url.casefold():
            choices.append(app_commands.Choice(name=name, value=str(row.id)))
    return choices[:25]


def feeds_group(handlers: Commands) -> app_commands.Group:
    """Build /feeds add, list, remove, pause, resume and test."""
    group = app_commands.Group(name="feeds", description="Manage the news feeds this server follows",
                               guild_only=True, default_permissions=discord.Permissions(manage_guild=True))

    @group.command(name="add", description="Post new series from a feed in a channel")
    @app_commands.describe(url="The RSS, Atom or JSON feed address", channel="Where to post (default: here)",
                           platforms="Only these platforms, comma separated",
                           kinds="Only these kinds (drama, anime, …)",
                           countries="Only these countries", keywords="Only news mentioning one of these words",
                           mention_role="A role to ping with each announcement")
    async def add(interaction: discord.Interaction, url: app_commands.Range[str, 1, URL_LIMIT],
                  channel: discord.TextChannel | None = None, platforms: str | None = None, kinds: str | None = None,
                  countries: str | None = None, keywords: str | None = None,
                  mention_role: discord.Role | None = None) -> None:
        actor = admin_actor(interaction)
        if actor is None:
            await refuse_non_admin(interaction)
            return
        target = channel or interaction.channel
        try:
            filters = Filters.parse(platforms, kinds, countries, keywords)
            problem = text_problem(url, "url", URL_LIMIT) or target_problem(target)
        except ValueError as error:
            filters, problem = None, str(error)
        if problem or not isinstance(target, discord.TextChannel):
            await refuse(interaction, problem or "Pick a channel.")
            return
        destination = Destination(Platform.DISCORD, str(target.id), workspace=actor.workspace or "")
        mention = str(mention_role.id) if mention_role else None
        await answer(interaction, handlers.feeds_add(actor, url.strip(), destination, filters=filters, mention=mention),
                     private=True, slow=True)

    @group.command(name="list", description="The feeds this server follows")
    async def list_(interaction: discord.Interaction) -> None:
        actor = admin_actor(interaction)
        if actor is None:
            await refuse_non_admin(interaction)
            return
        await answer(interaction, handlers.feeds_list(actor), private=True)

    async def admin_with_text(interaction: discord.Interaction, value: str, name: str) -> Actor | None:
        """Return the admin actor when the caller is an admin and the text is acceptable, else refuse."""
        actor = admin_actor(interaction)
        if actor is None:
            await refuse_non_admin(interaction)
            return None
        problem = text_problem(value, name, URL_LIMIT)
        if problem:
            await refuse(interaction, problem)
            return None
        return actor

    async def feed_command(interaction: discord.Interaction, feed: str, action: str) -> None:
        actor = await admin_with_text(interaction, feed, "feed")
        if actor is None:
            return
        work = (handlers.feeds_remove(actor, feed) if action == "remove"
                else handlers.feeds_pause(actor, feed, paused=action == "pause"))
        await answer(interaction, work, private=True)

    @group.command(name="remove", description="Stop following a feed")
    @app_commands.describe(feed="The feed (pick from the list, or its id or URL)")
    async def remove(interaction: discord.Interaction, feed: app_commands.Range[str, 1, URL_LIMIT]) -> None:
        await feed_command(interaction, feed, "remove")

    @group.command(name="pause", description="Stop posting from a feed for now")
    @app_commands.describe(feed="The feed (pick from the list, or its id or URL)")
    async def pause(interaction: discord.Interaction, feed: app_commands.Range[str, 1, URL_LIMIT]) -> None:
        await feed_command(interaction, feed, "pause")

    @group.command(name="resume", description="Post from a paused feed again")
    @app_commands.describe(feed="The feed (pick from the list, or its id or URL)")
    async def resume(interaction: discord.Interaction, feed: app_commands.Range[str, 1, URL_LIMIT]) -> None:
        await feed_command(interaction, feed, "resume")

    async def feed_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await feed_choices(handlers, admin_actor(interaction), current)

    remove.autocomplete("feed")(feed_autocomplete)
    pause.autocomplete("feed")(feed_autocomplete)
    resume.autocomplete("feed")(feed_autocomplete)

    @group.command(name="test", description="Fetch a feed now and show what would be posted (posts nothing)")
    @app_commands.describe(url="The RSS, Atom or JSON feed address")
    async def test(interaction: discord.Interaction, url: app_commands.Range[str, 1, URL_LIMIT]) -> None:
        actor = await admin_with_text(interaction, url, "url")
        if actor is None:
            return
        await answer(interaction, handlers.feeds_test(actor, url.strip()), private=True, slow=True)

    log.debug("built /feeds with %d subcommands", len(group.commands))
    return group
