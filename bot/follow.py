"""Follow a series: the platform-neutral handlers behind /follow, /unfollow, /following and the Follow button."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from bot.catalog import Catalog
from bot.commands import clean_text
from bot.model import Series
from bot.replies import Choices, Message, Reply, SeriesList
from bot.store.follows import Added, FollowStore, Member
from bot.store.store import Store

log = logging.getLogger(__name__)
DEFAULT_CAP = 100
WELCOME_BACK = " I could not send you direct messages before; I will try again from now on."


class FollowCommands:
    """Follow and unfollow series, list them, and queue follower DMs for updates."""

    def __init__(self, store: Store, catalog: Catalog, *, clock: Callable[[], datetime],
                 cap: int = DEFAULT_CAP) -> None:
        self._store = store
        self._follows = FollowStore(store)
        self._catalog = catalog
        self._clock = clock
        self.cap = cap

    @property
    def follows(self) -> FollowStore:
        """Return the follow rows, for senders that mark refused DMs."""
        return self._follows

    async def follow(self, member: Member, query: str) -> Reply:
        """Follow the series a title (or '#id') names, asking when unsure."""
        found = await self._find(query, "/follow")
        if not isinstance(found, Series):
            return found
        return await self._follow(member, found)

    async def follow_id(self, member: Member, series_id: int) -> Reply:
        """Follow a series by id, as the Follow button on a card does."""
        found = await self._catalog.get(series_id)
        if found is None:
            return Message("That series is no longer known; try /series to find it again.", ok=False)
        return await self._follow(member, found)

    async def unfollow(self, member: Member, query: str) -> Reply:
        """Stop following a series named by title or '#id'."""
        back = await self._welcome_back(member)
        found = await self._find(query, "/unfollow")
        if not isinstance(found, Series):
            return found
        assert found.id is not None
        if not await self._follows.unfollow(member, found.id):
            return Message(f"You do not follow {found.display_title}." + back, ok=False)
        return Message(f"You no longer follow {found.display_title}." + back)

    async def following(self, member: Member) -> Reply:
        """List the series the member follows."""
        back = await self._welcome_back(member)
        followed = await self._follows.following(member)
        title = f"You follow {len(followed)} of at most {self.cap} series" if followed else "You follow no series"
        return SeriesList(title + ("." + back if back else ""), tuple(followed),
                          "Follow one with /follow or the Follow button on a card.")

    async def fan_out(self) -> int:
        """Queue direct messages for updates of followed series; return how many."""
        return await self._follows.fan_out(now=self._clock())

    async def _follow(self, member: Member, found: Series) -> Reply:
        assert found.id is not None
        back = await self._welcome_back(member)
        outcome = await self._follows.follow(member, found.id, now=self._clock(), cap=self.cap)
        name = found.display_title
        if outcome is Added.FULL:
            return Message(f"You already follow {self.cap} series, the most allowed. Unfollow one first "
                           "(see /following).", ok=False)
        if outcome is Added.ALREADY:
            return Message(f"You already follow {name}." + back)
        log.info("%s user %s follows series %s", member.platform, member.user_id, found.id)
        return Message(f"You now follow {name}. I will send you a direct message when it gets a premiere date, "
                       "a trailer, a renewal or other news." + back)

    async def _find(self, query: str, command: str) -> Series | Reply:
        text = clean_text(query)
        if not text:
            return Message(f"Name a series, for example: {command} Soul Mate", ok=False)
        if text.startswith("#") and text[1:].isdigit():
            found = await self._catalog.get(int(text[1:]))
            if found is not None:
                return found
        result = await self._catalog.search(text)
        if result.series is not None and result.series.id is not None:
            return result.series
        if result.candidates:
            return Choices(f"No exact match for “{text}”. Did you mean one of these? Run {command} again "
                           "with the exact title.", result.candidates)
        return Message(f"I know no series called “{text}” yet.", ok=False)

    async def _welcome_back(self, member: Member) -> str:
        return WELCOME_BACK if await self._follows.allow(member) else ""
