"""Deliver outbox jobs to Discord channels: paced, exactly once, and never silently failing."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from datetime import UTC, datetime

import aiohttp
import discord

from bot.config import DiscordSettings
from bot.destinations import Platform
from bot.digest import Digest
from bot.discord.digest import digest_embeds
from bot.discord.embeds import announcement_embed, display_title, notice_embed
from bot.discord.follow import follow_view
from bot.discord.pacing import Pacer
from bot.outbox import Failed, Gone, Outcome, Retry, Sent
from bot.store.digests import DIGEST_KIND
from bot.store.follows import DM_KIND, FollowStore, Member
from bot.store.records import DeliveryJob
from bot.store.store import Store

log = logging.getLogger(__name__)
# One notice per lost subscription is enough; the jobs already claimed with it fail the same way.
TELL_AGAIN_AFTER = 3600.0
NETWORK_ERRORS = (aiohttp.ClientError, OSError, TimeoutError)
# Discord counts the global limit per bot token, so every process posting with the token draws from this.
GLOBAL_BUCKET = "discord:global"
# Cannot send messages to this user (DMs closed, bot blocked, no shared server) and Unknown User.
DM_REFUSED = {50007: "the member does not accept direct messages from me", 10013: "the member no longer exists"}


def nonce_for(delivery_id: int) -> str:
    """Return the message nonce of a delivery: stable across retries, at most 25 characters."""
    nonce = f"seriesbot-{delivery_id}"
    return nonce if len(nonce) <= 25 else hashlib.sha256(nonce.encode()).hexdigest()[:25]


def mention_parts(mention: str | None) -> tuple[str | None, discord.AllowedMentions]:
    """Return the content that pings the subscription's role, and permission to ping that role only."""
    if mention and mention.isdigit():
        allowed = discord.AllowedMentions(everyone=False, users=False, roles=[discord.Object(int(mention))],
                                          replied_user=False)
        return f"<@&{mention}>", allowed
    return None, discord.AllowedMentions.none()


def describe(error: discord.HTTPException) -> str:
    """Say in words why Discord refused a channel."""
    if error.code == 10003:
        return "the channel no longer exists"
    if error.code == 50001:
        return "I can no longer see the channel (Missing Access)"
    if error.code == 50013:
        return "I am missing permissions there (I need View Channel, Send Messages and Embed Links)"
    return f"Discord answered {error.status}: {error.text or 'no reason given'}"


def _retry_after(error: discord.HTTPException) -> float | None:
    try:
        return float(error.response.headers.get("Retry-After", ""))
    except (TypeError, ValueError):
        return None


class DiscordSender:
    """The outbox's way to Discord."""

    platform = Platform.DISCORD

    def __init__(self, client: discord.Client, store: Store, settings: DiscordSettings, *,
                 timeout: float | None = None) -> None:
        self._client = client
        self._store = store
        self._crosspost = settings.crosspost
        self._timeout = timeout if timeout is not None else settings.send_timeout
        budget = store.rate_window(GLOBAL_BUCKET, settings.rate_limit_per_second)
        self._pacer = Pacer(settings.rate_limit_per_second, settings.per_channel_interval, budget=budget)
        self._told: dict[int, float] = {}
        self._follows = FollowStore(store)

    async def send(self, job: DeliveryJob) -> Outcome:
        """Post one announcement, notice or follower DM and map Discord's answer to an outcome."""
        if job.kind == DM_KIND:
            return await self._direct(job)
        if not job.destination.channel.isdigit():
            return Failed(f"not a Discord channel id: {job.destination.channel!r}")
        if job.announcement is None and not job.notice and not (job.kind == DIGEST_KIND and job.payload):
            return Failed("nothing to send: the delivery has neither an announcement nor a notice")
        channel_id = int(job.destination.channel)
        try:
            async with self._pacer.slot(channel_id), asyncio.timeout(self._timeout):
                message = await self._post(channel_id, job)
        except (discord.Forbidden, discord.NotFound) as error:
            reason = describe(error)
            await self._tell_admins(job, reason, gone_for_good=isinstance(error, discord.NotFound))
            return Gone(reason)
        except discord.RateLimited as error:
            return Retry(f"rate limited for {error.retry_after:.1f} s", after=error.retry_after)
        except discord.HTTPException as error:
            if error.status == 429 or error.status >= 500:
                return Retry(f"Discord answered {error.status}: {error.text or 'no reason given'}",
                             after=_retry_after(error))
            return Failed(f"Discord refused the message ({error.status}, code {error.code}): {error.text}")
        except NETWORK_ERRORS as error:
            return Retry(f"cannot reach Discord: {type(error).__name__}: {error}")
        if self._crosspost:
            await self._publish(channel_id, message)
        return Sent(str(message.id))

    async def _post(self, channel_id: int, job: DeliveryJob) -> discord.Message:
        workspace = job.destination.workspace
        channel = self._client.get_partial_messageable(channel_id,
                                                       guild_id=int(workspace) if workspace.isdigit() else None)
        if job.kind == DIGEST_KIND and job.payload:
            return await channel.send(embeds=digest_embeds(Digest.from_dict(job.payload)), nonce=nonce_for(job.id),
                                      allowed_mentions=discord.AllowedMentions.none())
        if job.announcement is not None:
            content, allowed = mention_parts(job.mention)
            series_id = job.announcement.series.id
            view = follow_view(series_id) if series_id is not None else discord.utils.MISSING
            return await channel.send(content=content, embed=announcement_embed(job.announcement),
                                      nonce=nonce_for(job.id), allowed_mentions=allowed, view=view)
        return await channel.send(embed=notice_embed(job.notice or ""), nonce=nonce_for(job.id),
                                  allowed_mentions=discord.AllowedMentions.none())

    async def _direct(self, job: DeliveryJob) -> Outcome:
        """Send a follower their DM about an update; a refusal marks them so that nothing more is sent."""
        if not job.destination.channel.isdigit() or job.announcement is None:
            return Failed(f"not a Discord user id or no announcement: {job.destination.channel!r}")
        member = Member(Platform.DISCORD, job.destination.channel, job.destination.workspace)
        if await self._follows.refused(member):
            return Failed("the member does not accept direct messages (marked earlier)")
        title = display_title(job.announcement.series)
        try:
            async with self._pacer.slot(None), asyncio.timeout(self._timeout):
                channel = await self._client.create_dm(discord.Object(int(member.user_id)))
            async with self._pacer.slot(channel.id), asyncio.timeout(self._timeout):
                message = await channel.send(content=f"🔔 News about **{title}**, which you follow:",
                                             embed=announcement_embed(job.announcement), nonce=nonce_for(job.id),
                                             allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as error:
            if error.code in DM_REFUSED:
                reason = DM_REFUSED[error.code]
                log.info("user %s refuses DMs (%s); their follows are kept, nothing more is sent", member.user_id,
                         reason)
                await self._follows.refuse(member, reason, now=datetime.now(UTC))
                return Failed(reason)
            return self._http_outcome(error)
        except discord.RateLimited as error:
            return Retry(f"rate limited for {error.retry_after:.1f} s", after=error.retry_after)
        except NETWORK_ERRORS as error:
            return Retry(f"cannot reach Discord: {type(error).__name__}: {error}")
        return Sent(str(message.id))

    @staticmethod
    def _http_outcome(error: discord.HTTPException) -> Outcome:
        if error.status == 429 or error.status >= 500:
            return Retry(f"Discord answered {error.status}: {error.text or 'no reason given'}",
                         after=_retry_after(error))
        return Failed(f"Discord refused the message ({error.status}, code {error.code}): {error.text}")

    async def _publish(self, channel_id: int, message: discord.Message) -> None:
        channel = self._client.get_channel(channel_id)
        if not (isinstance(channel, discord.TextChannel) and channel.is_news()):
            return
        try:
            async with self._pacer.slot(None), asyncio.timeout(self._timeout):
                await message.publish()
        except (discord.HTTPException, *NETWORK_ERRORS) as error:
            log.warning("posted message %s in announcement channel %s but could not publish it: %s",
                        message.id, channel_id, error)

    async def _tell_admins(self, job: DeliveryJob, reason: str, *, gone_for_good: bool) -> None:
        where = f"<#{job.destination.channel}>"
        if job.subscription_id is None:
            log.error("a notice for the admins of %s could not be delivered: %s", job.destination, reason)
            return
        now = time.monotonic()
        if now - self._told.get(job.subscription_id, -TELL_AGAIN_AFTER) < TELL_AGAIN_AFTER:
            return
        self._told[job.subscription_id] = now
        found = await self._store.list_subscriptions(ids=[job.subscription_id])
        feed = await self._store.get_feed(found[0].feed_id) if found else None
        what = f"news from {feed.label}" if feed else "series news"
        fix = ("Pick another channel with /feeds add, or drop the feed with /feeds remove."
               if gone_for_good else "Fix my permissions there, then run /feeds resume.")
        text = f"I can no longer post {what} to {where}: {reason}. I paused that subscription. {fix}"
        if await self._to_system_channel(job, text):
            return
        created_by = found[0].created_by if found else None
        if created_by and created_by.isdigit() and await self._to_user(int(created_by), text):
            return
        log.error("could not tell the admins of guild %s that %s is unreachable (%s): no usable system channel "
                  "and no admin to message", job.destination.workspace or "?", job.destination, reason)

    async def _to_system_channel(self, job: DeliveryJob, text: str) -> bool:
        workspace = job.destination.workspace
        guild = self._client.get_guild(int(workspace)) if workspace.isdigit() else None
        channel = guild.system_channel if guild else None
        if channel is None or str(channel.id) == job.destination.channel:
            return False
        return await self._notify(channel, text, f"system channel {channel.id}")

    async def _to_user(self, user_id: int, text: str) -> bool:
        try:
            async with self._pacer.slot(None):
                user = self._client.get_user(user_id) or await self._client.fetch_user(user_id)
        except (discord.HTTPException, *NETWORK_ERRORS) as error:
            log.warning("cannot find user %s to tell them about a lost channel: %s", user_id, error)
            return False
        return await self._notify(user, text, f"user {user_id}")

    async def _notify(self, target: discord.abc.Messageable, text: str, label: str) -> bool:
        try:
            async with self._pacer.slot(None), asyncio.timeout(self._timeout):
                await target.send(embed=notice_embed(text), allowed_mentions=discord.AllowedMentions.none())
        except (discord.HTTPException, *NETWORK_ERRORS) as error:
            log.warning("could not send a notice to %s: %s", label, error)
            return False
        log.info("told the admins via %s: %s", label, text)
        return True
