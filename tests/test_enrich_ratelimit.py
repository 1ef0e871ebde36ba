"""TVmaze's budget is one per IP: enrichers on one store draw from one bucket, in a process and across processes."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.config import EnrichSettings
from bot.enrich.http import ApiRate
from bot.enrich.service import TVMAZE_RATE, Enricher
from bot.store.store import Store
from tests.fakes.tvmaze_api import FakeTvMaze

pytestmark = pytest.mark.slow  # measures request rates over several seconds: `make check` skips it

# TVmaze's window shrunk fivefold so that a test sees it fill: 4 + 7.5 × 2 = 19 calls in any 2 s.
WINDOW = 2.0
RATE = ApiRate(TVMAZE_RATE.name, per_second=TVMAZE_RATE.per_second * 10 / WINDOW, burst=TVMAZE_RATE.burst)
LIMIT = 20
RUN_SECONDS = 3.0


@pytest.fixture
async def tvmaze() -> AsyncIterator[FakeTvMaze]:
    async with FakeTvMaze() as fake:
        yield fake


async def _ask(enricher: Enricher, deadline: float) -> None:
    """Search TVmaze as fast as the budget allows until the deadline."""
    assert enricher.tvmaze is not None
    while time.monotonic() < deadline:
        await enricher.tvmaze.search("Moonlit Bakery")


@pytest.mark.parametrize("shared", [True, False], ids=["one-budget", "two-budgets"])
async def test_two_enrichers_on_one_store_together_stay_within_tvmaze_limit(store_url: str, tvmaze: FakeTvMaze,
                                                                            shared: bool) -> None:
    assert TVMAZE_RATE.burst + TVMAZE_RATE.per_second * 10 < LIMIT  # the real budget: under 20 per 10 s
    settings = EnrichSettings(tvmaze_api_base=tvmaze.base, timeout=5.0)
    # Two stores on one database: two processes on PostgreSQL, two parts of one process on SQLite.
    stores = [await Store.open(store_url), await Store.open(store_url)]
    # The control: budgets of two names are two budgets, and together they go over the limit.
    rates = [RATE, RATE if shared else replace(RATE, name=f"{RATE.name}:other")]
    try:
        async with contextlib.AsyncExitStack() as stack:
            enrichers = [await stack.enter_async_context(
                Enricher(store, settings, tvmaze=True, tmdb_key=None, user_agent="seriesbot-test",
                         clock=lambda: datetime.now(UTC), tvmaze_rate=rate))
                for store, rate in zip(stores, rates, strict=True)]
            deadline = time.monotonic() + RUN_SECONDS
            await asyncio.gather(*(_ask(enricher, deadline) for enricher in enrichers for _ in range(3)))
    finally:
        for store in stores:
            await store.close()
    if not shared:
        assert tvmaze.busiest_window(WINDOW) > LIMIT + 5
        return
    assert tvmaze.busiest_window(WINDOW) <= LIMIT
    # The bucket lends its burst, then its rate: the senders were held back, not starved.
    assert len(tvmaze.requests) >= (RATE.burst + RATE.per_second * RUN_SECONDS) * 0.8
