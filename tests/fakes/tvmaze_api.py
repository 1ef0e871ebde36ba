"""A fake TVmaze API on loopback, in the shapes of its public documentation: search, shows with embeds, lookup.

It searches its own shows by name and alternate names, answers ETag validators with 304, and can be told to
answer 429 with Retry-After or to answer slowly.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from rapidfuzz import fuzz

from bot.names import title_key
from tests.fakes.loopback import LoopbackServer


@dataclass
class Seen:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    at: float


def show(show_id: int, name: str, *, language: str = "English", genres: tuple[str, ...] = ("Drama",),
         status: str = "In Development", premiered: str | None = None, network: tuple[str, str] | None = None,
         web_channel: str | None = None, imdb: str | None = None, thetvdb: int | None = None,
         summary: str | None = None, poster: bool = True, site: str | None = None,
         cast: tuple[tuple[str, str], ...] = (), creators: tuple[str, ...] = (),
         akas: tuple[tuple[str, str | None], ...] = (), kind: str = "Scripted") -> dict[str, Any]:
    """Return a show object as TVmaze documents it; cast, crew and akas are kept for embedding."""
    slug = "-".join(title_key(name).split()) or str(show_id)
    country_names = {"KR": "Korea, Republic of", "JP": "Japan", "US": "United States", "GB": "United Kingdom"}
    return {
        "id": show_id, "url": f"https://www.tvmaze.com/shows/{show_id}/{slug}", "name": name, "type": kind,
        "language": language, "genres": list(genres), "status": status, "runtime": None, "averageRuntime": None,
        "premiered": premiered, "ended": None, "officialSite": site,
        "schedule": {"time": "", "days": []}, "rating": {"average": None}, "weight": 50,
        "network": ({"id": show_id + 1000, "name": network[0],
                     "country": {"name": country_names.get(network[1], network[1]), "code": network[1],
                                 "timezone": "Asia/Seoul"}, "officialSite": None} if network else None),
        "webChannel": ({"id": show_id + 2000, "name": web_channel, "country": None, "officialSite": None}
                       if web_channel else None),
        "dvdCountry": None,
        "externals": {"tvrage": None, "thetvdb": thetvdb, "imdb": imdb},
        "image": ({"medium": f"https://static.tvmaze.com/uploads/images/medium_portrait/1/{show_id}.jpg",
                   "original": f"https://static.tvmaze.com/uploads/images/original_untouched/1/{show_id}.jpg"}
                  if poster else None),
        "summary": summary, "updated": 1764000000,
        "_links": {"self": {"href": f"https://api.tvmaze.com/shows/{show_id}"}},
        "_cast": [{"person": {"id": show_id * 100 + i, "name": actor}, "character": {"name": role}, "self": False,
                   "voice": False} for i, (actor, role) in enumerate(cast)],
        "_crew": [{"type": "Creator", "person": {"id": show_id * 100 + 50 + i, "name": person}}
                  for i, person in enumerate(creators)],
        "_akas": [{"name": aka, "country": ({"name": code, "code": code, "timezone": ""} if code else None)}
                  for aka, code in akas],
    }


class FakeTvMaze(LoopbackServer):
    """Serve TVmaze's show endpoints from memory and record each request."""

    def __init__(self, *, max_age: int = 0) -> None:
        super().__init__()
        self.shows: dict[int, dict[str, Any]] = {}
        self.requests: list[Seen] = []
        self.max_age = max_age
        self.delay = 0.0
        self.answered = 0
        self._429: list[str] = []

    def add(self, *shows: dict[str, Any]) -> None:
        for item in shows:
            self.shows[int(item["id"])] = item

    def rate_limit_next(self, count: int, retry_after: str = "1") -> None:
        """Answer the next requests with 429 Too Many Requests and this Retry-After."""
        self._429.extend([retry_after] * count)

    def calls(self, prefix: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.path.startswith(prefix)]

    def busiest_window(self, seconds: float = 10.0) -> int:
        """Return the most requests seen within any window of that many seconds."""
        times = [seen.at for seen in self.requests]
        return max((sum(1 for t in times if start <= t < start + seconds) for start in times), default=0)

    def install(self, app: web.Application) -> None:
        app.router.add_get("/search/shows", self._search)
        app.router.add_get("/singlesearch/shows", self._singlesearch)
        app.router.add_get("/shows/{id:\\d+}", self._show)
        app.router.add_get("/lookup/shows", self._lookup)

    async def _gate(self, request: web.Request) -> web.Response | None:
        query: dict[str, list[str]] = {}
        for key, value in request.query.items():
            query.setdefault(key, []).append(value)
        self.requests.append(Seen(request.path, query, dict(request.headers), time.monotonic()))
        if self._429:
            return web.json_response({"name": "Too Many Requests", "message": "Rate limit exceeded", "code": 0,
                                      "status": 429}, status=429, headers={"Retry-After": self._429.pop(0)})
        if self.delay:
            await asyncio.sleep(self.delay)
        return None

    def _json(self, request: web.Request, body: Any) -> web.Response:
        raw = json.dumps(body, ensure_ascii=False).encode()
        etag = '"' + hashlib.sha1(raw).hexdigest() + '"'
        headers = {"ETag": etag, "Cache-Control": f"public, max-age={self.max_age}"}
        self.answered += 1
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers=headers)
        return web.Response(body=raw, content_type="application/json", headers=headers)

    @staticmethod
    def _public(item: dict[str, Any], embeds: list[str] = ()) -> dict[str, Any]:  # type: ignore[assignment]
        body = {key: value for key, value in item.items() if not key.startswith("_") or key == "_links"}
        if embeds:
            body["_embedded"] = {name: item[f"_{name}"] for name in embeds if f"_{name}" in item}
        return body

    def _matches(self, query: str) -> list[tuple[float, dict[str, Any]]]:
        wanted = title_key(query)
        found = []
        for item in self.shows.values():
            names = [item["name"], *(aka["name"] for aka in item["_akas"])]
            best = max(fuzz.token_set_ratio(wanted, title_key(name)) for name in names)
            if best >= 70:
                found.append((round(best / 10, 3), item))
        return sorted(found, key=lambda pair: -pair[0])[:10]

    async def _search(self, request: web.Request) -> web.Response:
        if (refused := await self._gate(request)) is not None:
            return refused
        hits = self._matches(request.query.get("q", ""))
        return self._json(request, [{"score": score, "show": self._public(item)} for score, item in hits])

    async def _singlesearch(self, request: web.Request) -> web.Response:
        if (refused := await self._gate(request)) is not None:
            return refused
        hits = self._matches(request.query.get("q", ""))
        if not hits:
            return web.json_response({"name": "Not Found", "status": 404}, status=404)
        return self._json(request, self._public(hits[0][1]))

    async def _show(self, request: web.Request) -> web.Response:
        if (refused := await self._gate(request)) is not None:
            return refused
        item = self.shows.get(int(request.match_info["id"]))
        if item is None:
            return web.json_response({"name": "Not Found", "status": 404}, status=404)
        embeds = request.query.getall("embed[]", []) + request.query.getall("embed", [])
        return self._json(request, self._public(item, embeds))

    async def _lookup(self, request: web.Request) -> web.Response:
        if (refused := await self._gate(request)) is not None:
            return refused
        for item in self.shows.values():
            externals = item["externals"]
            if (request.query.get("imdb") and externals["imdb"] == request.query["imdb"]) or (
                    request.query.get("thetvdb") and str(externals["thetvdb"]) == request.query["thetvdb"]):
                raise web.HTTPMovedPermanently(f"/shows/{item['id']}")
        return web.json_response({"name": "Not Found", "status": 404}, status=404)
