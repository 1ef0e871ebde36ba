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
