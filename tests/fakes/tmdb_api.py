"""A fake TMDB API v3 on loopback, in the shapes of its public documentation: search/tv and tv/{id} with
append_to_response (external_ids, credits, alternative_titles). It refuses requests without the key."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web
from rapidfuzz import fuzz

from bot.names import title_key
from tests.fakes.loopback import LoopbackServer

KEY = "fake-tmdb-key"


def tv(tv_id: int, name: str, *, original_name: str | None = None, first_air_date: str = "",
       origin_country: tuple[str, ...] = ("US",), original_language: str = "en", networks: tuple[str, ...] = (),
       overview: str = "", poster_path: str | None = "/poster.jpg", imdb_id: str | None = None,
       tvdb_id: int | None = None, status: str = "In Production", cast: tuple[tuple[str, str], ...] = (),
       creators: tuple[str, ...] = (), homepage: str = "", titles: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return a TV details object as TMDB documents it, with the appended parts."""
    return {
        "id": tv_id, "name": name, "original_name": original_name or name, "first_air_date": first_air_date,
        "origin_country": list(origin_country), "original_language": original_language, "overview": overview,
        "poster_path": poster_path, "backdrop_path": None, "popularity": 10.0, "vote_average": 0, "vote_count": 0,
        "genres": [{"id": 18, "name": "Drama"}], "homepage": homepage, "status": status, "in_production": True,
        "networks": [{"id": tv_id + i, "name": network, "logo_path": None, "origin_country": origin_country[0]}
                     for i, network in enumerate(networks)],
        "created_by": [{"id": tv_id * 10 + i, "name": person} for i, person in enumerate(creators)],
        "external_ids": {"imdb_id": imdb_id, "tvdb_id": tvdb_id, "freebase_mid": None, "wikidata_id": None},
        "credits": {"cast": [{"id": i, "name": actor, "character": role} for i, (actor, role) in enumerate(cast)],
                    "crew": []},
        "alternative_titles": {"results": [{"iso_3166_1": "US", "title": title, "type": ""} for title in titles]},
    }


class FakeTmdb(LoopbackServer):
    """Serve TMDB's TV search and details from memory and record each request."""

    def __init__(self) -> None:
        super().__init__()
        self.shows: dict[int, dict[str, Any]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []

    @property
    def base(self) -> str:
        return f"{self.origin}/3"

    def add(self, *shows: dict[str, Any]) -> None:
        for item in shows:
            self.shows[int(item["id"])] = item

    def install(self, app: web.Application) -> None:
        app.router.add_get("/3/search/tv", self._search)
        app.router.add_get("/3/tv/{id:\\d+}", self._details)

    def _refuse(self, request: web.Request) -> web.Response | None:
        self.requests.append((request.path, dict(request.query)))
        bearer = request.headers.get("Authorization") == f"Bearer {KEY}"
        if request.query.get("api_key") != KEY and not bearer:
            return web.json_response({"status_code": 7, "status_message": "Invalid API key: You must be granted "
                                      "a valid key.", "success": False}, status=401)
        return None

    async def _search(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        wanted = title_key(request.query.get("query", ""))
        results = []
        for item in self.shows.values():
            names = [item["name"], item["original_name"]]
            if max(fuzz.token_set_ratio(wanted, title_key(name)) for name in names) >= 70:
                results.append({key: item[key] for key in (
                    "id", "name", "original_name", "first_air_date", "origin_country", "original_language",
                    "overview", "poster_path", "backdrop_path", "popularity", "vote_average", "vote_count")}
                    | {"genre_ids": [18], "adult": False})
        body = {"page": 1, "results": results, "total_pages": 1, "total_results": len(results)}
        return web.json_response(body)

    async def _details(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        item = self.shows.get(int(request.match_info["id"]))
        if item is None:
            return web.json_response({"status_code": 34, "status_message": "The resource you requested could "
                                      "not be found.", "success": False}, status=404)
        appended = set(request.query.get("append_to_response", "").split(","))
        body = {key: value for key, value in item.items()
                if key not in {"external_ids", "credits", "alternative_titles"} or key in appended}
        return web.Response(text=json.dumps(body), content_type="application/json")
