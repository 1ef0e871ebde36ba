"""Follow an entry's link to the article page and take its full text, image and date."""

from __future__ import annotations

from dataclasses import replace

from bot.feeds.fetch import Fetcher
from bot.model import Entry
from bot.workers import CpuPool

ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


class LinkFollower:
    """Fetch an entry's article page and read it in the worker pool."""

    def __init__(self, fetcher: Fetcher, pool: CpuPool) -> None:
        self._fetcher = fetcher
        self._pool = pool

    async def __call__(self, entry: Entry) -> Entry:
        """Return the entry with the article's text (and image and date where the feed had none)."""
        if not entry.link:
            return entry
        result = await self._fetcher.fetch(entry.link, accept=ACCEPT_HTML)
        html = result.body.decode("utf-8", errors="replace")
        page = await self._pool.article(html, result.url)
        return replace(entry, content=page.text or entry.content, image=entry.image or page.image,
                       published=entry.published or page.published)
