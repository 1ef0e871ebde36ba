"""/follow, /unfollow, /following and the Follow button on cards, answered privately by bot.follow."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.destinations import Platform
from bot.follow import FollowCommands
from bot.replies import Reply
from bot.slack.blocks import MAX_BLOCKS, Block, Rendered, button
from bot.slack.commands import answer
from bot.slack.parse import MAX_SERIES_QUERY, Usage, check_text, unescape
from bot.store.follows import Member

log = logging.getLogger(__name__)
FOLLOW_ACTION = "series_follow"


def with_follow_button(rendered: Rendered, series_id: int | None) -> Rendered:
    """Add a Follow button under a card when there is room for it."""
    if series_id is None or len(rendered.blocks) >= MAX_BLOCKS:
        return rendered
    actions: Block = {"type": "actions", "block_id": f"follow-{series_id}",
                      "elements": [button(":bell: Follow", FOLLOW_ACTION, str(series_id))]}
    return Rendered(rendered.text, [*rendered.blocks, actions])


def parse_title(text: str, command: str) -> str:
    """Return the series a follow command names."""
    value = unescape(check_text(text, MAX_SERIES_QUERY))
    if not value:
        raise Usage(f"Usage: `{command} <title>`, for example `{command} Soul Mate`.")
    return value


def _member(user: str, team: str) -> Member:
    return Member(Platform.SLACK, user, team)


class FollowListeners:
    """Ack at once, then answer privately through the response URL."""

    def __init__(self, follows: FollowCommands) -> None:
        self._follows = follows

    async def follow(self, ack: AsyncAck, respond: AsyncRespond, command: dict[str, Any]) -> None:
        """Answer /follow <title>."""
        await ack()
        member = _member(str(command["user_id"]), str(command.get("team_id") or ""))

        async def work() -> Reply:
            return await self._follows.follow(member, parse_title(str(command.get("text") or ""), "/follow"))

        await answer(respond, work)

    async def unfollow(self, ack: AsyncAck, respond: AsyncRespond, command: dict[str, Any]) -> None:
        """Answer /unfollow <title>."""
        await ack()
        member = _member(str(command["user_id"]), str(command.get("team_id") or ""))

        async def work() -> Reply:
            return await self._follows.unfollow(member, parse_title(str(command.get("text") or ""), "/unfollow"))

        await answer(respond, work)

    async def following(self, ack: AsyncAck, respond: AsyncRespond, command: dict[str, Any]) -> None:
        """Answer /following."""
        await ack()
        member = _member(str(command["user_id"]), str(command.get("team_id") or ""))
        await answer(respond, lambda: self._follows.following(member))

    async def click(self, ack: AsyncAck, respond: AsyncRespond, body: dict[str, Any]) -> None:
        """Follow the series of the card whose button was pressed."""
        await ack()
        user = body.get("user") or {}
        member = _member(str(user.get("id") or ""), str(user.get("team_id") or (body.get("team") or {}).get("id")))
        value = str(((body.get("actions") or [{}])[0]).get("value") or "")

        async def work() -> Reply:
            if not value.isdigit():
                raise Usage("That button is no longer valid; use /follow with the title.")
            return await self._follows.follow_id(member, int(value))

        await answer(respond, work)


def register_follow(app: AsyncApp, follows: FollowCommands) -> None:
    """Attach the follow commands and the Follow button to the app."""
    listeners = FollowListeners(follows)
    app.command("/follow")(listeners.follow)
    app.command("/unfollow")(listeners.unfollow)
    app.command("/following")(listeners.following)
    app.action(FOLLOW_ACTION)(listeners.click)
