"""The state of the fake Slack workspace and its Web API methods, without any I/O.

:class:`tests.fakes.slack_api.FakeSlack` subclasses :class:`FakeWorkspace` and serves it over HTTP.
Each method takes the merged request parameters and returns the response fields that follow
``"ok": true``, or raises :class:`ApiError`.
"""

from __future__ import annotations

import copy
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

DEFAULT_BOT_TOKEN = "xoxb-0000-fake-bot-token"
DEFAULT_APP_TOKEN = "xapp-1-A0FAKEAPP-0000-fake-app-token"
DEFAULT_TEAM_ID = "T0FAKETEAM"
BOT_USER_ID = "U0FAKEBOT"
BOT_ID = "B0FAKEBOT"
APP_ID = "A0FAKEAPP"

Params = dict[str, Any]
WebMethod = Callable[[Params], Params]


class ApiError(Exception):
    """A Web API failure: ``{"ok": false, "error": error}`` with an HTTP status and headers."""

    def __init__(self, error: str, status: int = 200, headers: dict[str, str] | None = None) -> None:
        super().__init__(error)
        self.error = error
        self.status = status
        self.headers = headers or {}


@dataclass
class _Channel:
    id: str
    name: str
    archived: bool
    member: bool

    def as_api(self) -> Params:
        return {
            "id": self.id,
            "name": self.name,
            "name_normalized": self.name,
            "is_channel": True,
            "is_group": False,
            "is_im": False,
            "is_private": False,
            "is_archived": self.archived,
            "is_member": self.member,
            "created": 1_600_000_000,
        }


@dataclass
class _User:
    id: str
    name: str
    is_admin: bool
    is_owner: bool
    is_bot: bool = False
    deleted: bool = False

    def as_api(self, team_id: str) -> Params:
        return {
            "id": self.id,
            "team_id": team_id,
            "name": self.name,
            "real_name": self.name,
            "deleted": self.deleted,
            "is_bot": self.is_bot,
            "is_admin": self.is_admin,
            "is_owner": self.is_owner,
            "is_primary_owner": False,
            "profile": {"real_name": self.name, "display_name": self.name},
        }


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true")


class FakeWorkspace:
    """Channels, users, user groups and messages, plus the Web API methods acting on them."""

    def __init__(self, team_id: str = DEFAULT_TEAM_ID) -> None:
        self.team_id = team_id
        # Optional per-channel limit for chat.postMessage (Slack's is about 1 per second).
        self.per_channel_per_second: float | None = None
        self.rate_limit_retry_after = 1
        self._channels: dict[str, _Channel] = {}
        self._users: dict[str, _User] = {}
        self._usergroups: dict[str, list[str]] = {}
        self._dm_reopened: dict[str, int] = {}
        self._messages: dict[str, list[Params]] = defaultdict(list)
        self._ephemerals: dict[str, list[Params]] = defaultdict(list)
        self._recent_posts: dict[str, deque[float]] = defaultdict(deque)
        self._last_ts_us = 0
        self.web_methods: dict[str, WebMethod] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "users.info": self._users_info,
            "usergroups.users.list": self._usergroups_users_list,
            "conversations.info": self._conversations_info,
            "conversations.join": self._conversations_join,
            "conversations.history": self._conversations_history,
            "conversations.open": self._conversations_open,
        }

    # ------------------------------------------------------------------ test controls

    def add_channel(self, id: str, name: str, archived: bool = False, member: bool = True) -> None:
        self._channels[id] = _Channel(id=id, name=name, archived=archived, member=member)

    def add_user(self, id: str, name: str, is_admin: bool = False, is_owner: bool = False, *, is_bot: bool = False,
                 deleted: bool = False) -> None:
        self._users[id] = _User(id=id, name=name, is_admin=is_admin, is_owner=is_owner, is_bot=is_bot,
                                deleted=deleted)

    def dm_channel(self, user_id: str) -> str:
        """The id of the DM channel conversations.open gives for a user (a new one after :meth:`close_dm`)."""
        reopened = self._dm_reopened.get(user_id, 0)
        return "D" + user_id[1:] + (f"R{reopened}" if reopened else "")

    def close_dm(self, user_id: str) -> None:
        """Make the user's DM channel disappear (channel_not_found); the next conversations.open gives a new id."""
        self._channels.pop(self.dm_channel(user_id), None)
        self._dm_reopened[user_id] = self._dm_reopened.get(user_id, 0) + 1

    def add_usergroup(self, id: str, user_ids: list[str]) -> None:
        self._usergroups[id] = list(user_ids)

    def messages(self, channel: str) -> list[Params]:
        """Messages posted to ``channel``, oldest first (copies, metadata included)."""
        return copy.deepcopy(self._messages.get(channel, []))

    def ephemerals(self, channel: str) -> list[Params]:
        """Ephemeral messages posted to ``channel``, oldest first; ``to_user`` names the recipient."""
        return copy.deepcopy(self._ephemerals.get(channel, []))

    # ------------------------------------------------------------------ helpers

    def _next_ts(self) -> str:
        self._last_ts_us = max(time.time_ns() // 1000, self._last_ts_us + 1)
        return f"{self._last_ts_us // 1_000_000}.{self._last_ts_us % 1_000_000:06d}"

    def _channel(self, params: Params) -> _Channel:
        ref = str(params.get("channel") or "")
        channel = self._channels.get(ref)
        if channel is None:
            name = ref.removeprefix("#")
            channel = next((c for c in self._channels.values() if c.name == name), None)
        if channel is None:
            raise ApiError("channel_not_found")
        return channel

    def _writable_channel(self, params: Params) -> _Channel:
        channel = self._channel(params)
        if channel.archived:
            raise ApiError("is_archived")
        if not channel.member:
            raise ApiError("not_in_channel")
        return channel

    def _check_channel_rate(self, channel_id: str) -> None:
        if not self.per_channel_per_second:
            return
        now = time.monotonic()
        recent = self._recent_posts[channel_id]
        while recent and now - recent[0] >= 1.0:
            recent.popleft()
        if len(recent) >= self.per_channel_per_second:
            raise ApiError("ratelimited", 429, {"Retry-After": str(self.rate_limit_retry_after)})
        recent.append(now)

    def _build_message(self, params: Params) -> Params:
        if not params.get("text") and not params.get("blocks") and not params.get("attachments"):
            raise ApiError("no_text")
        message: Params = {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "team": self.team_id,
            "text": params.get("text", ""),
            "ts": self._next_ts(),
        }
        for key in ("blocks", "attachments", "metadata", "thread_ts"):
            if params.get(key) is not None:
                message[key] = copy.deepcopy(params[key])
        return message

    # ------------------------------------------------------------------ Web API methods

    def _auth_test(self, params: Params) -> Params:
        return {
            "url": "https://fake-team.slack.com/",
            "team": "Fake Team",
            "user": "seriesbot",
            "team_id": self.team_id,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _chat_post_message(self, params: Params) -> Params:
        channel = self._writable_channel(params)
        self._check_channel_rate(channel.id)
        message = self._build_message(params)
        self._messages[channel.id].append(message)
        return {"channel": channel.id, "ts": message["ts"], "message": copy.deepcopy(message)}

    def _chat_post_ephemeral(self, params: Params) -> Params:
        channel = self._writable_channel(params)
        if not params.get("user"):
            raise ApiError("user_not_in_channel")
        message = self._build_message(params)
        self._ephemerals[channel.id].append({**message, "to_user": params["user"]})
        return {"message_ts": message["ts"]}

    def _chat_update(self, params: Params) -> Params:
        channel = self._channel(params)
        if channel.archived:
            raise ApiError("is_archived")
        message = next((m for m in self._messages[channel.id] if m["ts"] == params.get("ts")), None)
        if message is None:
            raise ApiError("message_not_found")
        for key in ("text", "blocks", "attachments", "metadata"):
            if params.get(key) is not None:
                message[key] = copy.deepcopy(params[key])
        message["edited"] = {"user": BOT_USER_ID, "ts": self._next_ts()}
        return {
            "channel": channel.id,
            "ts": message["ts"],
            "text": message["text"],
            "message": copy.deepcopy(message),
        }

    def _users_info(self, params: Params) -> Params:
        user = self._users.get(str(params.get("user")))
        if user is None:
            raise ApiError("user_not_found")
        return {"user": user.as_api(self.team_id)}

    def _usergroups_users_list(self, params: Params) -> Params:
        users = self._usergroups.get(str(params.get("usergroup")))
        if users is None:
            raise ApiError("no_such_subteam")
        return {"users": list(users)}

    def _conversations_info(self, params: Params) -> Params:
        return {"channel": self._channel(params).as_api()}

    def _conversations_join(self, params: Params) -> Params:
        channel = self._channel(params)
        if channel.archived:
            raise ApiError("is_archived")
        warning = {"warning": "already_in_channel"} if channel.member else {}
        channel.member = True
        return {"channel": channel.as_api(), **warning}

    def _conversations_open(self, params: Params) -> Params:
        """A DM with one user: cannot_dm_bot for bots, user_not_found / user_disabled as Slack answers."""
        user_id = str(params.get("users") or "")
        user = self._users.get(user_id)
        if user is None or "," in user_id:
            raise ApiError("user_not_found")
        if user.is_bot:
            raise ApiError("cannot_dm_bot")
        if user.deleted:
            raise ApiError("user_disabled")
        channel = self.dm_channel(user_id)
        if channel not in self._channels:
            self._channels[channel] = _Channel(id=channel, name=f"dm-{user_id}", archived=False, member=True)
        return {"channel": {"id": channel}, "no_op": True, "already_open": True}

    def _conversations_history(self, params: Params) -> Params:
        """Newest first; ``oldest``/``latest`` exclusive unless ``inclusive``; offset cursor.

        ``metadata`` is returned only with ``include_all_metadata`` (Slack's flag).
        """
        channel = self._channel(params)
        if not channel.member:
            raise ApiError("not_in_channel")
        oldest = float(params.get("oldest") or 0)
        latest = float(params.get("latest") or "inf")
        if _truthy(params.get("inclusive")):
            selected = [m for m in self._messages[channel.id] if oldest <= float(m["ts"]) <= latest]
        else:
            selected = [m for m in self._messages[channel.id] if oldest < float(m["ts"]) < latest]
        selected.reverse()
        start = int(params.get("cursor") or 0)
        limit = int(params.get("limit") or 100)
        page = copy.deepcopy(selected[start : start + limit])
        if not _truthy(params.get("include_all_metadata")):
            for message in page:
                message.pop("metadata", None)
        has_more = start + limit < len(selected)
        return {
            "messages": page,
            "has_more": has_more,
            "pin_count": 0,
            "response_metadata": {"next_cursor": str(start + limit) if has_more else ""},
        }
