"""What the composition root hands a platform adapter, and what a started adapter hands back."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.catalog import Catalog
from bot.commands import Commands
from bot.destinations import Platform
from bot.digest import Digests
from bot.follow import FollowCommands
from bot.outbox import Sender


@dataclass(frozen=True, slots=True)
class Handlers:
    """The platform-neutral handlers an adapter's commands and buttons call."""

    commands: Commands
    follows: FollowCommands
    digests: Digests
    catalog: Catalog


@dataclass(frozen=True, slots=True)
class Adapter:
    """A started adapter: its outbox sender, how to stop it, whether it is connected, where it listens."""

    platform: Platform
    sender: Sender
    stop: Callable[[], Awaitable[None]]
    connected: Callable[[], bool]
    mode: str | None = None
    port: int | None = None

    async def __call__(self) -> None:
        """Stop the adapter."""
        await self.stop()
