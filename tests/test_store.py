"""The store on SQLite and PostgreSQL: migrations, claims, ingest, the outbox."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.destinations import Destination, Platform
from bot.filters import Filters
from bot.jsonform import shared_fields
from bot.model import CastMember, Credit, Entry, SeriesFacts, Status, creators_first
from bot.pipeline import NewEntry, store_entries
from bot.store.codec import series_from_dict, series_to_dict
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
    result = await store_entries(store, feed.id, [NewEntry(entry("1"), [SOUL_MATE], True)], now=NOW)
    assert (result.entries, len(result.announcements), result.deliveries) == (1, 1, 1)
    repeat = await store_entries(store, feed.id, [NewEntry(entry("1"), [SOUL_MATE], True)], now=NOW)
    assert repeat.entries == 0 and repeat.deliveries == 0
    other_source = await store_entries(store, feed.id, [NewEntry(entry("2", day=2), [SOUL_MATE], True)], now=NOW)
    assert other_source.entries == 1 and other_source.announcements == []
    dated = SeriesFacts(title="Soul Mate", platform="Netflix", status=Status.PREMIERE_DATE,
                        premiere_date=datetime(2027, 3, 14, tzinfo=UTC).date())
    update = await store_entries(store, feed.id, [NewEntry(entry("3", day=3), [dated], True)], now=NOW)
    (announcement,) = update.announcements
    assert announcement.event.value == "update" and "14 March 2027" in " ".join(announcement.changes)
    assert await store.known_identities(feed.id, ["1", "2", "3", "4"]) == {"1", "2", "3"}
    (series_id, series), = await store.series_titles()
    assert series.premiere_date is not None and len(series.sources) == 3
    assert [s.title for s in await store.upcoming(today=NOW.date(), days=200)] == ["Soul Mate"]
    assert (await store.upcoming(today=NOW.date(), days=200, platform="hbo")) == []
    assert [a.id for a in await store.latest_announcements(5, series_id=series_id)] == [announcement.id, 1]


async def test_producers_are_stored_apart_from_creators_and_read_back_as_credits(store: Store) -> None:
    feed, _ = await store.add_feed("https://f.test/rss", now=NOW)
    credits = (Credit("Mara Quill", "executive producer"), Credit("Jon Aske", "creator"),
               Credit("Ivo Brandt", "co-executive producer"), Credit("Ivo Brandt", "writer"))
    facts = SeriesFacts(title="Salt Road", platform="Netflix", creators=credits)
    await store_entries(store, feed.id, [NewEntry(entry("1"), [facts], True)], now=NOW)
    (series_id, series), = await store.series_titles()
    assert series.creators == creators_first(credits)
    assert shared_fields(series)["creators"] == [{"name": "Jon Aske", "job": "creator"},
                                                 {"name": "Ivo Brandt", "job": "writer"}]
    assert [p["name"] for p in shared_fields(series)["producers"]] == ["Mara Quill", "Ivo Brandt"]  # type: ignore[attr-defined]
    assert await store.get_series(series_id) == series_from_dict(series_to_dict(series), series_id)


async def test_outbox_claims_once_and_records_outcomes(store: Store) -> None:
    feed, _ = await store.add_feed("https://f.test/rss", now=NOW)
    await store.add_subscription(feed.id, DISCORD, now=NOW, mention="222222222222222222")
    items = [NewEntry(entry(str(n), f"h{n}"), [SeriesFacts(title=f"Show {n}")], True) for n in range(3)]
    await store_entries(store, feed.id, items, now=NOW)
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
    await store.add_subscription(feed.id, SLACK, now=NOW)
    await store_entries(store, feed.id, [NewEntry(entry("1"), [SOUL_MATE], True)], now=NOW)
    await store.remove_feed(feed.id)
    assert await store.get_feed(feed.id) is None
    assert await store.delivery_counts() == {"cancelled": 1}
    assert await store.claim_deliveries(Platform.SLACK, now=NOW, owner="a", lease=60, limit=5) == []


async def test_migrations_create_exactly_the_schema(store: Store, store_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from bot.store.engine import create_engine
    from bot.store.schema import metadata

    engine = create_engine(store_url)
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(lambda sync: compare_metadata(
                MigrationContext.configure(sync, opts={"compare_type": True}), metadata))
    finally:
        await engine.dispose()
    assert diff == []


async def test_subscriptions_filter_pause_and_removal(store: Store) -> None:
    feed, _ = await store.add_feed("https://f.test/rss", now=NOW)
    other, _ = await store.add_feed("https://f.test/other", now=NOW)
    discord = await store.add_subscription(feed.id, DISCORD, now=NOW, filters=Filters(platforms=("Netflix",)),
                                           created_by="42")
    slack = await store.add_subscription(feed.id, SLACK, now=NOW)
    await store.add_subscription(other.id, SLACK, now=NOW)
    assert discord.filters.platforms == ("Netflix",) and discord.created_by == "42"
    assert [s.id for s in await store.list_subscriptions(feed_id=feed.id)] == [discord.id, slack.id]
    assert len(await store.list_subscriptions(platform=Platform.SLACK)) == 2
    assert [s.id for s in await store.list_subscriptions(workspace=DISCORD.workspace)] == [discord.id]
    await store_entries(store, feed.id, [NewEntry(entry("1"), [SOUL_MATE], True)], now=NOW)
    await store.set_subscription_paused(discord.id, "paused: gone")
    await store.fail_pending_for_subscription(discord.id, "paused: gone")
    (paused,) = await store.list_subscriptions(ids=[discord.id])
    assert paused.paused_reason == "paused: gone"
    await store.remove_subscription(slack.id)
    assert [s.id for s in await store.list_subscriptions(feed_id=feed.id)] == [discord.id]
    assert await store.delivery_counts() == {"failed": 1, "cancelled": 1}


async def test_polls_release_leases_and_dead_owners_lose_theirs(store: Store) -> None:
    for index in range(3):
        await store.add_feed(f"https://f.test/{index}", now=NOW)
    first, second, third = await store.claim_due_feeds(now=NOW, owner="host:1:a", lease=600, limit=3)
    await store.record_poll(first.id, now=NOW, status="ok", next_check_at=NOW + timedelta(minutes=10),
                            etag='"e"', seeded=True)
    await store.record_poll(second.id, now=NOW, status="error", next_check_at=NOW + timedelta(minutes=5),
                            consecutive_failures=1, last_error="boom")
    polled = await store.get_feed(first.id)
    assert polled is not None and polled.etag == '"e"' and polled.seeded and polled.last_success_at == NOW
    failed = await store.get_feed(second.id)
    assert failed is not None and failed.consecutive_failures == 1 and failed.last_success_at is None
    assert await store.claim_due_feeds(now=NOW, owner="host:2:b", lease=60, limit=5) == []
    assert await store.release_leases_of(lambda owner: owner == "host:1:a") == 1
    (taken,) = await store.claim_due_feeds(now=NOW, owner="host:2:b", lease=60, limit=5)
    assert taken.id == third.id
    await store.make_all_due(NOW)
    assert {feed.id for feed in await store.claim_due_feeds(now=NOW, owner="host:3:c", lease=60, limit=5)} == {
        first.id, second.id}


async def test_one_owner_claiming_two_platforms_at_once_gets_each_its_own(store: Store) -> None:
    feed, _ = await store.add_feed("https://f.test/rss", now=NOW)
    await store.add_subscription(feed.id, DISCORD, now=NOW)
    await store.add_subscription(feed.id, SLACK, now=NOW)
    await store_entries(store, feed.id, [NewEntry(entry("1"), [SOUL_MATE], True)], now=NOW)
    discord, slack = await asyncio.gather(
        store.claim_deliveries(Platform.DISCORD, now=NOW, owner="a", lease=60, limit=5),
        store.claim_deliveries(Platform.SLACK, now=NOW, owner="a", lease=60, limit=5))
    assert [job.destination for job in discord] == [DISCORD]
    assert [job.destination for job in slack] == [SLACK]


async def test_a_batch_of_new_series_and_announcements_gets_each_its_own_id(store: Store) -> None:
    # More rows than one multi-row statement takes, so the ids come back from several statements.
    feed, _ = await store.add_feed("https://f.test/rss", now=NOW)
    titles = [f"Lantern Quay {number}" for number in range(1, 1202)]
    items = [NewEntry(entry(str(number), title=title), [SeriesFacts(title=title, platform="Netflix")], True)
             for number, title in enumerate(titles)]
    result = await store_entries(store, feed.id, items, now=NOW)
    assert [item.series.title for item in result.announcements] == titles
    for announcement in result.announcements:
        assert announcement.id is not None and announcement.series.id is not None
        stored = await store.get_series(announcement.series.id)
        assert stored is not None and stored.title == announcement.series.title
        (latest,) = await store.latest_announcements(1, series_id=announcement.series.id)
        assert latest == announcement


def test_the_season_premieres_migration_records_the_premieres_already_known(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine, insert, select

    from bot.store.migrate import alembic_config
    from bot.store.schema import season_premieres, series

    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0005_follow")
        conn.execute(insert(series), [
            {"id": 1, "status": "renewed", "premiere_date": date(2027, 3, 14), "data": {"season": 2},
             "first_seen": NOW, "last_updated": NOW},
            {"id": 2, "status": "premiere_date", "premiere_date": date(2027, 5, 1), "data": {}, "first_seen": NOW,
             "last_updated": NOW},
            {"id": 3, "status": "announced", "premiere_date": None, "data": {}, "first_seen": NOW,
             "last_updated": NOW}])
        command.upgrade(alembic_config(conn), "head")
        rows = conn.execute(select(season_premieres).order_by(season_premieres.c.series_id)).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [(1, 2, date(2027, 3, 14)), (2, 1, date(2027, 5, 1))]
