"""Post queued announcements and notices to Slack channels, once each, at a polite pace."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.destinations import Platform
from bot.digest import Digest
from bot.outbox import Failed, Gone, Outcome, Retry, Sent
from bot.slack.blocks import Rendered, announcement_blocks, notice_blocks, section
from bot.slack.digest import digest_blocks
from bot.slack.follow import with_follow_button
from bot.slack.text import mrkdwn
from bot.store.digests import DIGEST_KIND
from bot.store.follows import DM_KIND, FollowStore, Member
from bot.store.records import DeliveryJob
from bot.store.store import Store

log = logging.getLogger(__name__)
ANNOUNCEMENT_EVENT = "seriesbot_announcement"
NOTICE_EVENT = "seriesbot_notice"
DIGEST_EVENT = "seriesbot_digest"
HISTORY_LOOKBACK = 50
_GONE = {
    "channel_not_found": "the channel no longer exists or I cannot see it",
    "is_archived": "the channel is archived",
    "not_in_channel": "I am not in the channel and cannot join it (invite me with /invite)",
    "restricted_action": "posting there is restricted",
    "restricted_action_read_only_channel": "the channel is read-only",
}
_REJECTED = {"invalid_blocks", "invalid_blocks_format", "msg_too_long", "no_text", "invalid_metadata_format",
             "invalid_metadata_schema", "metadata_too_large", "too_many_attachments", "invalid_arguments"}
# conversations.open / chat.postMessage answers meaning this member cannot get a DM from the bot.
DM_REFUSED = {"cannot_dm_bot", "user_not_found", "user_disabled", "user_not_visible", "messages_tab_disabled"}
# Answers meaning a remembered DM channel no longer works; conversations.open gives the current one.
_DM_CLOSED = {"channel_not_found", "is_archived"}
DM_CHANNELS_REMEMBERED = 4096
_USER = re.compile(r"^[UW][A-Z0-9]{2,20}$")
_NETWORK = (aiohttp.ClientError, TimeoutError)


def _code(error: SlackApiError) -> str:
    return str(error.response.get("error") or "unknown_error")


def _retry_after(headers: Mapping[str, Any]) -> float:
    for key, value in headers.items():
        if key.lower() == "retry-after":
            try:
                return max(0.0, float(value))
            except (TypeError, ValueError):
                break
    return 1.0


def _transient(error: SlackApiError) -> Retry | None:
    status = error.response.status_code
    if status == 429:
        return Retry("rate limited by Slack", after=_retry_after(error.response.headers))
    if status >= 500:
        return Retry(f"Slack answered HTTP {status}: {_code(error)}")
    return None


class SlackSender:
    """The outbox's Slack sender: chat.postMessage with metadata that makes re-sends detectable."""

    platform = Platform.SLACK

    def __init__(self, client: AsyncWebClient, store: Store, *, interval: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._client = client
        self._store = store
        self._interval = interval
        self._clock = clock
        self._next_post: dict[str, float] = {}
        self._blocked_until: dict[str, float] = {}
        self._follows = FollowStore(store)
        self._dm_channels: OrderedDict[tuple[str, str], str] = OrderedDict()
        self.closed = False

    def close(self) -> None:
        """Stop posting; later deliveries are handed back for another process or a restart."""
        self.closed = True

    async def send(self, job: DeliveryJob) -> Outcome:
        """Post one delivery and say how it went."""
        channel = job.destination.channel
        if self.closed:
            return Retry("the Slack adapter is stopped")
        if job.kind == DM_KIND:
            return await self._direct(job)
        blocked = self._blocked_until.get(channel, 0.0) - self._clock()
        if blocked > 0:
            return Retry("this channel is rate limited", after=blocked)
        try:
            if job.attempts > 1 and (ts := await self._posted_before(channel, job.id)):
                log.info("delivery %s was already posted to %s as %s", job.id, channel, ts)
                return Sent(ts)
            outcome = await self._post(job)
        except SlackApiError as error:
            outcome = _transient(error) or Retry(_code(error))
        except _NETWORK as error:
            outcome = Retry(f"cannot reach Slack: {type(error).__name__}: {error}")
        if isinstance(outcome, Retry) and outcome.after:
            self._blocked_until[channel] = self._clock() + outcome.after
        return outcome

    async def _posted_before(self, channel: str, delivery_id: int) -> str | None:
        """Find a message this delivery already produced, in case an earlier attempt died after posting."""
        try:
            history = await self._client.conversations_history(channel=channel, limit=HISTORY_LOOKBACK,
                                                               include_all_metadata=True)
        except SlackApiError as error:
            if _transient(error):
                raise
            log.warning("cannot read the history of %s to check delivery %s (%s); posting it", channel,
                        delivery_id, _code(error))
            return None
        for message in history.get("messages") or []:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") in (ANNOUNCEMENT_EVENT, NOTICE_EVENT, DIGEST_EVENT) \
                    and str(payload.get("delivery_id")) == str(delivery_id):
                return str(message["ts"])
        return None

    def _message(self, job: DeliveryJob, *, images: bool) -> tuple[Rendered, dict[str, Any]]:
        payload: dict[str, Any] = {"delivery_id": job.id}
        if job.kind == DIGEST_KIND and job.payload:
            digest = digest_blocks(Digest.from_dict(job.payload), images=images)
            return digest, {"event_type": DIGEST_EVENT, "event_payload": payload}
        if job.announcement is None:
            return notice_blocks(job.notice or ""), {"event_type": NOTICE_EVENT, "event_payload": payload}
        if job.announcement.id is not None:
            payload["announcement_id"] = job.announcement.id
        rendered = announcement_blocks(job.announcement, mention=job.mention, images=images)
        if job.kind == DM_KIND:
            title = mrkdwn(job.announcement.series.display_title, 300)
            lead = f":bell: News about *{title}*, which you follow:"
            rendered = Rendered(f"News about {title}, which you follow", [section(lead), *rendered.blocks][:50])
        else:
            rendered = with_follow_button(rendered, job.announcement.series.id)
        return rendered, {"event_type": ANNOUNCEMENT_EVENT, "event_payload": payload}

    async def _post(self, job: DeliveryJob) -> Outcome:
        channel = job.destination.channel
        joined = False
        images = True
        while True:
            rendered, metadata = self._message(job, images=images)
            await self._pace(channel)
            try:
                posted = await self._client.chat_postMessage(
                    channel=channel, text=rendered.text, blocks=rendered.blocks, metadata=metadata,
                    unfurl_links=False, unfurl_media=False)
                return Sent(str(posted["ts"]))
            except SlackApiError as error:
                code = _code(error)
                if _transient(error):
                    raise
                if code == "not_in_channel" and not joined:
                    joined = True
                    if await self._join(channel):
                        continue
                if code in _GONE:
                    await self._tell_admin(job, code)
                    return Gone(code)
                if code == "invalid_blocks" and images and _has_image(rendered):
                    # Slack refuses the whole message when it cannot fetch an image; the card is worth more.
                    log.warning("Slack refused delivery %s with its image; posting it without", job.id)
                    images = False
                    continue
                if code in _REJECTED:
                    return Failed(code)
                return Retry(code)

    async def _direct(self, job: DeliveryJob) -> Outcome:
        """DM a follower about an update, once; a refusal marks them so that nothing more is sent."""
        if job.announcement is None or not _USER.match(job.destination.channel):
            return Failed(f"not a Slack user or no announcement: {job.destination.channel!r}")
        member = Member(Platform.SLACK, job.destination.channel, job.destination.workspace)
        if await self._follows.refused(member):
            return Failed("the member cannot get direct messages (marked earlier)")
        while True:
            remembered = (member.workspace, member.user_id) in self._dm_channels
            try:
                return await self._post_direct(job, member)
            except SlackApiError as error:
                code = _code(error)
                if remembered and code in _DM_CLOSED:
                    # The conversation remembered for this member is gone: open it again, once.
                    log.info("the DM channel remembered for %s answers %s; opening it again", member.user_id, code)
                    self._dm_channels.pop((member.workspace, member.user_id), None)
                    continue
                if (transient := _transient(error)) is not None:
                    return transient
                if code in DM_REFUSED:
                    log.info("Slack user %s cannot get DMs (%s); their follows are kept, nothing more is sent",
                             member.user_id, code)
                    await self._follows.refuse(member, code, now=datetime.now(UTC))
                    return Failed(code)
                return Failed(code) if code in _REJECTED else Retry(code)
            except _NETWORK as error:
                return Retry(f"cannot reach Slack: {type(error).__name__}: {error}")

    async def _post_direct(self, job: DeliveryJob, member: Member) -> Outcome:
        channel = await self._dm_channel(member.workspace, member.user_id)
        blocked = self._blocked_until.get(channel, 0.0) - self._clock()
        if blocked > 0:
            return Retry("this conversation is rate limited", after=blocked)
        if job.attempts > 1 and (ts := await self._posted_before(channel, job.id)):
            log.info("follower DM %s was already posted to %s as %s", job.id, member.user_id, ts)
            return Sent(ts)
        rendered, metadata = self._message(job, images=False)
        await self._pace(channel)
        posted = await self._client.chat_postMessage(channel=channel, text=rendered.text, blocks=rendered.blocks,
                                                     metadata=metadata, unfurl_links=False, unfurl_media=False)
        return Sent(str(posted["ts"]))

    async def _dm_channel(self, workspace: str, user_id: str) -> str:
        """Return the DM channel with a member: conversations.open once, then remembered (the most recent few)."""
        key = (workspace, user_id)
        if (channel := self._dm_channels.get(key)) is not None:
            self._dm_channels.move_to_end(key)
            return channel
        opened = await self._client.conversations_open(users=user_id)
        channel = str(opened["channel"]["id"])
        self._dm_channels[key] = channel
        if len(self._dm_channels) > DM_CHANNELS_REMEMBERED:
            self._dm_channels.popitem(last=False)
        return channel

    async def _pace(self, channel: str) -> None:
        """Keep about one message per interval per channel, as Slack asks."""
        now = self._clock()
        start = max(now, self._next_post.get(channel, now))
        self._next_post[channel] = start + self._interval
        if start > now:
            await asyncio.sleep(start - now)

    async def _join(self, channel: str) -> bool:
        try:
            await self._client.conversations_join(channel=channel)
        except SlackApiError as error:
            if _transient(error):
                raise
            log.warning("cannot join %s: %s", channel, _code(error))
            return False
        log.info("joined %s to post there", channel)
        return True

    async def _tell_admin(self, job: DeliveryJob, code: str) -> None:
        """DM the admin who added the subscription that it is paused, or log when there is nobody to tell."""
        channel = job.destination.channel
        subs = await self._store.list_subscriptions(ids=[job.subscription_id]) if job.subscription_id else []
        if not subs:
            log.error("cannot post to Slack channel %s (%s) and no subscription names an admin", channel, code)
            return
        sub = subs[0]
        if sub.paused_reason:
            log.info("subscription %s to %s is already paused; its admin was told", sub.id, channel)
            return
        feed = await self._store.get_feed(sub.feed_id)
        label = feed.label if feed else f"feed {sub.feed_id}"
        text = (f"I can no longer post to <#{channel}>: {_GONE[code]} (`{code}`). The subscription to {label} "
                f"there is paused. Once that is fixed, run `/feeds resume {sub.feed_id}` in this workspace.")
        user = sub.created_by or ""
        if not _USER.match(user):
            log.error("%s; the subscription was added by %r, who is not a Slack user I can tell",
                      text, sub.created_by)
            return
        try:
            notice = notice_blocks(text)
            await self._client.chat_postMessage(channel=await self._dm_channel(job.destination.workspace, user),
                                                text=notice.text, blocks=notice.blocks, unfurl_links=False)
        except (SlackApiError, *_NETWORK) as error:
            self._dm_channels.pop((job.destination.workspace, user), None)  # opened afresh next time
            log.error("could not DM %s that %s is unreachable (%s): %s", user, channel, code, error)


def _has_image(rendered: Rendered) -> bool:
    return any("accessory" in block and block["accessory"].get("type") == "image" for block in rendered.blocks)
