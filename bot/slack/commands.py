"""Slash commands and buttons: parsed here, answered by the platform-neutral handlers, rendered as Block Kit."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.adapter import Handlers
from bot.commands import Actor, Commands
from bot.config import SlackSettings
from bot.destinations import Destination, Platform
from bot.digest import Digests
from bot.replies import Message, Reply
from bot.slack.client import AdminCheck
from bot.slack.digest import parse_digest
from bot.slack.parse import (
    FEEDS_HELP,
    Usage,
    parse_add,
    parse_latest,
    parse_ref,
    parse_series,
    parse_upcoming,
    parse_url,
    split_feeds,
)
from bot.slack.render import PICK_ACTION, render_reply

log = logging.getLogger(__name__)
FAILED = Message("Something went wrong on my side; it has been logged. Please try again later.", ok=False)
REFUSED = Message("Only workspace admins and owners, or the admins named in the bot's settings, can manage feeds. "
                  "Nothing was changed.", ok=False)
_VERBS = ("add", "list", "remove", "pause", "resume", "test", "digest")
Work = Callable[[], Awaitable[Reply]]


async def answer(respond: AsyncRespond, work: Work, *, public: bool = False, replace: bool = False) -> None:
    """Run a command, render its reply and send it to the response_url (ephemeral unless public)."""
    try:
        reply = await work()
    except Usage as usage:
        reply = Message(str(usage), ok=False)
    except Exception:
        log.exception("a Slack command failed")
        reply = FAILED
    rendered = render_reply(reply)
    failed = isinstance(reply, Message) and not reply.ok
    kind = "in_channel" if public and not failed else "ephemeral"
    sent = await respond(text=rendered.text, blocks=rendered.blocks, response_type=kind,
                         replace_original=True if replace else None)
    if sent.status_code >= 400:
        log.warning("Slack refused the command answer (%s): %s", sent.status_code, sent.body[:300])


class Listeners:
    """The slash-command and button handlers: ack first, then parse, check, call the core and respond."""

    def __init__(self, commands: Commands, is_admin: Callable[[str], Awaitable[bool]], digests: Digests) -> None:
        self._commands = commands
        self._is_admin = is_admin
        self._digests = digests

    async def series(self, ack: AsyncAck, respond: AsyncRespond, command: dict[str, Any]) -> None:
        """Answer /series <title> [--public]."""
        await ack()
        text = str(command.get("text") or "")

        async def work() -> Reply:
            query, _public = parse_series(text)
            return await self._commands.series(query)

        await answer(respond, work, public=text.strip().endswith("--public"))

    async def upcoming(self, ack: AsyncAck, respond: AsyncRespond, command: dict[str, Any]) -> None:
        """Answer /upcoming [days] [platform]."""
        await ack()

        async def work() -> Reply:
            days, platform = parse_upcoming(str(command.get("text") or ""))
            return await self._commands.upcoming(days, platform)

        await answer(respond, work)

    async def latest(self, ack: AsyncAck, respond: AsyncRespond, command: dict[str, Any]) -> None:
        """Answer /latest [count]."""
        await ack()

        async def work() -> Reply:
            return await self._commands.latest(parse_latest(str(command.get("text") or "")))

        await answer(respond, work)

    async def feeds(self, ack: AsyncAck, respond: AsyncRespond, command: dict[str, Any]) -> None:
        """Answer /feeds add|list|remove|pause|resume|test|help."""
        await ack()
        await answer(respond, lambda: self._feeds(command))

    async def pick(self, ack: AsyncAck, respond: AsyncRespond, body: dict[str, Any]) -> None:
        """Replace a 'did you mean' list with the card of the chosen series."""
        await ack()
        actions = body.get("actions") or [{}]
        value = str(actions[0].get("value") or "")

        async def work() -> Reply:
            if not value.isdigit():
                raise Usage("That choice is no longer valid; run /series again.")
            return await self._commands.series(f"#{value}")

        await answer(respond, work, replace=True)

    async def _feeds(self, command: dict[str, Any]) -> Reply:
        verb, rest = split_feeds(str(command.get("text") or ""))
        if verb == "help":
            return Message(FEEDS_HELP)
        if verb not in _VERBS:
            raise Usage(f"Unknown sub-command “{verb[:30]}”.\n{FEEDS_HELP}")
        user, team = str(command["user_id"]), str(command["team_id"])
        if not await self._is_admin(user):
            log.info("refused /feeds %s from %s in %s: not an admin", verb, user, team)
            return REFUSED
        actor = Actor(user, team, is_admin=True)
        match verb:
            case "add":
                args = parse_add(rest)
                channel = args.channel or str(command.get("channel_id") or "")
                if not channel.startswith(("C", "G")):
                    raise Usage("Run `/feeds add` in a channel, or name one: `/feeds add <url> #news`.")
                return await self._commands.feeds_add(actor, args.url, Destination(Platform.SLACK, channel, team),
                                                      filters=args.filters, mention=args.mention)
            case "list":
                return await self._commands.feeds_list(actor)
            case "digest":
                return await self._digest(actor, rest, str(command.get("channel_id") or ""))
            case "test":
                return await self._commands.feeds_test(actor, parse_url(parse_ref(rest)))
            case "remove":
                return await self._commands.feeds_remove(actor, parse_ref(rest))
            case _:
                return await self._commands.feeds_pause(actor, parse_ref(rest), paused=verb == "pause")

    async def _digest(self, actor: Actor, rest: str, here: str) -> Reply:
        args = parse_digest(rest)
        if args.action == "list":
            return await self._digests.list(actor)
        channel = args.channel or here
        if not channel.startswith(("C", "G")):
            raise Usage("Run `/feeds digest` in a channel, or name one: `/feeds digest #news mon 09:00`.")
        destination = Destination(Platform.SLACK, channel, actor.workspace or "")
        if args.action == "off":
            return await self._digests.remove(actor, destination)
        return await self._digests.set(actor, destination, args.weekday, args.at, args.zone)


def register(app: AsyncApp, handlers: Handlers, settings: SlackSettings) -> None:
    """Attach every slash command, the series picker and an error logger to the app."""
    listeners = Listeners(handlers.commands, AdminCheck(app.client, settings), handlers.digests)
    app.command("/series")(listeners.series)
    app.command("/upcoming")(listeners.upcoming)
    app.command("/latest")(listeners.latest)
    app.command("/feeds")(listeners.feeds)
    app.action(PICK_ACTION)(listeners.pick)

    async def on_error(error: Exception) -> None:
        log.error("a Slack request failed: %s", error, exc_info=error)

    app.error(on_error)
