"""Shared fixtures: a local feed server, settings on a temporary SQLite file, the wired services, the CLI."""

from __future__ import annotations

import asyncio
import atexit
import io
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
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


_sqlite_template: list[Path] = []  # a database migrated once per test process


def migrated_sqlite(path: Path) -> Path:
    """Put a copy of a freshly migrated SQLite database at `path` unless a file is there: the store then finds
    its schema current instead of building it for every test (tens of milliseconds of CPU each)."""
    if not _sqlite_template:
        from bot.store.store import Store

        folder = Path(tempfile.mkdtemp(prefix="seriesbot-tests-"))
        atexit.register(shutil.rmtree, folder, True)
        template = folder / "migrated.db"

        async def migrate() -> None:
            await (await Store.open(f"sqlite+aiosqlite:///{template}")).close()

        with ThreadPoolExecutor(1) as thread:  # its own event loop: callers may be inside a running one
            thread.submit(asyncio.run, migrate()).result()
        _sqlite_template.append(template)
    if not path.exists() and path.parent.is_dir():
        shutil.copyfile(_sqlite_template[0], path)
    return path


def make_settings(database: Path, **sections: Any) -> Settings:
    """Return settings on a (freshly migrated) SQLite file with loopback fetching allowed, overriding sections."""
    migrated_sqlite(database)
    data: dict[str, Any] = {
        "store": {"url": f"sqlite+aiosqlite:///{database}"},
        "fetch": {"allow_private_networks": True, "timeout": "5s"},
        # workers 0: extraction in the test process, not two worker processes started per test (seconds of CPU
        # each); tests/test_pipeline.py and tests/test_workers.py run the pool itself.
        "poll": {"backfill": 0, "max_age": "36500d", "workers": 0},
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


CLI_SECRETS = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SERIESBOT_DATABASE_URL", "TMDB_API_KEY")


@dataclass(frozen=True)
class CliResult:
    """What one run of the command line did, shaped like subprocess.CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str


RunCli = Callable[..., CliResult]


@contextmanager
def _logging_kept() -> Iterator[None]:
    """Undo what the CLI's logging set-up does to the process-wide loggers."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    levels = {name: logger.level for name, logger in logging.root.manager.loggerDict.items()
              if isinstance(logger, logging.Logger)}
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        for name, logger in logging.root.manager.loggerDict.items():
            if isinstance(logger, logging.Logger):
                logger.setLevel(levels.get(name, logging.NOTSET))


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> RunCli:
    """Run `seriesbot ARGS` in this process through `bot.cli.main`: what `python -m bot` runs, without paying
    a new interpreter's imports each time (tests/test_cli.py keeps real subprocesses too)."""
    from bot.cli import main

    monkeypatch.setenv("COLUMNS", "160")
    for secret in CLI_SECRETS:
        monkeypatch.delenv(secret, raising=False)

    def run(*args: str, config: Path | None = None, stdin: str | None = None) -> CliResult:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        with _logging_kept():
            try:
                code = main([*(["--config", str(config)] if config else []), *args])
            except SystemExit as exit_:  # argparse's --help and usage errors
                code = exit_.code if isinstance(exit_.code, int) else 1
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run


POSTGRES_URL = os.environ.get("SERIESBOT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


_head: list[str] = []  # the newest migration's revision, read once


def _head_revision() -> str:
    if not _head:
        from alembic.script import ScriptDirectory

        from bot.store.migrate import alembic_config

        _head.append(str(ScriptDirectory.from_config(alembic_config()).get_current_head()))
    return _head[0]


async def _reset_postgres(url: str) -> str | None:
    """Empty the test database; return why it cannot be used, or None. A schema at the newest migration has its
    tables emptied (far quicker than building it again for every test); any other schema is dropped."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    from bot.store.engine import normalise_url

    engine = create_async_engine(normalise_url(url))
    try:
        async with engine.begin() as conn:
            tables = set((await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")))
                         .scalars())
            version = (await conn.scalar(text("SELECT max(version_num) FROM alembic_version"))
                       if "alembic_version" in tables else None)
            if version == _head_revision():
                data = ", ".join(f'"{table}"' for table in sorted(tables - {"alembic_version"}))
                if data:
                    await conn.execute(text(f"TRUNCATE {data} RESTART IDENTITY CASCADE"))
            else:
                await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
                await conn.execute(text("CREATE SCHEMA public"))
    except Exception as error:
        return f"PostgreSQL at {url} is unreachable ({type(error).__name__}: {error})"
    finally:
        await engine.dispose()
    return None


async def fresh_database(base_url: str, suffix: str) -> tuple[str, str | None]:
    """Return an emptied database: a sibling of the test one when it may be created, so that other test runs
    resetting the test database meanwhile do not disturb this one; and why none is usable, or None."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from sqlalchemy.ext.asyncio import create_async_engine

    from bot.store.engine import normalise_url

    url = make_url(normalise_url(base_url))
    sibling = url.set(database=f"{url.database}_{suffix}")
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    chosen = base_url
    try:
        async with engine.connect() as conn:
            query = text("SELECT 1 FROM pg_database WHERE datname = :name")
            if not await conn.scalar(query, {"name": sibling.database}):
                await conn.execute(text(f'CREATE DATABASE "{sibling.database}"'))
        chosen = sibling.render_as_string(hide_password=False)
    except Exception:  # No right to create one (or a race): use the test database itself.
        chosen = base_url
    finally:
        await engine.dispose()
    return chosen, await _reset_postgres(chosen)


_worker_database: list[str] = []  # this pytest-xdist worker's own database, once created


async def worker_postgres() -> tuple[str, str | None]:
    """Return this test process's emptied PostgreSQL database and why it is unusable, or None: the test database
    itself, or under pytest-xdist (`make check`) a sibling of it per worker, so that workers never share one."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        return POSTGRES_URL, await _reset_postgres(POSTGRES_URL)
    if _worker_database:
        return _worker_database[0], await _reset_postgres(_worker_database[0])
    url, problem = await fresh_database(POSTGRES_URL, worker)
    if not problem and url == POSTGRES_URL:
        problem = f"cannot create a database per pytest-xdist worker beside {POSTGRES_URL}; run pytest without -n"
    if not problem:
        _worker_database.append(url)
    return url, problem


@pytest.fixture(params=["sqlite", "postgres"])
async def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Yield a fresh database URL: a SQLite file, and the test PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{migrated_sqlite(tmp_path / 'store.db')}"
    url, problem = await worker_postgres()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{problem}; CI must run the PostgreSQL tests")
        pytest.skip(f"{problem}; set SERIESBOT_TEST_POSTGRES_URL to run the PostgreSQL tests")
    return url
