"""Rate budgets: one token bucket per process on SQLite, one row shared by every process on PostgreSQL."""

from __future__ import annotations

import asyncio
import bisect
import time

import pytest

from bot.store.engine import create_engine
from bot.store.ratelimit import Budget, LocalBucket, SharedBucket, rate_budget
from bot.store.store import Store

RATE = 20.0
RUN_SECONDS = 2.0


async def test_a_local_bucket_lends_its_capacity_then_one_token_per_interval() -> None:
    now = [0.0]
    bucket = LocalBucket(2.0, clock=lambda: now[0])
    assert [await bucket.reserve() for _ in range(4)] == [0.0, 0.0, 0.5, 1.0]
    now[0] = 3.0  # a long pause refills it, but never above its capacity
    assert [await bucket.reserve() for _ in range(3)] == [0.0, 0.0, 0.5]


async def _draw(budget: Budget, grants: list[float], deadline: float) -> None:
    """Post as fast as the budget allows until the deadline, noting when each post went out."""
    while time.monotonic() < deadline:
        wait = await budget.reserve()
        if time.monotonic() + wait >= deadline:
            return
        await asyncio.sleep(wait)
        grants.append(time.monotonic())


def _busiest_second(grants: list[float]) -> int:
    grants = sorted(grants)
    return max(bisect.bisect_left(grants, start + 1.0) - index for index, start in enumerate(grants))


async def test_processes_sharing_a_budget_together_stay_within_its_rate(store_url: str) -> None:
    store = await Store.open(store_url)  # creates the rate_buckets table
    shared = store.dialect == "postgresql"
    # On PostgreSQL each engine stands for one process; on SQLite one process sends alone.
    engines = [create_engine(store_url) for _ in range(3 if shared else 1)]
    try:
        budgets = [rate_budget(engine, "test:global", RATE) for engine in engines]
        assert all(isinstance(budget, SharedBucket if shared else LocalBucket) for budget in budgets)
        grants: list[float] = []
        deadline = time.monotonic() + RUN_SECONDS
        await asyncio.gather(*(_draw(budget, grants, deadline) for budget in budgets for _ in range(4)))
    finally:
        for engine in engines:
            await engine.dispose()
        await store.close()
    capacity = RATE
    # A token bucket lets out at most its capacity plus the rate in any second; 2 more for timer jitter.
    assert _busiest_second(grants) <= capacity + RATE + 2
    assert len(grants) <= capacity + RATE * RUN_SECONDS + 2
    assert len(grants) >= capacity + RATE * RUN_SECONDS * 0.8  # and it does not starve the senders


async def test_separate_buckets_would_not_hold_the_rate() -> None:
    grants: list[float] = []
    deadline = time.monotonic() + 1.0
    await asyncio.gather(*(_draw(LocalBucket(RATE), grants, deadline) for _ in range(3)))
    assert _busiest_second(grants) > RATE * 2 + 2  # why the processes must share one


@pytest.mark.parametrize("store_url", ["postgres"], indirect=True)
@pytest.mark.parametrize("rate", [0.5, 2.0])
async def test_a_shared_bucket_starts_full_and_goes_into_debt(store_url: str, rate: float) -> None:
    store = await Store.open(store_url)
    engine = create_engine(store_url)
    try:
        bucket = SharedBucket(engine, f"test:debt:{rate}", rate)
        capacity = max(1.0, rate)
        waits = [await bucket.reserve() for _ in range(int(capacity) + 2)]
    finally:
        await engine.dispose()
        await store.close()
    assert waits[: int(capacity)] == [0.0] * int(capacity)
    assert waits[-2] == pytest.approx(1 / rate, rel=0.2) and waits[-1] == pytest.approx(2 / rate, rel=0.2)
