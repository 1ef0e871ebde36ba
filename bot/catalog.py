"""The series knowledge base as members see it: search, suggestions, upcoming and latest."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.lookup import Hit, TitleIndex
from bot.model import Announcement, Series
from bot.store.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The best match when confident, else the candidates."""

    series: Series | None
    candidates: tuple[Hit, ...]


class Catalog:
    """An in-memory title index over the store, refreshed from it when series change."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._index = TitleIndex()
        self._watermark: datetime | None = None
        self._dirty = True
        self._lock = asyncio.Lock()

    def __len__(self) -> int:
        return len(self._index)

    def mark_changed(self, _series_ids: Iterable[int] = ()) -> None:
        """Note that the store has newer series than the index."""
        self._dirty = True

    async def refresh(self, *, force: bool = False) -> None:
        """Load series changed since the last refresh (all of them the first time)."""
        if not (self._dirty or force):
            return
        async with self._lock:
            self._dirty = False
            since = self._watermark - timedelta(seconds=5) if self._watermark else None
            rows = await self._store.series_titles(since)
            for series_id, record in rows:
                aliases = [alias for alias in (*record.aliases, record.based_on or "") if alias]
                self._index.add(series_id, record.display_title, aliases)
                if record.last_updated and (self._watermark is None or record.last_updated > self._watermark):
                    self._watermark = record.last_updated
            if rows:
                log.debug("catalog refreshed: %d series changed, %d in all", len(rows), len(self._index))

    async def search(self, query: str, limit: int = 5) -> SearchResult:
        """Find a series by title or alias, tolerating typos."""
        await self.refresh()
        hits = self._index.search(query, limit=limit)
        if hits and self._index.confident(hits):
            found = await self._store.get_series(hits[0].series_id)
            return SearchResult(found, tuple(hits))
        return SearchResult(None, tuple(hits))

    async def suggest(self, prefix: str, limit: int = 25) -> list[Hit]:
        """Return autocomplete choices for a prefix."""
        await self.refresh()
        return self._index.suggest(prefix, limit=limit)

    async def get(self, series_id: int) -> Series | None:
        """Return one series."""
        return await self._store.get_series(series_id)

    async def news(self, series_id: int, limit: int = 3) -> list[Announcement]:
        """Return the latest announcements about a series."""
        return await self._store.latest_announcements(limit, series_id=series_id)
