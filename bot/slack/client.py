"""The Slack clients: the Web API client, the bolt app that verifies requests, and who counts as an admin."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings, SlackSettings

log = logging.getLogger(__name__)


def make_client(settings: Settings, *, rate_limit_retries: int = 2, timeout: int = 15) -> AsyncWebClient:
    """Return a Web API client for the bot token, retrying dropped connections (and 429s when asked)."""
    handlers: list[AsyncRetryHandler] = [AsyncConnectionErrorRetryHandler()]
    if rate_limit_retries:
        handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=rate_limit_retries))
    return AsyncWebClient(token=settings.secrets.slack_bot_token,
                          base_url=settings.file.slack.api_base or AsyncWebClient.BASE_URL,
                          timeout=timeout, retry_handlers=handlers)


def build_app(settings: Settings) -> AsyncApp:
    """Return a bolt app for one workspace; request signatures are checked with the signing secret."""
    return AsyncApp(name="seriesbot", signing_secret=settings.secrets.slack_signing_secret or "",
                    client=make_client(settings))


class AdminCheck:
    """Decide who may manage feeds: workspace admins and owners, listed users, members of the admin group."""

    def __init__(self, client: AsyncWebClient, settings: SlackSettings) -> None:
        self._client = client
        self._settings = settings

    async def __call__(self, user_id: str) -> bool:
        """Tell whether the user is a feed admin."""
        if user_id in self._settings.admin_user_ids:
            return True
        try:
            user = (await self._client.users_info(user=user_id))["user"]
            if user.get("is_admin") or user.get("is_owner"):
                return True
        except SlackApiError as error:
            log.warning("users.info for %s failed: %s", user_id, error.response.get("error"))
        group = self._settings.admin_usergroup
        if group:
            try:
                members = (await self._client.usergroups_users_list(usergroup=group))["users"]
                return user_id in members
            except SlackApiError as error:
                log.warning("usergroups.users.list for %s failed: %s", group, error.response.get("error"))
        return False
