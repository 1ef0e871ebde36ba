"""Shared fixtures: a local feed server, settings on a temporary SQLite file, the wired services."""

from __future__ import annotations

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
