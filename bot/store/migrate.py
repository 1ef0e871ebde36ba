"""Apply the Alembic migrations at start, on SQLite or PostgreSQL, one process at a time."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
from collections.abc import AsyncIterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).with_name("migrations")
_ADVISORY_LOCK = 0x5E41E5B07  # Any constant shared by every seriesbot process.


def alembic_config(connection: Connection | None = None) -> Config:
    """Return an Alembic config pointing at the bundled migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


@contextlib.asynccontextmanager
async def _sqlite_file_lock(database: str | None) -> AsyncIterator[None]:
    # Two processes starting on a new file would both create the tables; a lock file serialises them.
    if not database or database == ":memory:" or database.startswith("file:"):
        yield
        return
    handle = await asyncio.to_thread(Path(database + ".migrate-lock").open, "a")
    try:
        await asyncio.to_thread(fcntl.flock, handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        handle.close()


async def upgrade(engine: AsyncEngine) -> None:
    """Bring the database to the newest schema."""
    if engine.dialect.name == "sqlite":
        async with _sqlite_file_lock(engine.url.database), engine.begin() as connection:
            await connection.run_sync(_upgrade)
        return
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            await connection.execute(text(f"SELECT pg_advisory_xact_lock({_ADVISORY_LOCK})"))
        await connection.run_sync(_upgrade)
