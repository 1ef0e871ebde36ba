"""The weekly digest on the real store (SQLite and PostgreSQL), with time driven explicitly."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.commands import OPERATOR, Actor
from bot.destinations import Destination, Platform
from bot.digest import Digest, DigestDay, Digests, parse_time, parse_weekday, parse_zone
from bot.discord.digest import digest_embeds
from bot.model import Entry, Series, SeriesFacts, Status
from bot.pipeline import NewEntry, store_entries
from bot.replies import Message
from bot.slack.digest import digest_blocks
from bot.store.schema import deliveries
from bot.store.store import Store

NEWS = Destination(Platform.DISCORD, "222000000000000010", "222000000000000001")
HOURS = 3600.0


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def store(store_url: str) -> AsyncIterator[Store]:
    opened = await Store.open(store_url)
    try:
        yield opened
    finally:
        await opened.close()


async def premieres(store: Store, *titles_and_days: tuple[str, date]) -> None:
    feed, _ = await store.add_feed("https://feed.test/rss", now=datetime(2026, 3, 1, tzinfo=UTC))
    items = [NewEntry(Entry(feed.url, f"item-{title}", f"{title} premieres"),
                        [SeriesFacts(title=title, platform="Netflix", status=Status.PREMIERE_DATE, premiere_date=day)],
                        post=False)
             for title, day in titles_and_days]
    await store_entries(store, feed.id, items, now=datetime(2026, 3, 1, tzinfo=UTC))


async def digests_sent(store: Store) -> list[Digest]:
    async with store.reading() as conn:
        rows = await conn.execute(select(deliveries.c.payload).where(deliveries.c.kind == "digest")
                                  .order_by(deliveries.c.id))
        return [Digest.from_dict(row.payload) for row in rows]


async def test_the_digest_fires_at_its_local_time_across_a_dst_change_once(store: Store) -> None:
    await premieres(store, ("Spring Tide", date(2026, 3, 24)), ("Paper Moon", date(2026, 3, 24)),
                    ("Late Bloom", date(2026, 3, 31)), ("Far Away", date(2026, 4, 20)))
    clock = Clock(datetime(2026, 3, 20, 12, tzinfo=UTC))
    digests = Digests(store, clock=clock, grace=6 * HOURS)
    reply = await digests.set(OPERATOR, NEWS, "Mon", "9:00", "Europe/Berlin")
    assert isinstance(reply, Message) and reply.ok and "every Monday at 09:00 (Europe/Berlin)" in reply.text

    # 09:00 in Berlin is 08:00 UTC before the clocks go forward on 29 March 2026 and 07:00 UTC after.
    fired = []
    moment = datetime(2026, 3, 23, 0, tzinfo=UTC)
    while moment < datetime(2026, 4, 1, tzinfo=UTC):
        clock.now = moment
        if await digests.run_due():
            fired.append(moment)
        moment += timedelta(minutes=30)
    assert fired == [datetime(2026, 3, 23, 8, tzinfo=UTC), datetime(2026, 3, 30, 7, tzinfo=UTC)]

    first, second = await digests_sent(store)
    assert first.start == date(2026, 3, 23) and second.start == date(2026, 3, 30)
    assert [(day.day, sorted(s.title or "" for s in day.series)) for day in first.days] == [
        (date(2026, 3, 24), ["Paper Moon", "Spring Tide"])]  # the seven days from Monday 23 March
    assert [day.day for day in second.days] == [date(2026, 3, 31)]


async def test_a_restart_neither_skips_nor_repeats_and_a_missed_digest_is_sent_late_once(store: Store) -> None:
    await premieres(store, ("Spring Tide", date(2026, 3, 24)), ("Late Bloom", date(2026, 3, 31)))
    clock = Clock(datetime(2026, 3, 20, 12, tzinfo=UTC))
    await Digests(store, clock=clock, grace=6 * HOURS).set(OPERATOR, NEWS, "monday", "09:00", "Europe/Berlin")

    clock.now = datetime(2026, 3, 23, 8, 0, 30, tzinfo=UTC)
    assert await Digests(store, clock=clock, grace=6 * HOURS).run_due() == 1
    clock.now += timedelta(minutes=1)  # restarted: a new process sees it was sent
    assert await Digests(store, clock=clock, grace=6 * HOURS).run_due() == 0

    # Down from Sunday to Monday 10:30 UTC: the 07:00 UTC digest is 3.5 h late, within the grace: sent once.
    clock.now = datetime(2026, 3, 30, 10, 30, tzinfo=UTC)
    two = [Digests(store, clock=clock, grace=6 * HOURS) for _ in range(2)]  # two processes start at once
    assert sum(await asyncio.gather(*(process.run_due() for process in two))) == 1
    assert await two[0].run_due() == 0
    assert len(await digests_sent(store)) == 2


async def test_the_next_wake_up_is_the_next_occurrence_when_it_comes_before_the_tick(store: Store) -> None:
    clock = Clock(datetime(2026, 3, 20, 12, tzinfo=UTC))
    digests = Digests(store, clock=clock, grace=6 * HOURS)
    assert await digests.seconds_to_next(within=30) == 30  # no digests yet
    await digests.set(OPERATOR, NEWS, "mon", "09:00", "Europe/Berlin")  # 08:00 UTC on 23 March
    clock.now = datetime(2026, 3, 23, 7, 59, tzinfo=UTC)
    assert await digests.seconds_to_next(within=30) == 30
    clock.now = datetime(2026, 3, 23, 7, 59, 40, tzinfo=UTC)
    assert await digests.seconds_to_next(within=30) == pytest.approx(20, abs=0.1)
    clock.now = datetime(2026, 3, 23, 8, 0, 0, 1, tzinfo=UTC)  # due and not yet handled: run_due's business
    assert await digests.seconds_to_next(within=30) == 30


async def test_a_running_bot_queues_a_digest_at_its_time_not_at_the_next_tick(store: Store) -> None:
    await premieres(store, ("Spring Tide", date(2026, 3, 24)))
    due = datetime(2026, 3, 23, 8, tzinfo=UTC)  # Monday 09:00 in Berlin
    offset = due - timedelta(seconds=1.5) - datetime.now(UTC)  # this clock reaches it 1.5 s from now

    def clock() -> datetime:
        return datetime.now(UTC) + offset

    digests = Digests(store, clock=clock, grace=6 * HOURS)
    await digests.set(OPERATOR, NEWS, "mon", "09:00", "Europe/Berlin")
    queued = asyncio.Event()
    running = asyncio.create_task(digests.run(tick=30.0, on_queued=queued.set))
    try:
        async with asyncio.timeout(10):
            await queued.wait()
        late = clock() - due
    finally:
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running
    assert timedelta(0) <= late < timedelta(seconds=1)  # a 30 s tick alone would have been up to 30 s late
    [digest] = await digests_sent(store)
    assert digest.start == date(2026, 3, 23)


async def test_a_digest_missed_beyond_the_grace_and_an_empty_week_post_nothing(store: Store) -> None:
    await premieres(store, ("Late Bloom", date(2026, 3, 31)))
    clock = Clock(datetime(2026, 3, 20, 12, tzinfo=UTC))
    digests = Digests(store, clock=clock, grace=6 * HOURS)
    await digests.set(OPERATOR, NEWS, "mon", "09:00", "Europe/Berlin")
    clock.now = datetime(2026, 3, 23, 14, 30, tzinfo=UTC)  # 6.5 h late
    assert await digests.run_due() == 0
    clock.now = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert await digests.run_due() == 1
    clock.now = datetime(2026, 4, 6, 7, 0, tzinfo=UTC)  # nothing premieres from 6 April
    assert await digests.run_due() == 0
    clock.now += timedelta(hours=1)
    assert await digests.run_due() == 0
    assert [digest.start for digest in await digests_sent(store)] == [date(2026, 3, 30)]


async def test_schedules_are_checked_and_only_admins_change_them(store: Store) -> None:
    assert (parse_weekday("Thu"), parse_weekday("sunday"), parse_time("0930"), parse_zone("Asia/Seoul")) == (
        3, 6, "09:30", "Asia/Seoul")
    digests = Digests(store, clock=Clock(datetime(2026, 3, 20, tzinfo=UTC)), grace=HOURS)
    for weekday, at, zone, problem in (("funday", "09:00", "UTC", "not a weekday"),
                                       ("mon", "25:00", "UTC", "not a time of day"),
                                       ("mon", "09:00", "Mars/Olympus", "not a time zone"),
                                       ("mon", "09:00", "../../etc/passwd", "not a time zone")):
        reply = await digests.set(OPERATOR, NEWS, weekday, at, zone)
        assert isinstance(reply, Message) and not reply.ok and problem in reply.text
    member = Actor("222000000000000101", NEWS.workspace, is_admin=False)
    reply = await digests.set(member, NEWS, "mon", "09:00", "UTC")
    assert isinstance(reply, Message) and not reply.ok
    listed = await digests.list(OPERATOR)
    assert isinstance(listed, Message) and listed.text == "No weekly digests yet."
    await digests.set(OPERATOR, NEWS, "fri", "18:00", "Asia/Seoul")
    listed = await digests.list(OPERATOR)
    assert isinstance(listed, Message) and "every Friday at 18:00 (Asia/Seoul)" in listed.text
    off = await digests.set(OPERATOR, NEWS, "off", "", "")
    assert isinstance(off, Message) and off.ok and "No more weekly digest" in off.text


def test_digest_renderers_show_each_day_with_a_poster() -> None:
    poster = "https://img.test/spring.jpg"
    digest = Digest(date(2026, 3, 23), (
        DigestDay(date(2026, 3, 24), (Series("Spring Tide", id=1, platforms=("Netflix",), image=poster),
                                      Series("Paper Moon", id=2, season=2))),))
    head, day = digest_embeds(digest)
    assert head.title == "Premieres this week (23 Mar – 29 Mar)"
    assert head.description == "2 premieres in the next seven days."
    assert day.title == "Tuesday 24 March" and day.thumbnail.url == poster
    assert day.description == "• **Spring Tide** — Netflix\n• **Paper Moon** · season 2"
    blocks = digest_blocks(digest).blocks
    assert [block.get("accessory", {}).get("image_url") for block in blocks[2:]] == [poster, None]
    assert digest_blocks(digest, images=False).blocks[2].get("accessory") is None
