"""/feeds digest channel: weekday: time: timezone: — an admin turns a channel's weekly digest on or off."""

from __future__ import annotations

import zoneinfo

import discord
from discord import app_commands

from bot.destinations import Destination, Platform
from bot.digest import Digests
from bot.discord.feeds import target_problem
from bot.discord.interact import admin_actor, answer, refuse, refuse_non_admin, text_problem

WEEKDAY_CHOICES = [app_commands.Choice(name=name, value=name[:3].lower()) for name in
                   ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")]
WEEKDAY_CHOICES.append(app_commands.Choice(name="Off (no digest)", value="off"))


def zone_choices(current: str) -> list[app_commands.Choice[str]]:
    """Return up to 25 IANA zones containing what the admin typed."""
    typed = current.strip().casefold().replace(" ", "_")
    found = sorted(zone for zone in zoneinfo.available_timezones() if typed in zone.casefold())
    return [app_commands.Choice(name=zone, value=zone) for zone in found[:25]]


def add_digest_command(group: app_commands.Group, digests: Digests) -> None:
    """Add /feeds digest channel: weekday: time: timezone: to the /feeds group."""

    @group.command(name="digest", description="Post the coming week's premieres in a channel every week")
    @app_commands.describe(weekday="The day to post on (or Off)", time="Local time, such as 09:00",
                           timezone="Time zone, such as Asia/Seoul", channel="Where to post (default: here)")
    @app_commands.choices(weekday=WEEKDAY_CHOICES)
    async def digest(interaction: discord.Interaction, weekday: app_commands.Choice[str],
                     time: app_commands.Range[str, 1, 8] = "09:00", timezone: app_commands.Range[str, 1, 64] = "UTC",
                     channel: discord.TextChannel | None = None) -> None:
        actor = admin_actor(interaction)
        if actor is None:
            await refuse_non_admin(interaction)
            return
        target = channel or interaction.channel
        problem = (text_problem(time, "time", 8) or text_problem(timezone, "timezone", 64)
                   or (None if weekday.value == "off" else target_problem(target)))
        if problem or target is None:
            await refuse(interaction, problem or "Pick a channel.")
            return
        destination = Destination(Platform.DISCORD, str(target.id), actor.workspace or "")
        await answer(interaction, digests.set(actor, destination, weekday.value, time, timezone), private=True)

    @digest.autocomplete("timezone")
    async def digest_zone(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return zone_choices(current)
