"""Command logic shared by Discord, Slack and the CLI; adapters only parse and render."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from bot.catalog import Catalog
from bot.destinations import Destination, Platform, check_mention
from bot.enrich.service import Lookup
from bot.enrich.view import describe
from bot.feeds.fetch import Fetcher, FetchError
from bot.feeds.netguard import UrlRefused
from bot.feeds.parse import NotAFeed, parse_feed
from bot.filters import Filters
from bot.kb.merge import new_series
from bot.model import Announcement, Event, Source
from bot.normalise import normalise
from bot.replies import (
    Choices,
    FeedList,
    FeedRow,
    ListingCard,
    Message,
    NewsList,
    Preview,
    Reply,
    SeriesCard,
    SeriesList,
)
from bot.store.records import FeedRecord, Subscription
from bot.store.store import DuplicateSubscription, Store

log = logging.getLogger(__name__)
MAX_QUERY = 200
PREVIEW_ITEMS = 10


@dataclass(frozen=True, slots=True)
class Actor:
    """Who runs a command: None workspace means the operator (CLI), who sees everything."""

    user_id: str
    workspace: str | None
    is_admin: bool


OPERATOR = Actor("operator", None, True)
CONFIG_CREATOR = "config"
NOT_ADMIN = Message("Only server admins (Manage Server) or workspace admins can manage feeds.", ok=False)


def clean_text(value: str, limit: int = MAX_QUERY) -> str:
    """Drop control and bidirectional characters and cap the length."""
    kept = "".join(ch for ch in value if ch.isprintable() and not 0x202A <= ord(ch) <= 0x2069)
    return " ".join(kept.split())[:limit]


class Commands:
    """The handlers behind /series, /upcoming, /latest and /feeds."""

    def __init__(self, store: Store, catalog: Catalog, fetcher: Fetcher, *, clock: Callable[[], datetime],
                 on_feeds_changed: Callable[[], None] | None = None,
                 lookup: Callable[[str], Awaitable[Lookup | None]] | None = None,
                 calendar: Callable[[str | None], str | None] | None = None,
                 config_feeds: frozenset[str] = frozenset(), config_source: str = "the configuration file") -> None:
        self._store = store
        self._lookup = lookup
        self._calendar = calendar
        self._config_feeds = config_feeds
        self._config_source = config_source
        self._catalog = catalog
        self._fetcher = fetcher
        self._clock = clock
        self._on_feeds_changed = on_feeds_changed

    # Members

    async def series(self, query: str) -> Reply:
        """Look a series up by title, with 'did you mean' when unsure."""
        text = clean_text(query)
        if not text:
            return Message("Give a title to look up, for example: /series Soul Mate", ok=False)
        if text.startswith("#") and text[1:].isdigit():
            found = await self._catalog.get(int(text[1:]))
            if found is not None and found.id is not None:
                return SeriesCard(found, tuple(await self._catalog.news(found.id)))
        result = await self._catalog.search(text)
        if result.series is not None and result.series.id is not None:
            return SeriesCard(result.series, tuple(await self._catalog.news(result.series.id)))
        if result.candidates:
            return Choices(f"No exact match for “{text}”. Did you mean:", result.candidates)
        listed = await self._lookup(text) if self._lookup else None
        if listed is not None:
            if len(listed.listings) == 1:
                heading = f"Not in the news yet. {listed.source}: {describe(listed.listings[0])}"
            else:
                heading = f"Not in the news yet. {listed.source} lists {len(listed.listings)} shows called “{text}”:"
            return ListingCard(heading, listed.source, listed.listings)
        return Message(f"I know no series called “{text}” yet. Try /latest to see what is new.", ok=False)

    async def upcoming(self, days: int = 30, platform: str | None = None) -> Reply:
        """List series premiering soon."""
        days = max(1, min(days, 365))
        chosen = clean_text(platform or "", 60) or None
        found = await self._store.upcoming(today=self._clock().date(), days=days, platform=chosen)
        where = f" on {chosen}" if chosen else ""
        link = self._calendar(chosen) if self._calendar else None
        return SeriesList(f"Premieres in the next {days} days{where}", tuple(found),
                          "No known premiere dates in that window.", link)

    async def latest(self, count: int = 5) -> Reply:
        """List the newest announcements."""
        count = max(1, min(count, 10))
        news = await self._store.latest_announcements(count)
        return NewsList("Latest series news", tuple(news), "No announcements yet.")

    # Admins

    async def feeds_add(self, actor: Actor, url: str, destination: Destination, *, filters: Filters | None = None,
                        mention: str | None = None, interval: float | None = None) -> Reply:
        """Subscribe the destination to a feed, or change what was asked on the subscription it already has.

        None means "not given": a new subscription takes no filters, no mention and the default interval;
        an existing one keeps its own.
        """
        if not actor.is_admin:
            return NOT_ADMIN
        try:
            mention = check_mention(destination, mention)
            target = self._fetcher.check(url)
        except UrlRefused as refused:
            return Message(f"That URL cannot be used: {refused}.", ok=False)
        except ValueError as error:
            return Message(f"That mention cannot be used: {error}.", ok=False)
        existing = await self._store.get_feed(target)
        if existing is None:
            problem = await self._probe(target)
            if problem:
                return Message(problem, ok=False)
        elif interval is not None and existing.url in self._config_feeds:
            return Message(f"{existing.label} is listed in {self._config_source}: change its interval there "
                           "(the next `seriesbot run` applies it).", ok=False)
        feed, created = await self._store.add_feed(target, now=self._clock(), interval=interval)
        current = await self._subscription_of(feed.id, destination)
        if current is not None and actor.workspace is not None and current.destination.workspace != actor.workspace:
            return Message(f"{feed.label} already posts to {_where(destination)}: the bot's operator set that up, "
                           "so only they can change it.", ok=False)
        changes = [] if created else await self._change_interval(feed, interval)
        if current is None:
            try:
                await self._store.add_subscription(feed.id, destination, now=self._clock(), filters=filters,
                                                   mention=mention, created_by=actor.user_id)
            except DuplicateSubscription:
                return Message(f"{feed.label} was added to {_where(destination)} by someone else just now; "
                               "run the command again to change it.", ok=False)
        else:
            changes += await self._change_subscription(current, filters, mention)
        if self._on_feeds_changed and (current is None or changes):
            self._on_feeds_changed()
        what = (filters or Filters()).describe()
        if created:
            return Message(f"Added {feed.label}: new series will be posted to {_where(destination)} "
                           f"(filters: {what}). The first check only learns what is there; news after it is posted.")
        if current is None:
            return Message(" ".join([f"{feed.label} was already followed; it now also posts to "
                                     f"{_where(destination)} (filters: {what}).",
                                     *(f"Changed: {change}." for change in changes)]))
        if not changes:
            return Message(f"{feed.label} already posts to {_where(destination)} with these settings; "
                           "nothing changed.")
        return Message(f"Updated {feed.label} for {_where(destination)}: {'; '.join(changes)}.")

    async def _change_interval(self, feed: FeedRecord, interval: float | None) -> list[str]:
        if interval is None or feed.interval_seconds == interval:
            return []
        await self._store.update_feed(feed.id, interval_seconds=interval)
        was = describe_interval(feed.interval_seconds) if feed.interval_seconds else "the default interval"
        return [f"checked every {describe_interval(interval)} (was {was})"]

    async def _change_subscription(self, current: Subscription, filters: Filters | None,
                                   mention: str | None) -> list[str]:
        wanted_filters = current.filters if filters is None else filters
        wanted_mention = current.mention if mention is None else mention
        changes = []
        if wanted_filters != current.filters:
            changes.append(f"filters: {wanted_filters.describe()} (were: {current.filters.describe()})")
        if wanted_mention != current.mention:
            changes.append(f"mention: {wanted_mention} (was: {current.mention or 'none'})")
        if changes:
            await self._store.update_subscription(current.id, filters=wanted_filters, mention=wanted_mention)
        return changes

    async def _subscription_of(self, feed_id: int, destination: Destination) -> Subscription | None:
        for sub in await self._store.list_subscriptions(feed_id=feed_id):
            if (sub.destination.platform, sub.destination.channel) == (destination.platform, destination.channel):
                return sub
        return None

    async def _probe(self, url: str) -> str | None:
        try:
            result = await self._fetcher.fetch(url)
            await asyncio.to_thread(parse_feed, result.body, url, result.headers)
        except FetchError as error:
            return f"That feed cannot be reached: {error}."
        except NotAFeed as error:
            return f"That URL is not a feed: {error}."
        return None

    async def feeds_list(self, actor: Actor) -> Reply:
        """List the feeds of the actor's workspace (every feed for the operator)."""
        if not actor.is_admin:
            return NOT_ADMIN
        subs = await self._scoped_subscriptions(actor)
        feed_ids = {sub.feed_id for sub in subs}
        feeds = await self._store.list_feeds(None if actor.workspace is None else feed_ids)
        counts = await self._store.entry_counts()
        rows = []
        for feed in feeds:
            mine = [sub for sub in subs if sub.feed_id == feed.id]
            state = feed.state
            if mine and all(sub.paused_reason for sub in mine) and actor.workspace is not None:
                state = "paused"
            rows.append(FeedRow(
                id=feed.id, url=feed.url, label=feed.label, state=state,
                destinations=tuple(_where(sub.destination) + (" (paused)" if sub.paused_reason else "")
                                   for sub in mine),
                filters="; ".join(sub.filters.describe() for sub in mine if sub.filters.to_dict()) or "everything",
                last_error=feed.disabled_reason or feed.last_error, next_check_at=feed.next_check_at,
                entries_seen=counts.get(feed.id, 0)))
        return FeedList(tuple(rows))

    async def feeds_remove(self, actor: Actor, ref: str) -> Reply:
        """Unsubscribe the workspace from a feed (the operator removes the feed itself)."""
        found = await self._resolve(actor, ref)
        if isinstance(found, Message):
            return found
        feed, subs = found
        if actor.workspace is None:
            if feed.url in self._config_feeds:
                return Message(f"{feed.label} is listed in {self._config_source}: delete its [[feeds]] entry there "
                               "and the next `seriesbot run` removes it (`feeds pause` stops it now).", ok=False)
            await self._store.remove_feed(feed.id)
            return Message(f"Removed {feed.label} and its {len(subs)} subscription(s).")
        for sub in subs:
            await self._store.remove_subscription(sub.id)
        if not await self._store.list_subscriptions(feed_id=feed.id):
            await self._store.remove_feed(feed.id)
        return Message(f"Removed {feed.label} from this workspace.")

    async def feeds_pause(self, actor: Actor, ref: str, *, paused: bool) -> Reply:
        """Pause or resume a feed for the workspace (the operator pauses the feed itself)."""
        found = await self._resolve(actor, ref)
        if isinstance(found, Message):
            return found
        feed, subs = found
        verb = "Paused" if paused else "Resumed"
        if actor.workspace is None:
            await self._store.set_paused(feed.id, paused, now=self._clock())
        else:
            for sub in subs:
                await self._store.set_subscription_paused(sub.id, f"paused by {actor.user_id}" if paused else None)
            if not paused and feed.disabled_reason:
                await self._store.set_paused(feed.id, False, now=self._clock())
        if self._on_feeds_changed:
            self._on_feeds_changed()
        return Message(f"{verb} {feed.label}.")

    async def feeds_test(self, actor: Actor, url: str) -> Reply:
        """Fetch a feed now and show what would be posted, posting nothing."""
        if not actor.is_admin:
            return NOT_ADMIN
        try:
            target = self._fetcher.check(url)
            result = await self._fetcher.fetch(target)
            parsed = await asyncio.to_thread(parse_feed, result.body, target, result.headers)
        except UrlRefused as refused:
            return Message(f"That URL cannot be used: {refused}.", ok=False)
        except FetchError as error:
            return Message(f"That feed cannot be reached: {error}.", ok=False)
        except NotAFeed as error:
            return Message(f"That URL is not a feed: {error}.", ok=False)
        latest = parsed.entries[:PREVIEW_ITEMS]
        found: list[Announcement] = []
        for entry in latest:
            for facts in await asyncio.to_thread(normalise, entry):
                series = new_series(facts, Source(entry.link, entry.published, parsed.title), entry.image,
                                    self._clock())
                found.append(Announcement(series=series, event=Event.NEW, headline=entry.title,
                                          source_url=entry.link, source_name=parsed.title,
                                          published=entry.published, summary=entry.summary, image=entry.image))
        notes = (f"Looked at the latest {len(latest)} of {len(parsed.entries)} items.",)
        return Preview(parsed.title or target, target, len(parsed.entries), tuple(found), notes)

    async def _scoped_subscriptions(self, actor: Actor) -> list[Subscription]:
        subs = await self._store.list_subscriptions()
        if actor.workspace is None:
            return subs
        return [sub for sub in subs if sub.destination.workspace == actor.workspace]

    async def _resolve(self, actor: Actor, ref: str) -> tuple[FeedRecord, list[Subscription]] | Message:
        if not actor.is_admin:
            return NOT_ADMIN
        text = clean_text(ref, 2048)
        if not text:
            return Message("Name a feed by its id or URL (see /feeds list).", ok=False)
        feed = await self._store.get_feed(text)
        subs = [sub for sub in await self._scoped_subscriptions(actor) if feed and sub.feed_id == feed.id]
        if feed is None or (actor.workspace is not None and not subs):
            return Message(f"No feed “{text}” here. Use /feeds list to see the ids.", ok=False)
        return feed, subs


def _where(destination: Destination) -> str:
    if destination.platform is Platform.DISCORD:
        return f"<#{destination.channel}>"
    if destination.platform is Platform.SLACK:
        return f"<#{destination.channel}>"
    return "the console"


def describe_interval(seconds: float) -> str:
    """Write a poll interval the way the config file does: 90s, 15m, 2h, 1d."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"
