"""Start the Slack adapter in Socket Mode or HTTP mode and hand back how to stop it."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError

from bot.config import Settings
from bot.slack.app import build_app, make_client, register
from bot.slack.follow import register_follow
from bot.slack.sender import SlackSender

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"


class SlackSetupError(RuntimeError):
    """The Slack settings or tokens cannot work; the message says what to fix."""


@dataclass(slots=True)
class SlackRuntime:
    """The running adapter; awaiting it (calling it) stops everything it started."""

    app: AsyncApp
    sender: SlackSender
    mode: str
    port: int | None = None
    _closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    async def __call__(self) -> None:
        """Stop serving and posting."""
        self.sender.close()
        while self._closers:
            close = self._closers.pop()
            try:
                await close()
            except Exception:
                log.exception("error while stopping the Slack adapter")
        log.info("Slack adapter stopped")


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


async def start_slack(services: Services) -> SlackRuntime:
    """Check the token, start receiving commands, then register the sender with the outbox."""
    settings = services.settings
    mode = choose_mode(settings)
    app = build_app(settings)
    register(app, services)
    register_follow(app, services.follows)
    try:
        me = await app.client.auth_test()
    except SlackApiError as error:
        raise SlackSetupError(f"Slack refused SLACK_BOT_TOKEN: {error.response.get('error')}") from None
    log.info("Slack: signed in to %s (%s) as %s", me.get("team"), me.get("team_id"), me.get("user"))
    # The outbox retries rate-limited posts itself, honouring Retry-After, so its client does not wait.
    sender = SlackSender(make_client(settings, rate_limit_retries=0), services.store,
                         interval=settings.file.slack.per_channel_interval)
    runtime = SlackRuntime(app, sender, mode)
    if mode == "socket":
        handler = AsyncSocketModeHandler(app, app_token=settings.secrets.slack_app_token)
        await handler.connect_async()  # type: ignore[no-untyped-call]  # slack_bolt leaves it unannotated
        runtime._closers.append(handler.close_async)
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
        runtime._closers.append(runner.cleanup)
        host, port = runner.addresses[0][:2]
        runtime.port = int(port)
        log.info("Slack: receiving commands over HTTP at http://%s:%d%s (set the app's Request URL to "
                 "https://<public host>%s)", host, port, EVENTS_PATH, EVENTS_PATH)
    services.dispatcher.add_sender(sender)
    services.senders.append(sender)
    return runtime
