"""TVmaze and TMDB: search, details and id lookups, turned into candidates and listings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Protocol

from bot.enrich.http import JsonClient
from bot.enrich.matching import COUNTRY_CODES, LANGUAGE_CODES, Candidate
from bot.feeds.text import html_to_text
from bot.model import ExternalIds, Listing

TMDB_IMAGES = "https://image.tmdb.org/t/p"
SUMMARY_LIMIT = 1000


class ShowDatabase(Protocol):
    """A show database the enricher can ask."""

    name: str
    label: str

    async def search(self, query: str) -> list[Candidate]:
        """Return the entries found for a title, most relevant first."""
        ...

    async def details(self, candidate: Candidate) -> Candidate:
        """Return the candidate with its cast, crew and other titles."""
        ...

    def listing(self, candidate: Candidate) -> Listing:
        """Return what the entry says about the show."""
        ...


def plain_summary(markup: object, limit: int = SUMMARY_LIMIT) -> str | None:
    """Reduce a database's HTML summary to plain text, cut at a word within the limit."""
    if not isinstance(markup, str) or not markup.strip():
        return None
    text = " ".join(html_to_text(markup).split())
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text or None


def _date(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _names(items: object, *path: str) -> tuple[str, ...]:
    found: list[str] = []
    for item in items if isinstance(items, list) else ():
        value: Any = item
        for key in path:
            value = value.get(key) if isinstance(value, Mapping) else None
        if isinstance(value, str) and value.strip():
            found.append(value.strip())
    return tuple(dict.fromkeys(found))


def _https(url: object) -> str | None:
    text = _text(url)
    if text is None or not text.startswith(("http://", "https://")):
        return None
    return "https://" + text.removeprefix("http://") if text.startswith("http://") else text


class TvMaze:
    """The public TVmaze API (no key; at least 20 calls per 10 seconds per IP)."""

    name = "tvmaze"
    label = "TVmaze"

    def __init__(self, client: JsonClient) -> None:
        self.client = client

    async def search(self, query: str) -> list[Candidate]:
        """Return the shows TVmaze finds for a title."""
        found = await self.client.get("search/shows", {"q": query})
        shows = [item.get("show") for item in found or () if isinstance(item, Mapping)]
        return [self.candidate(show) for show in shows if isinstance(show, Mapping) and isinstance(show.get("id"), int)]

    async def details(self, candidate: Candidate) -> Candidate:
        """Return the show with its cast, crew and other names embedded."""
        show = await self.client.get(f"shows/{candidate.id}?embed[]=cast&embed[]=crew&embed[]=akas")
        return self.candidate(show) if isinstance(show, Mapping) else candidate

    async def lookup(self, *, imdb: str | None = None, thetvdb: int | None = None) -> Candidate | None:
        """Return the show with this IMDb or TheTVDB id, if TVmaze knows it."""
        for key, value in (("imdb", imdb), ("thetvdb", thetvdb)):
            if value:
                show = await self.client.get("lookup/shows", {key: str(value)})
                if isinstance(show, Mapping) and isinstance(show.get("id"), int):
                    return self.candidate(show)
        return None

    def candidate(self, show: Mapping[str, Any]) -> Candidate:
        """Return a TVmaze show as a candidate."""
        embedded = show.get("_embedded") if isinstance(show.get("_embedded"), Mapping) else {}
        assert isinstance(embedded, Mapping)
        channels, countries = [], []
        for key in ("network", "webChannel"):
            channel = show.get(key)
            if isinstance(channel, Mapping) and _text(channel.get("name")):
                channels.append(str(channel["name"]).strip())
                country = channel.get("country")
                code = country.get("code") if isinstance(country, Mapping) else None
                if isinstance(code, str):
                    countries.append(COUNTRY_CODES.get(code.upper(), code.upper()))
        people = _names(embedded.get("cast"), "person", "name") + _names(embedded.get("crew"), "person", "name")
        return Candidate(source=self.name, id=int(show["id"]), title=_text(show.get("name")) or "",
                         aliases=_names(embedded.get("akas"), "name"), premiered=_date(show.get("premiered")),
                         channels=tuple(channels), countries=tuple(dict.fromkeys(countries)),
                         language=_text(show.get("language")), people=people, raw=show)

    def listing(self, candidate: Candidate) -> Listing:
        """Return what TVmaze says about the show."""
        show: Mapping[str, Any] = candidate.raw or {}
        externals = show.get("externals") if isinstance(show.get("externals"), Mapping) else {}
        assert isinstance(externals, Mapping)
        image = show.get("image") if isinstance(show.get("image"), Mapping) else {}
        assert isinstance(image, Mapping)
        network, web = show.get("network"), show.get("webChannel")
        thetvdb = externals.get("thetvdb")
        return Listing(
            source=self.name, title=candidate.title,
            ids=ExternalIds(tvmaze=candidate.id, imdb=_text(externals.get("imdb")),
                            thetvdb=thetvdb if isinstance(thetvdb, int) else None),
            url=_https(show.get("url")) or f"https://www.tvmaze.com/shows/{candidate.id}",
            poster=_https(image.get("medium")), poster_original=_https(image.get("original")),
            official_site=_https(show.get("officialSite")),
            network=_text(network.get("name")) if isinstance(network, Mapping) else None,
            web_channel=_text(web.get("name")) if isinstance(web, Mapping) else None,
            premiered=candidate.premiered, genres=tuple(g for g in show.get("genres") or () if isinstance(g, str)),
            language=candidate.language, status=_text(show.get("status")),
            summary=plain_summary(show.get("summary")))


class Tmdb:
    """The TMDB API, version 3 (a key: an API key, or a read access token used as a bearer token)."""

    name = "tmdb"
    label = "TMDB"

    def __init__(self, client: JsonClient) -> None:
        self.client = client

    async def search(self, query: str) -> list[Candidate]:
        """Return the TV shows TMDB finds for a title."""
        found = await self.client.get("search/tv", {"query": query, "include_adult": "false"})
        results = found.get("results") if isinstance(found, Mapping) else None
        return [self.candidate(item) for item in results or () if isinstance(item, Mapping)
                and isinstance(item.get("id"), int)]

    async def details(self, candidate: Candidate) -> Candidate:
        """Return the show with external ids, credits and alternative titles."""
        show = await self.client.get(f"tv/{candidate.id}",
                                     {"append_to_response": "external_ids,credits,alternative_titles"})
        return self.candidate(show) if isinstance(show, Mapping) else candidate

    def candidate(self, show: Mapping[str, Any]) -> Candidate:
        """Return a TMDB TV show as a candidate."""
        title = _text(show.get("name")) or _text(show.get("original_name")) or ""
        alternatives = show.get("alternative_titles")
        aliases = (_text(show.get("original_name")) or "",
                   *(_names(alternatives.get("results"), "title") if isinstance(alternatives, Mapping) else ()))
        credits = show.get("credits") if isinstance(show.get("credits"), Mapping) else {}
        assert isinstance(credits, Mapping)
        people = (_names(credits.get("cast"), "name") + _names(credits.get("crew"), "name")
                  + _names(show.get("created_by"), "name"))
        codes = [c for c in show.get("origin_country") or () if isinstance(c, str)]
        language = _text(show.get("original_language"))
        return Candidate(source=self.name, id=int(show["id"]), title=title,
                         aliases=tuple(a for a in dict.fromkeys(aliases) if a and a != title),
                         premiered=_date(show.get("first_air_date")), channels=_names(show.get("networks"), "name"),
                         countries=tuple(COUNTRY_CODES.get(c.upper(), c.upper()) for c in codes),
                         language=LANGUAGE_CODES.get(language, language) if language else None, people=people,
                         raw=show)

    def listing(self, candidate: Candidate) -> Listing:
        """Return what TMDB says about the show."""
        show: Mapping[str, Any] = candidate.raw or {}
        external = show.get("external_ids") if isinstance(show.get("external_ids"), Mapping) else {}
        assert isinstance(external, Mapping)
        tvdb = external.get("tvdb_id")
        poster = _text(show.get("poster_path"))
        networks = _names(show.get("networks"), "name")
        return Listing(
            source=self.name, title=candidate.title,
            ids=ExternalIds(tmdb=candidate.id, imdb=_text(external.get("imdb_id")),
                            thetvdb=tvdb if isinstance(tvdb, int) else None),
            url=f"https://www.themoviedb.org/tv/{candidate.id}",
            poster=f"{TMDB_IMAGES}/w342{poster}" if poster else None,
            poster_original=f"{TMDB_IMAGES}/original{poster}" if poster else None,
            official_site=_https(show.get("homepage")), network=networks[0] if networks else None,
            premiered=candidate.premiered, genres=_names(show.get("genres"), "name"), language=candidate.language,
            status=_text(show.get("status")), summary=plain_summary(show.get("overview")))


def combine(primary: Listing, other: Listing) -> Listing:
    """Fill what the primary listing lacks (ids, poster, site, dates) from the other database's."""
    ids = primary.ids
    merged = ExternalIds(tvmaze=ids.tvmaze or other.ids.tvmaze, tmdb=ids.tmdb or other.ids.tmdb,
                         imdb=ids.imdb or other.ids.imdb, thetvdb=ids.thetvdb or other.ids.thetvdb)
    return Listing(
        source=primary.source, title=primary.title, ids=merged, url=primary.url,
        poster=primary.poster or other.poster, poster_original=primary.poster_original or other.poster_original,
        official_site=primary.official_site or other.official_site, network=primary.network or other.network,
        web_channel=primary.web_channel or other.web_channel, premiered=primary.premiered or other.premiered,
        genres=primary.genres or other.genres, language=primary.language or other.language,
        status=primary.status or other.status, summary=primary.summary or other.summary, score=primary.score,
        evidence=primary.evidence, conflicts=primary.conflicts, matched_at=primary.matched_at)

