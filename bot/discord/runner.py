"""Start the Discord adapter: connect, wait until ready; hand back its sender, its stop and its health probe."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

import discord
import discord.gateway
import discord.http
import yarl

from bot.adapter import Adapter, Handlers
from bot.config import Settings
from bot.destinations import Platform
from bot.discord.client import make_client
from bot.discord.sender import DiscordSender
from bot.store.store import Store

log = logging.getLogger(__name__)
READY_SECONDS = 30.0
CLOSE_SECONDS = 10.0


def point_at(api_base: str | None, gateway_url: str | None) -> Callable[[], None]:
    """Send discord.py's REST and gateway traffic to other URLs (a proxy); return how to undo it."""
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    if api_base:
        discord.http.Route.BASE = api_base.rstrip("/")
        log.info("Discord REST API base: %s", api_base)
    if gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
        log.info("Discord gateway: %s", gateway_url)

    def restore() -> None:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

    return restore


async def _wait_ready(client: discord.Client, connection: asyncio.Task[None], within: float) -> None:
    ready = asyncio.create_task(client.wait_until_ready())
    done, _ = await asyncio.wait({ready, connection}, timeout=within, return_when=asyncio.FIRST_COMPLETED)
    if ready in done:
        return
    ready.cancel()
    if connection in done:
        connection.result()  # The gateway connection failed for good: raise its error.
        raise RuntimeError("the Discord gateway connection ended before it was ready")
    log.error("Discord did not become ready within %.0f s; still trying in the background. Check the token, "
              "the gateway URL and the network; /healthz reports discord=false until it connects", within)


def _log_end(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("the Discord gateway connection stopped", exc_info=task.exception())


async def _close(client: discord.Client, connection: asyncio.Task[None] | None) -> None:
    await client.close()
    if connection is not None:
        with contextlib.suppress(asyncio.CancelledError, TimeoutError, discord.DiscordException):
            await asyncio.wait_for(connection, CLOSE_SECONDS)


async def start_discord(handlers: Handlers, store: Store, settings: Settings, token: str | None, *,
                        guild_ready_timeout: float = 2.0, ready_timeout: float = READY_SECONDS) -> Adapter:
    """Log in and connect; return the outbox sender, the stop function and the health probe."""
    discord_settings = settings.file.discord
    if not token:
        raise RuntimeError("DISCORD_TOKEN is not set")
    restore = point_at(discord_settings.api_base, discord_settings.gateway_url)
    client = make_client(handlers, discord_settings, settings.store_url, guild_ready_timeout=guild_ready_timeout)
    connection: asyncio.Task[None] | None = None
    try:
        try:
            await client.login(token)
        except discord.LoginFailure:
            log.error("Discord refused the token: check DISCORD_TOKEN")
            raise
        connection = asyncio.create_task(client.connect(reconnect=True), name="discord-gateway")
        connection.add_done_callback(_log_end)
        await _wait_ready(client, connection, ready_timeout)
    except BaseException:
        await _close(client, connection)
        restore()
        raise
    sender = DiscordSender(client, store, discord_settings)
    user = client.user
    log.info("Discord ready as %s in %d server(s)", user.name if user else "?", len(client.guilds))

    async def stop() -> None:
        log.info("disconnecting from Discord")
        await _close(client, connection)
        restore()

    return Adapter(Platform.DISCORD, sender, stop, client.is_ready)
