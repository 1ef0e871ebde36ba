"""Rate windows: N slots a window, kept by one process on SQLite and shared by every process on PostgreSQL."""

from __future__ import annotations

import asyncio
import bisect
import random
import time

import pytest

from bot.store.engine import create_engine
from bot.store.ratewindow import LocalWindow, SharedWindow, Window, rate_window, slots_for, spend
from bot.store.store import Store

RATE = 20.0
RUN_SECONDS = 2.0


async def test_a_slot_is_free_again_one_window_after_its_answer() -> None:
    now = [0.0]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    window = LocalWindow(2.0, clock=lambda: now[0], sleep=sleep)
    first, second = await window.take(), await window.take()  # two slots: no wait
    now[0] = 0.3  # the first answer arrives
    await window.give_back(first)
    now[0] = 0.5
    await window.give_back(second)
    await window.take()  # the first slot is free at 1.3
    assert slept == [pytest.approx(0.8)] and now[0] == pytest.approx(1.3)
    await window.take()  # the second at 1.5
    assert now[0] == pytest.approx(1.5)


async def test_a_request_waits_while_every_slot_is_in_flight() -> None:
    window = LocalWindow(1.0)
    held = await window.take()
    waiting = asyncio.create_task(window.take())
    await asyncio.sleep(0.05)
    assert not waiting.done()  # however long the answer takes, the next request does not start
    await window.give_back(held)
    await asyncio.wait_for(waiting, 2.0)


def test_rates_below_one_a_second_get_one_slot_and_a_longer_window() -> None:
    assert slots_for(50.0) == (50, 1.0) and slots_for(2.5) == (2, 1.0) and slots_for(0.5) == (1, 2.0)


async def _send(budget: Window, arrivals: list[float], deadline: float) -> None:
    """Send as fast as the budget allows until the deadline; the server sees each request during its flight."""
    while time.monotonic() < deadline:
        async with spend(budget):
            start = time.monotonic()
            flight = random.uniform(0.0, 0.03)
            await asyncio.sleep(flight)
            arrivals.append(start + random.uniform(0.0, flight))


def _busiest_second(times: list[float]) -> int:
    times = sorted(times)
    return max(bisect.bisect_right(times, start + 1.0 - 1e-9) - index for index, start in enumerate(times))


async def test_processes_sharing_a_budget_never_exceed_it_in_any_second(store_url: str) -> None:
    store = await Store.open(store_url)  # creates the rate_buckets table
    shared = store.dialect == "postgresql"
    # On PostgreSQL each engine stands for one process; on SQLite one process sends alone.
    engines = [create_engine(store_url) for _ in range(3 if shared else 1)]
    try:
        budgets = [rate_window(engine, "test:global", RATE) for engine in engines]
        assert all(isinstance(budget, SharedWindow if shared else LocalWindow) for budget in budgets)
        arrivals: list[float] = []
        deadline = time.monotonic() + RUN_SECONDS
        await asyncio.gather(*(_send(budget, arrivals, deadline) for budget in budgets for _ in range(8)))
    finally:
        for engine in engines:
            await engine.dispose()
        await store.close()
    assert _busiest_second(arrivals) <= RATE
    assert len(arrivals) >= RATE * RUN_SECONDS * 0.6  # and it does not starve the senders


async def test_separate_budgets_would_not_hold_the_rate() -> None:
    arrivals: list[float] = []
    deadline = time.monotonic() + 1.0
    await asyncio.gather(*(_send(LocalWindow(RATE), arrivals, deadline) for _ in range(3) for _ in range(8)))
    assert _busiest_second(arrivals) > RATE  # why the processes must share one


@pytest.mark.parametrize("store_url", ["postgres"], indirect=True)
async def test_a_shared_window_lends_its_slots_then_waits_for_the_first_back(store_url: str) -> None:
    store = await Store.open(store_url)
    engine = create_engine(store_url)
    try:
        window = SharedWindow(engine, "test:wait", 2.0)
        started = time.monotonic()
        first, second = await window.take(), await window.take()
        assert time.monotonic() - started < 0.5
        await window.give_back(first)
        back = time.monotonic()
        await window.take()
        assert time.monotonic() - back >= 0.9  # one window after the first answer, by the database's clock
        await window.give_back(second)
    finally:
        await engine.dispose()
        await store.close()
