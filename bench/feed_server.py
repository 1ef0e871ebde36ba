"""A feed server for the benchmarks, run in its own process: `python -m bench.feed_server --feeds N`.

It serves `/feed/{i}` for i < N: RSS 2.0 with 20 items of 10 to 40 KB, an ETag and a
Last-Modified, and 304 Not Modified to conditional requests that still match. Control routes:

- `POST /_bench/advance`: next cycle; 10 % of the feeds (those with (i + cycle) % 10 == 0, so 10 %
  of any first-N range too) publish 1 to 3 new items.
- `POST /_bench/publish?feed=i`: feed i publishes one series announcement now; answers its headline and
  the server's `time.time()` at that moment (for the latency benchmark).
- `GET /_bench/state?start=S&count=N`: for feeds S..S+N-1, the validators, title and current items (guid,
  headline, date): what a seeding cycle leaves behind, for seeding a database directly.
- `GET /_bench/served?feed=i`: the `time.time()` of feed i's last 200 answer.
- `GET /_bench/stats`, `POST /_bench/reset`: requests served (200 / 304) and bytes since the reset.
- `GET /page/{name}`: the file `name` of the folder given with `--pages` (article pages).

On start it prints one JSON line, `{"port": ..., "feeds": ..., "bytes": ..., "startup_s": ...}`.
It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import signal
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

from aiohttp import web

from bench import corpus

ITEMS_PER_FEED = 20
RSS_TYPE = "application/rss+xml; charset=utf-8"
CHANGE_EVERY = 10  # one feed in CHANGE_EVERY changes each cycle


@dataclass(slots=True)
class FeedState:
    """What one feed serves now."""

    index: int
    published: dict[int, datetime]  # sequence -> when; the newest ITEMS_PER_FEED items
    next_sequence: int
    body: bytes = b""
    etag: str = ""
    items: list[tuple[str, str, str]] = field(default_factory=list)  # guid, headline, published (ISO)
    served_at: float = 0.0  # time.time() of the last 200 answer
    modified: datetime = field(default_factory=lambda: datetime.now(UTC))
    forced: dict[int, bool] = field(default_factory=dict)  # sequence -> announce, for published ones

    def render(self) -> None:
        sequences = sorted(self.published, reverse=True)[:ITEMS_PER_FEED]
        self.published = {sequence: self.published[sequence] for sequence in sequences}
        items = [corpus.rss_item(self.index, sequence, self.published[sequence],
                                 announce=self.forced.get(sequence)) for sequence in sequences]
        self.body = corpus.rss_document(self.index, [item.xml for item in items], self.modified)
        self.items = [(item.link, item.headline, self.published[sequence].isoformat())
                      for item, sequence in zip(items, sequences, strict=True)]
        self.etag = '"' + hashlib.blake2b(self.body, digest_size=8).hexdigest() + '"'

    def publish(self, count: int, now: datetime, *, announce: bool | None = None) -> None:
        for _ in range(count):
            self.published[self.next_sequence] = now
            if announce is not None:
                self.forced[self.next_sequence] = announce
            self.next_sequence += 1
        self.modified = now.replace(microsecond=0)
        self.render()


@dataclass(slots=True)
class Stats:
    """Requests served since the last reset."""

    ok: int = 0
    not_modified: int = 0
    other: int = 0
    bytes: int = 0
    since: float = field(default_factory=time.monotonic)

    def as_dict(self) -> dict[str, float]:
        return {"requests": self.ok + self.not_modified + self.other, "ok": self.ok,
                "not_modified": self.not_modified, "other": self.other, "bytes": self.bytes,
                "seconds": time.monotonic() - self.since}


class BenchFeedServer:
    """The feeds, the articles and the control routes."""

    def __init__(self, feeds: int, pages: Path | None) -> None:
        start = datetime.now(UTC).replace(microsecond=0)
        self.cycle = 0
        self.stats = Stats()
        self.feeds: list[FeedState] = []
        for index in range(feeds):
            published = {sequence: start - timedelta(hours=ITEMS_PER_FEED - sequence)
                         for sequence in range(ITEMS_PER_FEED)}
            state = FeedState(index, published, ITEMS_PER_FEED, modified=start)
            state.render()
            self.feeds.append(state)
        self.pages = {path.name: path.read_bytes() for path in sorted(pages.iterdir())} if pages else {}

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/feed/{index}", self.feed)
        app.router.add_get("/page/{name}", self.page)
        app.router.add_post("/_bench/advance", self.advance)
        app.router.add_post("/_bench/publish", self.publish)
        app.router.add_get("/_bench/state", self.state)
        app.router.add_get("/_bench/served", self.served)
        app.router.add_get("/_bench/stats", self.get_stats)
        app.router.add_post("/_bench/reset", self.reset)
        return app

    def _lookup(self, items: list[FeedState], raw: str) -> int | None:
        index = int(raw) if raw.isdigit() else -1
        return index if 0 <= index < len(items) else None

    async def feed(self, request: web.Request) -> web.Response:
        index = self._lookup(self.feeds, request.match_info["index"])
        if index is None:
            self.stats.other += 1
            return web.Response(status=404, text="no such feed")
        state = self.feeds[index]
        modified = format_datetime(state.modified, usegmt=True)
        validators = {"ETag": state.etag, "Last-Modified": modified}
        if _not_modified(request, state):
            self.stats.not_modified += 1
            return web.Response(status=304, headers=validators)
        self.stats.ok += 1
        self.stats.bytes += len(state.body)
        state.served_at = time.time()
        return web.Response(body=state.body, headers={**validators, "Content-Type": RSS_TYPE})

    async def page(self, request: web.Request) -> web.Response:
        body = self.pages.get(request.match_info["name"])
        if body is None:
            self.stats.other += 1
            return web.Response(status=404, text="no such page")
        self.stats.ok += 1
        self.stats.bytes += len(body)
        return web.Response(body=body, content_type="text/html", charset="utf-8")

    async def advance(self, request: web.Request) -> web.Response:
        self.cycle += 1
        now = datetime.now(UTC)
        changed = 0
        for state in self.feeds:
            if (state.index + self.cycle) % CHANGE_EVERY == 0:
                state.publish(1 + (state.index * self.cycle) % 3, now)
                changed += 1
        return web.json_response({"cycle": self.cycle, "changed": changed})

    async def publish(self, request: web.Request) -> web.Response:
        index = self._lookup(self.feeds, request.query.get("feed", ""))
        if index is None:
            return web.json_response({"error": "no such feed"}, status=404)
        state = self.feeds[index]
        state.publish(1, datetime.now(UTC), announce=True)
        at = time.time()  # the item is in the feed from this moment on
        headline = state.items[0][1]
        return web.json_response({"feed": index, "headline": headline, "published_at": at})

    async def served(self, request: web.Request) -> web.Response:
        index = self._lookup(self.feeds, request.query.get("feed", ""))
        if index is None:
            return web.json_response({"error": "no such feed"}, status=404)
        return web.json_response({"feed": index, "served_at": self.feeds[index].served_at})

    async def state(self, request: web.Request) -> web.Response:
        start = int(request.query.get("start", "0"))
        count = int(request.query.get("count", "0"))
        return web.json_response([
            {"index": state.index, "etag": state.etag, "last_modified": format_datetime(state.modified, usegmt=True),
             "title": f"Entertainment Wire {state.index}", "items": state.items}
            for state in self.feeds[start:start + count]])

    async def get_stats(self, request: web.Request) -> web.Response:
        return web.json_response({**self.stats.as_dict(), "cycle": self.cycle})

    async def reset(self, request: web.Request) -> web.Response:
        self.stats = Stats()
        return web.json_response({"ok": True})


def _not_modified(request: web.Request, state: FeedState) -> bool:
    match = request.headers.get("If-None-Match")
    if match is not None:
        return state.etag in {tag.strip() for tag in match.split(",")}
    since = request.headers.get("If-Modified-Since")
    if since:
        try:
            return parsedate_to_datetime(since) >= state.modified
        except (TypeError, ValueError):
            return False
    return False


async def serve(feeds: int, pages: Path | None) -> None:
    """Build the content, listen on 127.0.0.1, print the port, run until SIGTERM or SIGINT."""
    started = time.perf_counter()
    server = BenchFeedServer(feeds, pages)
    runner = web.AppRunner(server.app(), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=2048)
    await site.start()
    port = runner.addresses[0][1]
    size = sum(len(state.body) for state in server.feeds)
    print(json.dumps({"port": port, "feeds": feeds, "bytes": size, "startup_s": time.perf_counter() - started}),
          flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments and serve."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=0)
    parser.add_argument("--pages", type=Path, default=None)
    args = parser.parse_args(argv)
    asyncio.run(serve(args.feeds, args.pages))


if __name__ == "__main__":
    main(sys.argv[1:])
