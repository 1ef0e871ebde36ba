"""Answer interactions: reply at once when the work is quick, defer when it is not; refuse clearly."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any

import discord
from discord import app_commands

from bot.commands import NOT_ADMIN, Actor
from bot.discord.render import Rendered, message_text, render
from bot.discord.text import has_controls
from bot.replies import Message, Reply

log = logging.getLogger(__name__)
# Discord drops an interaction not acknowledged within 3 s; past this much work we defer instead.
QUICK_SECONDS = 1.5


def text_problem(value: str | None, name: str, limit: int) -> str | None:
    """Say what is wrong with a free-text option, or None when it is fine."""
    if value is None:
        return None
    if len(value) > limit:
        return f"`{name}` is too long: at most {limit} characters."
    if has_controls(value):
        return f"`{name}` contains control or bidirectional characters; type it again without them."
    return None


def admin_actor(interaction: discord.Interaction) -> Actor | None:
    """Return the acting admin, or None when the user may not manage feeds here."""
    if interaction.guild_id is None or not interaction.permissions.manage_guild:
        return None
    return Actor(str(interaction.user.id), str(interaction.guild_id), True)


async def refuse(interaction: discord.Interaction, text: str) -> None:
    """Tell only the caller why nothing was done."""
    await send(interaction, render(Message(text, ok=False)), ephemeral=True)


async def refuse_non_admin(interaction: discord.Interaction) -> None:
    """Refuse a feeds command to someone without Manage Server."""
    log.info("refused /%s to user %s in guild %s: not an admin", _name(interaction), interaction.user.id,
             interaction.guild_id)
    await refuse(interaction, NOT_ADMIN.text)


async def answer(interaction: discord.Interaction, work: Awaitable[Reply], *, private: bool = False,
                 slow: bool = False) -> None:
    """Run a handler and send its rendered reply, deferring first when it is (or may be) slow."""
    task = asyncio.ensure_future(work)
    if not slow:
        done, _ = await asyncio.wait({task}, timeout=QUICK_SECONDS)
        if task in done:
            rendered = render(task.result())
            await send(interaction, rendered, ephemeral=private or rendered.ephemeral)
            return
    try:
        await interaction.response.defer(ephemeral=private, thinking=True)
    except BaseException:
        task.cancel()
        raise
    rendered = render(await task)
    await send(interaction, rendered, ephemeral=private or rendered.ephemeral)


async def send(interaction: discord.Interaction, rendered: Rendered, *, ephemeral: bool) -> None:
    """Send message parts as the interaction's response, or as a follow-up once deferred."""
    kwargs: dict[str, Any] = {"ephemeral": ephemeral, "allowed_mentions": discord.AllowedMentions.none()}
    if rendered.content:
        kwargs["content"] = rendered.content
    if rendered.embeds:
        kwargs["embeds"] = rendered.embeds
    if not rendered.content and not rendered.embeds:
        kwargs["content"] = "Done."
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


async def on_tree_error(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
    """Log a failed command and tell the caller, instead of leaving 'The application did not respond'."""
    if isinstance(error, app_commands.TransformerError):
        text = "I could not use one of the values given (a channel I cannot see?). Pick one Discord offers."
    elif isinstance(error, app_commands.CheckFailure):
        text = NOT_ADMIN.text
    else:
        log.error("/%s failed for user %s in guild %s", _name(interaction), interaction.user.id,
                  interaction.guild_id, exc_info=error)
        text = "Something went wrong on my side; it was logged. Try again in a moment."
    try:
        await send(interaction, Rendered(message_text("⚠️ " + text), ephemeral=True), ephemeral=True)
    except discord.HTTPException:
        log.warning("could not tell user %s that /%s failed", interaction.user.id, _name(interaction))


def _name(interaction: discord.Interaction) -> str:
    command = interaction.command
    return command.qualified_name if command else "?"
