"""The weekly digest as Block Kit (a heading, each day with its premieres and posters), and /feeds digest."""

from __future__ import annotations

from dataclasses import dataclass

from bot.digest import Digest
from bot.model import Series
from bot.slack.blocks import Block, Rendered, cap, header, image, section
from bot.slack.parse import Usage, parse_channel
from bot.slack.text import date_token, escape, mrkdwn, shorten


def _row(series: Series) -> str:
    where = mrkdwn(", ".join(series.platforms), 200)
    season = f" · season {series.season}" if series.season and series.season > 1 else ""
    return f"*{mrkdwn(series.display_title, 300) or 'Untitled'}*" + (f" · {where}" if where else "") + season


def digest_blocks(digest: Digest, *, images: bool = True) -> Rendered:
    """Return the digest's blocks and its plain-text fallback."""
    blocks: list[Block] = [header(digest.title)]
    for day in digest.days:
        blocks.append(section(f":calendar: *{date_token(day.day, '{date_long}')}*"))
        for series in day.series:
            poster = image(series.image, series.display_title) if images else None
            blocks.append(section(_row(series), accessory=poster))
    count = sum(len(day.series) for day in digest.days)
    return Rendered(shorten(escape(f"{digest.title}: {count} premiere(s)"), 3000), cap(blocks))


DIGEST_USAGE = ("Usage: `/feeds digest [#channel] <weekday> <HH:MM> [time zone]`, for example "
                "`/feeds digest #news mon 09:00 Asia/Seoul`; `/feeds digest [#channel] off`; `/feeds digest list`.")


@dataclass(frozen=True, slots=True)
class DigestArgs:
    """What /feeds digest asks: list, off, or a weekday, time and zone for a channel (None: this one)."""

    action: str
    channel: str | None = None
    weekday: str = ""
    at: str = ""
    zone: str = "UTC"


def parse_digest(text: str) -> DigestArgs:
    """Parse `list`, `[#channel] off` or `[#channel] <weekday> <HH:MM> [zone]`."""
    words = text.split()
    if words == ["list"]:
        return DigestArgs("list")
    channel = parse_channel(words[0]) if words else None
    if channel is not None:
        words = words[1:]
    elif words and words[0].startswith("#"):
        raise Usage("Pick the channel from Slack's list as you type # so that I get its id.")
    if [word.lower() for word in words] == ["off"]:
        return DigestArgs("off", channel)
    if len(words) not in (2, 3):
        raise Usage(DIGEST_USAGE)
    return DigestArgs("set", channel, words[0], words[1], words[2] if len(words) == 3 else "UTC")
