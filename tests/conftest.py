"""Shared fixtures: a local feed server, settings on a temporary SQLite file, the wired services."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from bot.config import FileSettings, Secrets, Settings
from tests.fakes.feed_server import FeedServer


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    server = await FeedServer().start()
    try:
        yield server
    finally:
        await server.stop()


def make_settings(database: Path, **sections: Any) -> Settings:
    """Return settings on a SQLite file with loopback fetching allowed, overriding sections."""
    data: dict[str, Any] = {
        "store": {"url": f"sqlite+aiosqlite:///{database}"},
        "fetch": {"allow_private_networks": True, "timeout": "5s"},
        "poll": {"backfill": 0, "max_age": "36500d"},
        "console": {"enabled": "on"},
        "enrich": {"tvmaze": False},  # no test reaches the real TVmaze; enrichment tests point it at a fake
    }
    for key, value in sections.items():
        data[key] = {**data.get(key, {}), **value} if isinstance(value, dict) else value
    return Settings(file=FileSettings.model_validate(data), secrets=Secrets(), source="test")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "test.db")


@pytest.fixture
def console() -> Console:
    return Console(record=True, width=120, force_terminal=False, color_system=None)


@pytest.fixture
async def services(settings: Settings, console: Console) -> AsyncIterator[Any]:
    from bot.app import bootstrap

    async with bootstrap(settings, console=console) as wired:
        yield wired


POSTGRES_URL = os.environ.get("SERIESBOT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


async def _reset_postgres(url: str) -> str | None:
    """Empty the test database; return why it cannot be used, or None."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    from bot.store.engine import normalise_url

    engine = create_async_engine(normalise_url(url))
    try:
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    except Exception as error:
        return f"PostgreSQL at {url} is unreachable ({type(error).__name__}: {error})"
    finally:
        await engine.dispose()
    return None


@pytest.fixture(params=["sqlite", "postgres"])
async def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Yield a fresh database URL: a SQLite file, and the test PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/store.db"
    problem = await _reset_postgres(POSTGRES_URL)
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{problem}; CI must run the PostgreSQL tests")
        pytest.skip(f"{problem}; set SERIESBOT_TEST_POSTGRES_URL to run the PostgreSQL tests")
    return POSTGRES_URL
