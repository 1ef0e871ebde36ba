"""A local feed server for tests: validators, 304s, errors, slow and huge bodies, redirects."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime

from aiohttp import web

from tests.fakes.loopback import LoopbackServer

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    location: str | None = None
    validators: bool = True
    gzip: bool = False
    dribble: float = 0.0
    last_modified: datetime = field(default_factory=lambda: datetime(2026, 11, 1, tzinfo=UTC))


class FeedServer(LoopbackServer):
    """Serve feeds from memory on 127.0.0.1 and record every request."""

    def __init__(self) -> None:
        super().__init__()
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def set(self, path: str, body: bytes | str = b"", **options: object) -> str:
        raw = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(body=raw, **options)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for seen, headers in self.requests if seen == path]

    def install(self, app: web.Application) -> None:
        app.router.add_route("GET", "/{tail:.*}", self._handle)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path_qs if request.query_string else request.path
        self.requests.append((request.path, dict(request.headers)))
        route = self.routes.get(path) or self.routes.get(request.path)
        if route is None:
            return web.Response(status=404, text="not found")
        if route.delay:
            await asyncio.sleep(route.delay)
        if route.location is not None:
            return web.Response(status=route.status or 302, headers={"Location": route.location})
        headers = {"Content-Type": route.content_type}
        if route.validators and route.status == 200:
            etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            modified = format_datetime(route.last_modified, usegmt=True)
            headers |= {"ETag": etag, "Last-Modified": modified}
            if request.headers.get("If-None-Match") == etag:
                return web.Response(status=304, headers={"ETag": etag, "Last-Modified": modified})
        body = route.body
        if route.dribble:
            return await self._dribble(request, route, headers)
        if route.gzip:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        return web.Response(status=route.status, body=body, headers=headers)


    async def _dribble(self, request: web.Request, route: Route, headers: dict[str, str]) -> web.StreamResponse:
        """Send the headers at once, then one byte at a time (a slowloris server)."""
        response = web.StreamResponse(status=route.status, headers=headers)
        await response.prepare(request)
        for byte in route.body:
            await response.write(bytes([byte]))
            await asyncio.sleep(route.dribble)
        await response.write_eof()
        return response


def rss(items: list[dict[str, str]], title: str = "Test Feed") -> str:
    """Build an RSS 2.0 document from item dicts (title, link, guid, pubDate, description)."""
    parts = [f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>{title}</title>"
             "<link>https://feeds.test/</link><description>test</description>"]
    for item in items:
        fields = "".join(f"<{key}>{value}</{key}>" for key, value in item.items())
        parts.append(f"<item>{fields}</item>")
    parts.append("</channel></rss>")
    return "".join(parts)
