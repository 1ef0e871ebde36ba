"""The store on SQLite and PostgreSQL: migrations, claims, ingest, the outbox."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.destinations import Destination, Platform
from bot.filters import Filters
from bot.model import CastMember, Entry, SeriesFacts, Status
from bot.store.ingest import IngestItem, ingest
from bot.store.store import DuplicateSubscription, Store

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
DISCORD = Destination(Platform.DISCORD, "111111111111111111", "999999999999999999")
SLACK = Destination(Platform.SLACK, "C0123ABCD", "T1")


def entry(identity: str, title: str = "headline", day: int = 1) -> Entry:
    return Entry(feed_url="https://f.test/rss", identity=identity, title=title, link=f"https://f.test/{identity}",
                 published=datetime(2026, 11, day, tzinfo=UTC), source_name="F")


SOUL_MATE = SeriesFacts(title="Soul Mate", platform="Netflix", cast=(CastMember("Isomura Hayato"),))


@pytest.fixture
async def store(store_url: str) -> Store:
    opened = await Store.open(store_url)
    yield opened  # type: ignore[misc]
    await opened.close()


async def test_migrations_are_idempotent(store: Store, store_url: str) -> None:
    again = await Store.open(store_url)
    await again.close()
    feed, created = await store.add_feed("https://f.test/rss", now=NOW)
    assert created and feed.state == "new" and feed.next_check_at == NOW
    same, created_again = await store.add_feed("https://f.test/rss", now=NOW)
    assert same.id == feed.id and not created_again


async def test_claims_lease_due_feeds_once(store: Store) -> None:
    for index in range(5):
        await store.add_feed(f"https://f.test/{index}", now=NOW - timedelta(minutes=index))
    first, second = await asyncio.gather(
        store.claim_due_feeds(now=NOW, owner="a", lease=60, limit=3),
        store.claim_due_feeds(now=NOW, owner="b", lease=60, limit=3))
    ids = [feed.id for feed in first] + [feed.id for feed in second]
    assert len(ids) == len(set(ids)) == 5
    assert await store.claim_due_feeds(now=NOW, owner="c", lease=60, limit=10) == []
    later = await store.claim_due_feeds(now=NOW + timedelta(seconds=61), owner="c", lease=60, limit=10)
    assert len(later) == 5


async def test_ingest_writes_entries_series_announcements_and_deliveries_together(store: Store) -> None:
    feed, _ = await store.add_feed("https://f.test/rss", now=NOW)
    await store.add_subscription(feed.id, DISCORD, now=NOW)
    await store.add_subscription(feed.id, SLACK, now=NOW, filters=Filters(platforms=("Disney+",)))
    with pytest.raises(DuplicateSubscription):
        await store.add_subscription(feed.id, DISCORD, now=NOW)
    subs = await store.list_subscriptions(feed_id=feed.id)
    result = await ingest(store, feed.id, [IngestItem(entry("1"), [SOUL_MATE], True)], subs, now=NOW)
    assert (result.entries, len(result.announcements), result.deliveries) == (1, 1, 1)
    repeat = await ingest(store, feed.id, [IngestItem(entry("1"), [SOUL_MATE], True)], subs, now=NOW)
    assert repeat.entries == 0 and repeat.deliveries == 0
    other_source = await ingest(store, feed.id, [IngestItem(entry("2", day=2), [SOUL_MATE], True)], subs, now=NOW)
    assert other_source.entries == 1 and other_source.announcements == []
    dated = SeriesFacts(title="Soul Mate", platform="Netflix", status=Status.PREMIERE_DATE,
                        premiere_date=datetime(2027, 3, 14, tzinfo=UTC).date())
    update = await ingest(store, feed.id, [IngestItem(entry("3", day=3), [dated], True)], subs, now=NOW)
    (announcement,) = update.announcements
    assert announcement.event.value == "update" and "14 March 2027" in " ".join(announcement.changes)
    assert await store.known_identities(feed.id, ["1", "2", "3", "4"]) == {"1", "2", "3"}
    (series_id, series), = await store.series_titles()
    assert series.premiere_date is not None and len(series.sources) == 3
    assert [s.title for s in await store.upcoming(today=NOW.date(), days=200)] == ["Soul Mate"]
    assert (await store.upcoming(today=NOW.date(), days=200, platform="hbo")) == []
    assert [a.id for a in await store.latest_announcements(5, series_id=series_id)] == [announcement.id, 1]


async def test_outbox_claims_once_and_records_outcomes(store: Store) -> None:
    feed, _ = await store.add_feed("https://f.test/rss", now=NOW)
    sub = await store.add_subscription(feed.id, DISCORD, now=NOW, mention="222222222222222222")
    items = [IngestItem(entry(str(n), f"h{n}"), [SeriesFacts(title=f"Show {n}")], True) for n in range(3)]
    await ingest(store, feed.id, items, [sub], now=NOW)
    await store.add_notice(DISCORD, "a notice", now=NOW)
    first = await store.claim_deliveries(Platform.DISCORD, now=NOW, owner="a", lease=60, limit=2)
    second = await store.claim_deliveries(Platform.DISCORD, now=NOW, owner="b", lease=60, limit=10)
    assert [job.announcement.series.title for job in first] == ["Show 0", "Show 1"]
    assert second[0].announcement.series.title == "Show 2" and second[1].notice == "a notice"
    assert first[0].mention == "222222222222222222" and first[0].attempts == 1
    await store.mark_sent(first[0].id, "m1", now=NOW)
    await store.mark_retry(first[1].id, "later", at=NOW + timedelta(seconds=30))
    await store.mark_failed(second[1].id, "too big")
    assert await store.claim_deliveries(Platform.DISCORD, now=NOW, owner="c", lease=60, limit=10) == []
    retried = await store.claim_deliveries(Platform.DISCORD, now=NOW + timedelta(seconds=61), owner="c",
                                           lease=60, limit=10)
    assert {job.id for job in retried} == {first[1].id, second[0].id}
    assert {job.attempts for job in retried} == {2}
    counts = await store.delivery_counts()
    assert counts == {"sent": 1, "failed": 1, "pending": 2}


async def test_removing_a_feed_cancels_its_pending_deliveries(store: Store) -> None:
    feed, _ = await store.add_feed("https://f.test/rss", now=NOW)
    sub = await store.add_subscription(feed.id, SLACK, now=NOW)
    await ingest(store, feed.id, [IngestItem(entry("1"), [SOUL_MATE], True)], [sub], now=NOW)
    await store.remove_feed(feed.id)
    assert await store.get_feed(feed.id) is None
    assert await store.delivery_counts() == {"cancelled": 1}
    assert await store.claim_deliveries(Platform.SLACK, now=NOW, owner="a", lease=60, limit=5) == []
