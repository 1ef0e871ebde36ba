"""The Discord client: minimal intents, no default pings, commands registered and synced at login."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

import discord
from discord import app_commands
from sqlalchemy.engine import make_url

from bot.adapter import Handlers
from bot.config import DiscordSettings
from bot.discord.commands import register
from bot.discord.follow import register_follow
from bot.discord.interact import on_tree_error

log = logging.getLogger(__name__)
SYNC_STATE_FILE = "discord-commands.json"


def intents() -> discord.Intents:
    """Return the only intent the bot needs: guilds (channels, roles, system channel); none privileged."""
    chosen = discord.Intents.none()
    chosen.guilds = True
    return chosen


def sync_state_path(store_url: str) -> Path | None:
    """Return where to remember the synced command hash: beside a SQLite file, else nowhere."""
    url = make_url(store_url)
    if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).parent / SYNC_STATE_FILE


# The hash of what was last synced, per application and scope, lives in a small JSON file beside the SQLite
# database so that restarts do not spend Discord's daily command-update budget. Without such a file (on
# PostgreSQL) it is kept in memory: one sync per process start. Delete the file to force a sync.
class CommandSync:
    """Sync the command tree only when its payload changed since the last successful sync."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._memory: dict[str, str] = {}

    def _load(self) -> dict[str, str]:
        if self._path is None or not self._path.exists():
            return dict(self._memory)
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            log.warning("cannot read %s (%s); commands will be synced", self._path, error)
            return {}
        return {str(key): str(value) for key, value in data.items()} if isinstance(data, dict) else {}

    def _save(self, state: dict[str, str]) -> None:
        self._memory = dict(state)
        if self._path is None:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            partial = self._path.with_suffix(".tmp")
            partial.write_text(json.dumps(state, indent=2, sort_keys=True), encoding="utf-8")
            os.replace(partial, self._path)
        except OSError as error:
            log.warning("cannot write %s (%s); commands will be synced again next start", self._path, error)

    async def sync(self, client: discord.Client, tree: app_commands.CommandTree[Any],
                   guild: discord.abc.Snowflake | None) -> bool:
        """Sync when the payload differs from the last one synced; tell whether it synced."""
        payload = [command.to_dict(tree) for command in tree.get_commands(guild=guild)]
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
        scope = f"guild {guild.id}" if guild else "global"
        key = f"{client.application_id}:{scope}"
        state = self._load()
        if state.get(key) == digest:
            log.info("Discord commands unchanged (%s); not syncing", scope)
            return False
        synced = await tree.sync(guild=guild)
        log.info("synced %d Discord commands (%s): %s", len(synced), scope, ", ".join(c.name for c in synced))
        self._save({**state, key: digest})
        return True


async def prepare(client: discord.Client, tree: app_commands.CommandTree[Any], handlers: Handlers,
                  guild_id: int | None, sync: CommandSync) -> None:
    """Register the commands and sync them, to the configured guild or globally."""
    register(tree, handlers)
    register_follow(tree, client, handlers.follows, handlers.catalog)
    tree.error(on_tree_error)
    guild = discord.Object(guild_id) if guild_id else None
    if guild is not None:
        tree.copy_global_to(guild=guild)
    try:
        await sync.sync(client, tree, guild)
    except discord.HTTPException as error:
        log.error("could not sync the Discord commands (%s); members may see outdated ones until the next start",
                  error)


class _Wiring:
    """What both client kinds add: the handlers, the command tree and its sync state."""

    handlers: Handlers
    guild_id: int | None
    tree: app_commands.CommandTree[Any]
    command_sync: CommandSync

    def _wire(self, client: discord.Client, handlers: Handlers, guild_id: int | None, sync_path: Path | None) -> None:
        self.handlers = handlers
        self.guild_id = guild_id
        self.tree = app_commands.CommandTree(client)
        self.command_sync = CommandSync(sync_path)


class SeriesBot(discord.Client, _Wiring):
    """One gateway connection."""

    def __init__(self, handlers: Handlers, *, guild_id: int | None = None, sync_path: Path | None = None,
                 **options: Any) -> None:
        super().__init__(intents=intents(), allowed_mentions=discord.AllowedMentions.none(), **options)
        self._wire(self, handlers, guild_id, sync_path)

    async def setup_hook(self) -> None:
        """Register and sync the commands once logged in."""
        await prepare(self, self.tree, self.handlers, self.guild_id, self.command_sync)


class ShardedSeriesBot(discord.AutoShardedClient, _Wiring):
    """Several shards in one process, for when shard settings are given."""

    def __init__(self, handlers: Handlers, *, guild_id: int | None = None, sync_path: Path | None = None,
                 **options: Any) -> None:
        super().__init__(intents=intents(), allowed_mentions=discord.AllowedMentions.none(), **options)
        self._wire(self, handlers, guild_id, sync_path)

    async def setup_hook(self) -> None:
        """Register and sync the commands once logged in."""
        await prepare(self, self.tree, self.handlers, self.guild_id, self.command_sync)


def make_client(handlers: Handlers, settings: DiscordSettings, store_url: str, **options: Any) -> discord.Client:
    """Build the client, sharded only when shard settings are given."""
    wiring: dict[str, Any] = {"guild_id": settings.guild_id, "sync_path": sync_state_path(store_url), **options}
    if settings.shard_count is None and settings.shard_ids is None:
        return SeriesBot(handlers, **wiring)
    return ShardedSeriesBot(handlers, shard_count=settings.shard_count, shard_ids=settings.shard_ids, **wiring)
