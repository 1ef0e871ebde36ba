"""The poll pipeline end to end on a local feed server and a real SQLite file."""

from __future__ import annotations

import asyncio
import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from bot.app import bootstrap
from bot.commands import OPERATOR
from bot.destinations import CONSOLE
from tests.conftest import make_settings
from tests.fakes.feed_server import FeedServer, rss

ORDER = {"title": "Netflix Orders Drama Series “Moonlit Bakery”", "guid": "a-1",
         "link": "https://news.test/moonlit-bakery", "pubDate": "Mon, 02 Nov 2026 09:00:00 +0000",
         "description": "Netflix has ordered “Moonlit Bakery,” a Korean romantic comedy series starring "
                        "Kim Seo Yeon and Lee Jun Ho."}
SECOND = {"title": "HBO Orders Drama Series ‘The Quiet Orchard’", "guid": "a-2",
          "link": "https://news.test/quiet-orchard", "pubDate": "Tue, 03 Nov 2026 09:00:00 +0000",
          "description": "HBO has ordered ‘The Quiet Orchard,’ a drama series starring Claire Donovan and "
                         "Tomas Reyes."}
BOX_OFFICE = {"title": "Box Office: ‘Steel Horizon’ Tops the Weekend", "guid": "a-3",
              "pubDate": "Wed, 04 Nov 2026 09:00:00 +0000",
              "description": "The action film ‘Steel Horizon’ earned $48 million at the box office."}


async def add(services: Any, url: str, backfill: int | None = None) -> int:
    feed, _ = await services.store.add_feed(url, now=services.clock(), backfill=backfill)
    await services.store.add_subscription(feed.id, CONSOLE, now=services.clock())
    return int(feed.id)


async def poll(services: Any) -> Any:
    summary = await services.poller.poll_due(every=True)
    await services.dispatcher.drain()
    return summary


async def test_first_poll_learns_without_posting_then_new_items_post_once(
        services: Any, feed_server: FeedServer, console: Console) -> None:
    url = feed_server.set("/feed", rss([ORDER]))
    await add(services, url)
    first = await poll(services)
    assert (first.new_entries, first.announcements, first.deliveries) == (1, 0, 0)
    assert "Moonlit Bakery" not in console.export_text(clear=False)
    assert (await services.commands.series("Moonlit Bakery")).series.title == "Moonlit Bakery"

    feed_server.set("/feed", rss([SECOND, ORDER]))
    second = await poll(services)
    assert (second.new_entries, second.announcements, second.deliveries) == (1, 1, 1)
    third = await poll(services)
    assert third.not_modified == 1 and third.deliveries == 0
    printed = console.export_text()
    assert printed.count("NEW SERIES: The Quiet Orchard") == 1 and "Moonlit Bakery" not in printed
    assert (await services.store.delivery_counts()) == {"sent": 1}


async def test_backfill_posts_oldest_first_and_news_that_is_not_a_series_posts_nothing(
        services: Any, feed_server: FeedServer, console: Console) -> None:
    url = feed_server.set("/feed", rss([BOX_OFFICE, SECOND, ORDER]))
    await add(services, url, backfill=3)
    summary = await poll(services)
    assert summary.new_entries == 3 and summary.announcements == 2
    printed = console.export_text()
    assert printed.index("Moonlit Bakery") < printed.index("The Quiet Orchard")
    assert "Steel Horizon" not in printed


async def test_items_older_than_max_age_are_remembered_not_posted(
        tmp_path: Path, feed_server: FeedServer) -> None:
    settings = make_settings(tmp_path / "db.sqlite", poll={"max_age": "1d", "backfill": 5})
    url = feed_server.set("/feed", rss([ORDER]))
    async with bootstrap(settings, console=Console(file=io.StringIO())) as services:
        await add(services, url)
        summary = await poll(services)
    assert (summary.new_entries, summary.announcements) == (1, 0)


async def test_failing_feed_backs_off_then_is_disabled_with_a_notice(
        tmp_path: Path, feed_server: FeedServer) -> None:
    settings = make_settings(tmp_path / "db.sqlite", poll={"disable_after": 3, "interval": "60s"})
    bad = feed_server.set("/broken", "<html><body>maintenance</body></html>", content_type="text/html")
    good = feed_server.set("/good", rss([ORDER]))
    out = Console(record=True, width=200)
    async with bootstrap(settings, console=out) as services:
        bad_id = await add(services, bad)
        await add(services, good)
        delays = []
        for _ in range(3):
            before = services.clock()
            summary = await poll(services)
            feed = await services.store.get_feed(bad_id)
            delays.append((feed.next_check_at - before).total_seconds())
            assert summary.failed == 1
        assert feed.consecutive_failures == 3
        assert feed.state == "disabled" and "not a feed" in feed.disabled_reason
        assert delays[1] > delays[0] * 1.3  # doubled, each with ±20 % jitter: at least 2 × 0.8 / 1.2
        assert (await services.store.get_feed(good)).state in ("ok", "not_modified")
        assert "was disabled after 3 failed polls" in out.export_text()
        assert (await poll(services)).failed == 0
        await services.commands.feeds_pause(OPERATOR, str(bad_id), paused=False)
        resumed = await services.store.get_feed(bad_id)
        assert resumed.state == "error" and resumed.next_check_at <= services.clock() + timedelta(seconds=1)


SAME_ORDER = {**ORDER, "guid": "b-1", "link": "https://other.test/moonlit-bakery",
              "title": "Netflix Orders “Moonlit Bakery”, a Romantic Comedy Series"}


@pytest.mark.parametrize("workers", [0, 2])
async def test_feeds_polled_together_learn_a_series_once_and_each_keeps_its_own_counts(
        tmp_path: Path, feed_server: FeedServer, workers: int) -> None:
    settings = make_settings(tmp_path / "db.sqlite", poll={"backfill": 5, "workers": workers})
    urls = [feed_server.set("/one", rss([ORDER])), feed_server.set("/two", rss([SAME_ORDER])),
            feed_server.set("/three", rss([BOX_OFFICE, SECOND]))]
    heard: list[list[str | None]] = []
    async with bootstrap(settings, console=Console(file=io.StringIO())) as services:
        services.pipeline.on_series_learnt.append(lambda learnt: heard.append([s.title for s in learnt]))
        for url in urls:
            await add(services, url)
        summary = await services.poller.poll_due(every=True)
        titles = [series.title for _, series in await services.store.series_titles()]
        counts = await services.store.entry_counts()
    assert (summary.polled, summary.new_entries, summary.failed) == (3, 4, 0)
    # Both feeds told of Moonlit Bakery: one series, announced as new once (the second report adds no news).
    assert sorted(titles) == ["Moonlit Bakery", "The Quiet Orchard"]
    assert summary.announcements == 2 and summary.deliveries == 2
    assert sorted(counts.values()) == [1, 1, 2]
    # Listeners hear of every series learnt or updated (the second report adds a source), after its commit.
    assert {title for batch in heard for title in batch} == {"Moonlit Bakery", "The Quiet Orchard"}


async def test_closing_while_the_writer_waits_for_feeds_being_read_fails_the_work_it_holds(
        services: Any, feed_server: FeedServer) -> None:
    from bot.pipeline import FeedWork

    feed_id = await add(services, feed_server.set("/feed", rss([ORDER])))
    pipeline = services.pipeline
    pipeline._reading += 1  # another feed is still being read: the writer waits for it
    try:
        waiting = asyncio.create_task(pipeline.commit(FeedWork(feed_id, [])))
        await asyncio.sleep(0.05)
        assert not waiting.done()
        await pipeline.close()
        with pytest.raises(RuntimeError, match="closed"):
            await asyncio.wait_for(waiting, 5)
    finally:
        pipeline._reading -= 1
