"""Where announcements go: console, a Discord channel or a Slack channel."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class Platform(enum.StrEnum):
    """The kinds of destination."""

    CONSOLE = "console"
    DISCORD = "discord"
    SLACK = "slack"


_DISCORD_CHANNEL = re.compile(r"^\d{15,21}$")
_SLACK_CHANNEL = re.compile(r"^[CGD][A-Z0-9]{6,20}$")
_DISCORD_ROLE = re.compile(r"^\d{15,21}$")
_SLACK_USERGROUP = re.compile(r"^S[A-Z0-9]{2,20}$")


@dataclass(frozen=True, slots=True)
class Destination:
    """One channel on one platform."""

    platform: Platform
    channel: str
    workspace: str = ""

    def __str__(self) -> str:
        return "console" if self.platform is Platform.CONSOLE else f"{self.platform}:{self.channel}"


CONSOLE = Destination(Platform.CONSOLE, "console")


def parse_destination(text: str, workspace: str = "") -> Destination:
    """Parse 'console', 'discord:CHANNEL_ID' or 'slack:CHANNEL_ID'."""
    value = text.strip()
    if value == "console":
        return CONSOLE
    platform, _, channel = value.partition(":")
    if platform == "discord" and _DISCORD_CHANNEL.match(channel):
        return Destination(Platform.DISCORD, channel, workspace)
    if platform == "slack" and _SLACK_CHANNEL.match(channel):
        return Destination(Platform.SLACK, channel, workspace)
    raise ValueError(
        f"unknown destination {value!r}: use 'console', 'discord:CHANNEL_ID' (digits) "
        "or 'slack:CHANNEL_ID' (such as C0123ABCD)"
    )


def check_mention(destination: Destination, mention: str | None) -> str | None:
    """Return the mention a subscription may ping at this destination; raise ValueError saying why not."""
    if mention is None:
        return None
    value = mention.strip()
    if destination.platform is Platform.DISCORD:
        if not _DISCORD_ROLE.match(value):
            raise ValueError(f"for Discord give a role id (digits), not {value[:40]!r}")
        if value == destination.workspace:
            raise ValueError("pick a role to mention, not @everyone")
        return value
    if destination.platform is Platform.SLACK:
        if not _SLACK_USERGROUP.match(value):
            raise ValueError(f"for Slack give a user group (type @ and pick the group, or its id such "
                             f"as S0123ABCD), not {value[:40]!r}")
        return value
    raise ValueError("the console has no one to mention; mentions need a Discord or Slack destination")
