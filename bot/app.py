"""The composition root: build every part from Settings and run them."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import signal
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from rich.console import Console

from bot.adapter import Adapter, Handlers
from bot.calendar_feed import PATH as CALENDAR_PATH
from bot.calendar_feed import CalendarFeed, calendar_url
from bot.catalog import Catalog
from bot.commands import CONFIG_CREATOR, Commands
from bot.config import ConfigError, Settings
from bot.console import ConsoleSender
from bot.destinations import Destination, Platform, parse_destination
from bot.digest import Digests
from bot.enrich.service import Enricher
from bot.feeds.fetch import Fetcher
from bot.feeds.follow import LinkFollower
from bot.follow import FollowCommands
from bot.health import Health
from bot.health import serve as serve_health
from bot.model import Series
from bot.outbox import Dispatcher, Sender, utcnow
from bot.pipeline import Pipeline
from bot.poller import Poller
from bot.store.store import DuplicateSubscription, Store
from bot.workers import CpuPool, default_workers

log = logging.getLogger(__name__)
ENRICH_SWEEP_SECONDS = 300.0
# Follower DMs may wait a few seconds; every process looking for updates to fan out at each poll tick costs more.
FAN_OUT_SECONDS = 5.0


@dataclass(slots=True)
class Services:
    """Everything the adapters and the CLI work with."""

    settings: Settings
    store: Store
    fetcher: Fetcher
    catalog: Catalog
    commands: Commands
    poller: Poller
    pipeline: Pipeline
    dispatcher: Dispatcher
    owner: str
    health: Health
    follows: FollowCommands
    digests: Digests
    clock: Callable[[], datetime] = utcnow
    senders: list[Sender] = field(default_factory=list)
    enricher: Enricher | None = None

    @property
    def handlers(self) -> Handlers:
        """Return what the platform adapters serve."""
        return Handlers(self.commands, self.follows, self.digests, self.catalog)


def process_owner() -> str:
    """Return a name for this process, used on leases."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def owner_is_dead(owner: str) -> bool:
    """Tell whether a lease owner is a process of this host that no longer runs."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


async def reclaim_dead_leases(store: Store) -> None:
    """Take over the work of crashed processes on this host at once instead of waiting for expiry."""
    freed = await store.release_leases_of(owner_is_dead)
    if freed:
        log.warning("took over %d leases left by processes that died", freed)


@contextlib.asynccontextmanager
async def bootstrap(settings: Settings, *, console: Console | None = None,
                    clock: Callable[[], datetime] = utcnow) -> AsyncIterator[Services]:
    """Open the store and the HTTP session and wire the core; close them on exit."""
    store = await Store.open(settings.store_url)
    poll = settings.file.poll
    pool = CpuPool(default_workers() if poll.workers is None else poll.workers)
    pipeline: Pipeline | None = None
    try:
        async with contextlib.AsyncExitStack() as stack:
            fetcher = await stack.enter_async_context(
                Fetcher(settings.file.fetch, global_limit=poll.concurrency, per_host=poll.per_host))
            enricher = None
            if settings.enrich_active:
                enricher = await stack.enter_async_context(Enricher(
                    store, settings.file.enrich, tvmaze=settings.file.enrich.tvmaze,
                    tmdb_key=settings.secrets.tmdb_api_key if settings.tmdb_active else None,
                    user_agent=settings.file.fetch.user_agent, clock=clock))
            owner = process_owner()
            catalog = Catalog(store)
            console_sender = ConsoleSender(console, quiet=not settings.console_active)
            dispatcher = Dispatcher(store, [console_sender], owner=owner, clock=clock)
            pipeline = Pipeline(store, pool, poll, follow=LinkFollower(fetcher, pool), clock=clock)
            pipeline.on_series_learnt.append(_ids_to(catalog.mark_changed))
            if enricher is not None:
                # Never awaits: enrichment runs beside posting, not in front of it.
                pipeline.on_series_learnt.append(_ids_to(enricher.submit))
            pipeline.on_queued.append(dispatcher.wake)
            poller = Poller(store, fetcher, pipeline, poll, owner=owner, clock=clock, on_queued=dispatcher.wake)
            http = settings.file.http
            commands = Commands(store, catalog, fetcher, clock=clock, lookup=enricher.lookup if enricher else None,
                                calendar=(lambda platform: calendar_url(http.public_url, platform))
                                if http.enabled and http.calendar else None,
                                config_feeds=frozenset(feed.url for feed in settings.file.feeds),
                                config_source=settings.source)
            follows = FollowCommands(store, catalog, clock=clock, cap=settings.file.follow.max_per_member)
            digests = Digests(store, clock=clock, grace=settings.file.digest.grace)
            services = Services(settings, store, fetcher, catalog, commands, poller, pipeline, dispatcher, owner,
                                Health(store, clock), follows, digests, clock, [console_sender], enricher)
            await reclaim_dead_leases(store)
            yield services
    finally:
        if pipeline is not None:
            await pipeline.close()
        pool.close()
        await store.close()


def _ids_to(mark: Callable[[Sequence[int]], None]) -> Callable[[Sequence[Series]], None]:
    """Turn a listener of series ids (the title index, the enricher's queue) into one of series."""
    def learnt(records: Sequence[Series]) -> None:
        mark([record.id for record in records if record.id is not None])

    return learnt


async def sync_config_feeds(services: Services) -> None:
    """Bring the store in line with the [[feeds]] of the config file, which is the truth for the feeds it lists.

    Run by `run` and `poll` only: an admin command or a health check never changes what is polled.
    """
    store, now = services.store, services.clock()
    declared: set[tuple[int, Destination]] = set()
    for configured in services.settings.file.feeds:
        feed, created = await store.add_feed(configured.url, now=now, name=configured.name,
                                             interval=configured.interval, follow_links=configured.follow_links,
                                             backfill=configured.backfill)
        if created:
            log.info("added feed %s from %s", configured.name or configured.url, services.settings.source)
        else:
            wanted = {"name": configured.name, "interval_seconds": configured.interval,
                      "follow_links": configured.follow_links, "backfill": configured.backfill}
            changed = {key: value for key, value in wanted.items() if getattr(feed, key) != value}
            if changed:
                await store.update_feed(feed.id, **changed)
                log.info("updated feed %s from %s: %s", feed.label, services.settings.source, ", ".join(changed))
        for dest in configured.to:
            destination = parse_destination(dest)
            declared.add((feed.id, destination))
            with contextlib.suppress(DuplicateSubscription):
                await store.add_subscription(feed.id, destination, now=now, created_by=CONFIG_CREATOR)
    for sub in await store.list_subscriptions():
        if sub.created_by != CONFIG_CREATOR or (sub.feed_id, sub.destination) in declared:
            continue
        await store.remove_subscription(sub.id)
        log.info("feed %d no longer posts to %s: not in %s any more", sub.feed_id, sub.destination,
                 services.settings.source)
        if not await store.list_subscriptions(feed_id=sub.feed_id):
            await store.remove_feed(sub.feed_id)
            log.info("removed feed %d: not in %s any more", sub.feed_id, services.settings.source)


async def run(settings: Settings) -> None:
    """Run the scheduler, the outbox and every configured adapter until SIGINT or SIGTERM."""
    from bot.scheduler import build_scheduler

    missing = settings.missing_tokens()
    if missing:
        raise ConfigError("\n".join(f"{settings.source}: {problem}" for problem in missing))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    async with bootstrap(settings) as services:
        await sync_config_feeds(services)
        adapters = await _start_adapters(services)
        http = settings.file.http
        if http.enabled:
            routes = [(CALENDAR_PATH, CalendarFeed(services.store, services.clock).handle)] if http.calendar else []
            try:
                runner, _port = await serve_health(services.health, http.host, http.port, routes)
                adapters.insert(0, runner.cleanup)
            except OSError as error:
                # A second local bot on the same port should still run; a health check will report this one.
                log.error("no /healthz: cannot listen on %s:%d (%s)", http.host, http.port, error)
        poll = settings.file.poll
        jobs: list[tuple[str, Callable[[], Awaitable[object]], float, float]] = [
            ("poll", lambda: _poll_and_report(services), poll.tick, poll.poll_timeout * 3),
            ("catalog", services.catalog.refresh, 30.0, 60.0),
            ("follow", lambda: _fan_out(services), max(poll.tick, FAN_OUT_SECONDS), 30.0),
            ("leases", lambda: reclaim_dead_leases(services.store), settings.file.store.reclaim_interval, 30.0),
        ]
        workers = [asyncio.create_task(services.dispatcher.run(), name="outbox"),
                   asyncio.create_task(services.digests.run(tick=settings.file.digest.tick,
                                                            on_queued=services.dispatcher.wake), name="digest")]
        if services.enricher is not None:
            jobs.append(("enrich", services.enricher.sweep, ENRICH_SWEEP_SECONDS, 60.0))
            workers.append(asyncio.create_task(services.enricher.run(), name="enrich"))
        scheduler = build_scheduler(jobs)
        await services.pipeline.start()
        scheduler.start()
        feeds = await services.store.list_feeds()
        log.info("seriesbot running: %d feeds, store %s, outputs: %s", len(feeds), services.store.dialect,
                 ", ".join(services.dispatcher.platforms()))
        try:
            await stop.wait()
        finally:
            log.info("stopping")
            scheduler.shutdown(wait=False)
            for worker in workers:
                worker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await worker
            for close in reversed(adapters):
                await close()


async def _poll_and_report(services: Services) -> None:
    summary = await services.poller.poll_due()
    if summary.polled:
        log.log(logging.WARNING if summary.failed else logging.INFO, "poll pass: %s", summary.line())


async def _fan_out(services: Services) -> None:
    if await services.follows.fan_out():
        services.dispatcher.wake()


async def _start_adapters(services: Services) -> list[Callable[[], Awaitable[None]]]:
    """Start Discord and Slack when their tokens are set; return how to stop them."""
    settings = services.settings
    wanted = [platform for platform, active in ((Platform.DISCORD, settings.discord_active),
                                                (Platform.SLACK, settings.slack_active)) if active]
    return [(await start_adapter(services, platform)).stop for platform in wanted]


async def start_adapter(services: Services, platform: Platform, **options: float) -> Adapter:
    """Start one platform adapter with its dependencies, then give its sender to the outbox and its probe to health."""
    settings = services.settings
    if platform is Platform.DISCORD:
        from bot.discord.runner import start_discord

        adapter = await start_discord(services.handlers, services.store, settings, settings.secrets.discord_token,
                                      **options)
    elif platform is Platform.SLACK:
        from bot.slack.runner import start_slack

        adapter = await start_slack(services.handlers, services.store, settings)
    else:
        raise ValueError(f"no adapter for {platform}")
    services.dispatcher.add_sender(adapter.sender)
    services.senders.append(adapter.sender)
    services.health.connections[platform.value] = adapter.connected

    async def stop() -> None:
        services.dispatcher.remove_sender(adapter.sender)
        await adapter.stop()

    return replace(adapter, stop=stop)
