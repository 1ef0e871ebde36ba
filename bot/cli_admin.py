"""CLI commands that work on the store: poll, feeds, series."""

from __future__ import annotations

import argparse
import json
import logging
from typing import Any

from rich.console import Console

from bot.app import Services
from bot.commands import OPERATOR
from bot.console import print_reply
from bot.destinations import Destination
from bot.filters import Filters
from bot.replies import ListingCard, Message, SeriesCard
from bot.store.codec import listing_to_dict, series_to_dict

log = logging.getLogger(__name__)


async def poll_once(services: Services, *, every: bool, out: Console) -> int:
    """Poll due (or all) feeds once, deliver what is due, print a summary."""
    summary = await services.poller.poll_due(every=every)
    await services.follows.fan_out()
    await services.dispatcher.drain()
    await _enrich_before_exit(services)
    out.print(summary.line(), markup=False, highlight=False)
    for error in summary.errors:
        out.print(f"  failed: {error}", markup=False, highlight=False)
    return 0


async def _enrich_before_exit(services: Services) -> None:
    """Look up the series this pass learnt, and those earlier passes left, within [enrich] poll_wait."""
    enricher = services.enricher
    if enricher is None:
        return
    # The sweep adds series never enriched (left by an earlier pass) or due again to those this pass queued.
    await enricher.sweep()
    queued = enricher.pending
    if not queued:
        return
    wait = services.settings.file.enrich.poll_wait
    log.info("enriching %d series before exiting (at most %.0f s, [enrich] poll_wait)", queued, wait)
    await enricher.drain(within=wait)
    if enricher.pending:
        log.warning("%d of %d series were not enriched within %.0f s ([enrich] poll_wait); the next poll or run "
                    "looks them up", enricher.pending, queued, wait)
    else:
        log.info("enriched %d series", queued)


async def show_series(services: Services, title: str, *, as_json: bool, out: Console) -> int:
    """Print a series card, or suggestions."""
    reply = await services.commands.series(title)
    if as_json:
        if isinstance(reply, SeriesCard):
            print(json.dumps(series_to_dict(reply.series), ensure_ascii=False, indent=2))
            return 0
        if isinstance(reply, ListingCard):
            listed = {"in_news": False, "source": reply.source,
                      "listings": [listing_to_dict(x) for x in reply.listings]}
            print(json.dumps(listed, ensure_ascii=False, indent=2))
            return 0
        suggestions = [hit.title for hit in getattr(reply, "hits", ())]
        print(json.dumps({"error": "not found", "did_you_mean": suggestions}, ensure_ascii=False))
        return 1
    print_reply(reply, out)
    return 0 if isinstance(reply, SeriesCard | ListingCard) else 1


async def feeds_add(services: Services, url: str, destination: Destination, filters: Filters | None,
                    mention: str | None, interval: float | None, out: Console) -> int:
    """Add a feed for the operator, or change the interval, filters or mention of one it already has."""
    reply = await services.commands.feeds_add(OPERATOR, url, destination, filters=filters, mention=mention,
                                              interval=interval)
    print_reply(reply, out)
    return 0 if isinstance(reply, Message) and reply.ok else 1


async def feeds_other(services: Services, args: argparse.Namespace, out: Console) -> int:
    """Run feeds list, remove, pause, resume and test."""
    commands = services.commands
    action = args.feeds_command
    if action == "list":
        if args.json:
            print(json.dumps(await feeds_json(services), ensure_ascii=False, indent=2))
            return 0
        print_reply(await commands.feeds_list(OPERATOR), out)
        return 0
    if action == "test":
        reply = await commands.feeds_test(OPERATOR, args.url)
    elif action == "remove":
        reply = await commands.feeds_remove(OPERATOR, args.feed)
    else:
        reply = await commands.feeds_pause(OPERATOR, args.feed, paused=action == "pause")
    print_reply(reply, out)
    return 1 if isinstance(reply, Message) and not reply.ok else 0


async def feeds_json(services: Services) -> list[dict[str, Any]]:
    """Return every feed as the JSON objects `feeds list --json` prints."""
    store = services.store
    counts = await store.entry_counts()
    subs = await store.list_subscriptions()
    rows = []
    for feed in await store.list_feeds():
        rows.append({
            "id": feed.id,
            "url": feed.url,
            "name": feed.name,
            "title": feed.title,
            "status": feed.state,
            "last_error": feed.disabled_reason or feed.last_error,
            "consecutive_failures": feed.consecutive_failures,
            "entries_seen": counts.get(feed.id, 0),
            "next_check_at": feed.next_check_at.isoformat() if feed.next_check_at else None,
            "last_checked_at": feed.last_checked_at.isoformat() if feed.last_checked_at else None,
            "interval_seconds": feed.interval_seconds or services.settings.file.poll.interval,
            "destinations": [str(sub.destination) for sub in subs if sub.feed_id == feed.id],
        })
    return rows

