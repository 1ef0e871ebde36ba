"""Start the Slack adapter in Socket Mode or HTTP mode; hand back its sender, its stop and its health probe."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError

from bot.adapter import Adapter, Handlers
from bot.config import Settings
from bot.destinations import Platform
from bot.slack.client import build_app, make_client
from bot.slack.commands import register
from bot.slack.follow import register_follow
from bot.slack.sender import SlackSender
from bot.store.store import Store

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"


class SlackSetupError(RuntimeError):
    """The Slack settings or tokens cannot work; the message says what to fix."""


def choose_mode(settings: Settings) -> str:
    """Return 'socket' or 'http', refusing a mode whose secret is missing."""
    slack, secrets = settings.file.slack, settings.secrets
    mode = slack.mode if slack.mode != "auto" else ("socket" if secrets.slack_app_token else "http")
    if mode == "socket" and not secrets.slack_app_token:
        raise SlackSetupError("Slack Socket Mode needs SLACK_APP_TOKEN (an xapp- token with connections:write).")
    if mode == "http" and not secrets.slack_signing_secret:
        raise SlackSetupError("Slack HTTP mode needs SLACK_SIGNING_SECRET to verify requests "
                              "(or set SLACK_APP_TOKEN to use Socket Mode).")
    return mode


async def start_slack(handlers: Handlers, store: Store, settings: Settings) -> Adapter:
    """Check the token and start receiving commands; return the outbox sender, the stop and the health probe."""
    mode = choose_mode(settings)
    app = build_app(settings)
    register(app, handlers, settings.file.slack)
    register_follow(app, handlers.follows)
    try:
        me = await app.client.auth_test()
    except SlackApiError as error:
        raise SlackSetupError(f"Slack refused SLACK_BOT_TOKEN: {error.response.get('error')}") from None
    log.info("Slack: signed in to %s (%s) as %s", me.get("team"), me.get("team_id"), me.get("user"))
    # The outbox retries rate-limited posts itself, honouring Retry-After, so its client does not wait.
    sender = SlackSender(make_client(settings, rate_limit_retries=0), store,
                         interval=settings.file.slack.per_channel_interval)
    closers: list[Callable[[], Awaitable[None]]] = []
    port: int | None = None
    if mode == "socket":
        handler = AsyncSocketModeHandler(app, app_token=settings.secrets.slack_app_token)
        await handler.connect_async()  # type: ignore[no-untyped-call]  # slack_bolt leaves it unannotated
        closers.append(handler.close_async)
        log.info("Slack: receiving commands over Socket Mode")
    else:
        runner = web.AppRunner(app.web_app(path=EVENTS_PATH), access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        try:
            site = web.TCPSite(runner, settings.file.slack.http_host, settings.file.slack.http_port)
            await site.start()
        except OSError as error:
            await runner.cleanup()
            raise SlackSetupError(f"cannot listen on {settings.file.slack.http_host}:"
                                  f"{settings.file.slack.http_port} for Slack: {error}") from None
        closers.append(runner.cleanup)
        host, bound = runner.addresses[0][:2]
        port = int(bound)
        log.info("Slack: receiving commands over HTTP at http://%s:%d%s (set the app's Request URL to "
                 "https://<public host>%s)", host, port, EVENTS_PATH, EVENTS_PATH)

    async def stop() -> None:
        sender.close()
        while closers:
            close = closers.pop()
            try:
                await close()
            except Exception:
                log.exception("error while stopping the Slack adapter")
        log.info("Slack adapter stopped")

    return Adapter(Platform.SLACK, sender, stop, lambda: not sender.closed, mode=mode, port=port)
