"""The enricher: its own queue and worker, so looking series up in TVmaze and TMDB never delays a post."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from types import TracebackType

import aiohttp

from bot.config import EnrichSettings
from bot.enrich.http import ApiError, ApiRate, JsonClient, RateLimiter
from bot.enrich.matching import Candidate, Decision, Scored, decide, platform_key, rank, title_similarity
from bot.enrich.sources import ShowDatabase, Tmdb, TvMaze, combine
from bot.kb.merge import format_date
from bot.model import Conflict, Listing, Series, Status
from bot.names import fold, person_key, title_key
from bot.store.enrichment import EnrichmentRecord, get_enrichment, put_listing, save_enrichment, series_due
from bot.store.store import Store

log = logging.getLogger(__name__)
QUEUE_SIZE = 1000
SHORTLIST = 3
LOOKUP_RESULTS = 3
LOOKUP_SIMILARITY = 0.9
RETRY_UNMATCHED = 12 * 3600.0
SWEEP_BATCH = 200
# A token bucket lets out at most its burst plus its rate × the window: 4 + 1.5 × 10 = 19 calls in any 10 s,
# one under TVmaze's 20 per IP. On PostgreSQL every process draws from the same bucket, as they share the IP.
TVMAZE_RATE = ApiRate("enrich:tvmaze", per_second=1.5, burst=4)
# TMDB allows about 50 a second: 20 + 20 × 1 = 40 in any second.
TMDB_RATE = ApiRate("enrich:tmdb", per_second=20.0, burst=20)
_ENDED = {"ended", "canceled", "cancelled"}
_RUNNING = {"running", "returning series"}


@dataclass(frozen=True, slots=True)
class Lookup:
    """Entries a show database has for a title the knowledge base does not know."""

    source: str
    listings: tuple[Listing, ...]


def basis(series: Series) -> str:
    """Return a fingerprint of the facts matching uses; when it changes, the match is redone."""
    parts = sorted(title_key(t) for t in (series.title, *series.aliases) if t)
    parts += sorted(platform_key(p) for p in series.platforms) + sorted(fold(c) for c in series.countries)
    parts += [series.premiere_date.isoformat() if series.premiere_date else ""]
    parts += sorted(person_key(m.name) for m in series.cast) + sorted(person_key(c.name) for c in series.creators)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def conflicts(series: Series, listing: Listing) -> tuple[Conflict, ...]:
    """Return where the news and the database disagree; the news, sourced and newer, is what is shown."""
    found: list[Conflict] = []
    source = series.sources[-1] if series.sources else None
    where = f" ({source.name or source.url or 'the news'}" if source else " (the news"
    where += f", {source.published.date().isoformat()})" if source and source.published else ")"
    if series.premiere_date and listing.premiered != series.premiere_date:
        database = format_date(listing.premiered) if listing.premiered else "TBA"
        found.append(Conflict("premiere", format_date(series.premiere_date) + where, database, "news"))
    status = fold(listing.status or "")
    if series.status is Status.CANCELLED and status in _RUNNING:
        found.append(Conflict("status", "cancelled" + where, listing.status or "", "news"))
    if series.status is Status.RENEWED and status in _ENDED:
        found.append(Conflict("status", "renewed" + where, listing.status or "", "news"))
    return tuple(found)


class Enricher:
    """Match knowledge-base series to TVmaze (and TMDB with a key) beside the pipeline, and answer lookups."""

    def __init__(self, store: Store, settings: EnrichSettings, *, tvmaze: bool, tmdb_key: str | None,
                 user_agent: str, clock: Callable[[], datetime], tvmaze_rate: ApiRate = TVMAZE_RATE) -> None:
        self._store = store
        self._tvmaze_rate = tvmaze_rate
        self._settings = settings
        self._use_tvmaze = tvmaze
        self._tmdb_key = tmdb_key
        self._user_agent = user_agent
        self._clock = clock
        self._queue: asyncio.Queue[int] = asyncio.Queue(QUEUE_SIZE)
        self._queued: set[int] = set()
        self._session: aiohttp.ClientSession | None = None
        self.databases: list[ShowDatabase] = []
        self.tvmaze: TvMaze | None = None
        self.tmdb: Tmdb | None = None

    async def __aenter__(self) -> Enricher:
        """Open the HTTP session (no request is made until there is work)."""
        self._session = aiohttp.ClientSession(headers={"User-Agent": self._user_agent, "Accept": "application/json"})
        timeout = self._settings.timeout
        if self._use_tvmaze:
            self.tvmaze = TvMaze(JsonClient(self._session, self._settings.tvmaze_api_base, name="TVmaze",
                                            limiter=self._limiter(self._tvmaze_rate), timeout=timeout))
            self.databases.append(self.tvmaze)
        if self._tmdb_key:
            # A v4 read access token is a JWT and goes in the header; a v3 API key goes in the query.
            bearer = self._tmdb_key.startswith("eyJ")
            self.tmdb = Tmdb(JsonClient(
                self._session, self._settings.tmdb_api_base, name="TMDB",
                limiter=self._limiter(TMDB_RATE), timeout=timeout,
                headers={"Authorization": f"Bearer {self._tmdb_key}"} if bearer else None,
                params=None if bearer else {"api_key": self._tmdb_key}))
            self.databases.append(self.tmdb)
        return self

    def _limiter(self, rate: ApiRate) -> RateLimiter:
        return RateLimiter(self._store.rate_budget(rate.name, rate.per_second, rate.burst))

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()

    # The queue

    def submit(self, series_ids: Iterable[int]) -> None:
        """Queue series for enrichment without waiting; when the queue is full the sweep catches up later."""
        for series_id in series_ids:
            if series_id in self._queued:
                continue
            try:
                self._queue.put_nowait(series_id)
            except asyncio.QueueFull:
                log.debug("enrichment queue full; series %d waits for the next sweep", series_id)
                return
            self._queued.add(series_id)

    async def run(self) -> None:
        """Work through the queue until cancelled."""
        while True:
            series_id = await self._queue.get()
            self._queued.discard(series_id)
            await self._enrich_logged(series_id)

    @property
    def pending(self) -> int:
        """Return how many series wait in the queue."""
        return self._queue.qsize()

    async def drain(self, within: float | None = None) -> list[EnrichmentRecord]:
        """Enrich everything queued now, for at most `within` seconds, and return the outcomes.

        A series cut off by the time limit goes back in the queue: `pending` counts what is left.
        """
        done = []
        series_id: int | None = None
        try:
            async with asyncio.timeout(within):
                while not self._queue.empty():
                    series_id = self._queue.get_nowait()
                    self._queued.discard(series_id)
                    if (record := await self._enrich_logged(series_id)) is not None:
                        done.append(record)
                    series_id = None
        except TimeoutError:
            if series_id is not None:
                self.submit([series_id])
        return done

    async def sweep(self) -> None:
        """Queue series never enriched, or due to be looked at again."""
        now = self._clock()
        due = await series_due(self._store, stale_before=now - timedelta(seconds=self._settings.refresh),
                               retry_before=now - timedelta(seconds=min(self._settings.refresh, RETRY_UNMATCHED)),
                               limit=SWEEP_BATCH)
        self.submit(due)

    async def _enrich_logged(self, series_id: int) -> EnrichmentRecord | None:
        try:
            return await self.enrich(series_id)
        except Exception:
            log.exception("enriching series %d failed", series_id)
            return None

    # Matching

    async def enrich(self, series_id: int, *, force: bool = False) -> EnrichmentRecord | None:
        """Match one series (unless its last match is recent and its facts unchanged) and store the outcome."""
        series = await self._store.get_series(series_id)
        if series is None or not self.databases:
            return None
        now = self._clock()
        fingerprint = basis(series)
        previous = await get_enrichment(self._store, series_id)
        if not force and previous is not None and previous.basis == fingerprint and self._fresh(previous, now):
            if previous.state == "matched" and previous.listing != series.listing:
                # A merge of news written at the same moment dropped the listing: put it back, no request needed.
                await put_listing(self._store, series_id, previous.listing)
            return previous
        record = await self._match(series, fingerprint, now)
        await save_enrichment(self._store, record)
        log.info("enrichment of %s: %s (%s)", series.display_title, record.state, record.reason)
        return record

    def _fresh(self, record: EnrichmentRecord, now: datetime) -> bool:
        wait = self._settings.refresh if record.state == "matched" else min(self._settings.refresh, RETRY_UNMATCHED)
        return now - record.checked_at < timedelta(seconds=wait)

    async def _match(self, series: Series, fingerprint: str, now: datetime) -> EnrichmentRecord:
        if not series.title:
            return EnrichmentRecord(series.id or 0, "none", None, None, "untitled: nothing to look up", (), (), None,
                                    fingerprint, now)
        decisions: dict[str, Decision] = {}
        errors: list[str] = []
        for database in self.databases:
            try:
                decisions[database.name] = await self._decide(database, series, now)
            except ApiError as error:
                errors.append(str(error))
                log.warning("enrichment of %s: %s", series.display_title, error)
        listing = await self._listing(series, decisions, now)
        ranked = [s for d in decisions.values() for s in d.ranked[:SHORTLIST]]
        candidates = tuple({"source": s.candidate.source, "id": s.candidate.id, "title": s.candidate.title,
                            "score": s.score, "evidence": list(s.evidence)} for s in ranked)
        reasons = [f"{self._database(name).label}: {d.reason}" for name, d in decisions.items()] + errors
        if listing is not None:
            return EnrichmentRecord(series.id or 0, "matched", listing.source, listing.score, "; ".join(reasons),
                                    listing.evidence, candidates, listing, fingerprint, now)
        states = {d.state for d in decisions.values()}
        state = "ambiguous" if "ambiguous" in states else "error" if errors else "none"
        best = max((s.score for s in ranked), default=None)
        return EnrichmentRecord(series.id or 0, state, None, best, "; ".join(reasons), (), candidates, None,
                                fingerprint, now)

    async def _decide(self, database: ShowDatabase, series: Series, now: datetime) -> Decision:
        """Search by title (then by its first other title), look the closest entries up in full, and decide."""
        decision = Decision("none", None, (), "nothing found")
        queries = list(dict.fromkeys(t for t in (series.title, *series.aliases[:1]) if t))
        for query in queries:
            found = await database.search(query)
            if not found:
                continue
            quick = rank(series, found, today=now.date())
            # The search may have found a show by another name (an English title of a Korean drama):
            # its top entries get a full look even when their main title differs.
            shortlist = list(dict.fromkeys([s.candidate for s in quick[:SHORTLIST]] + found[:2]))[:SHORTLIST]
            detailed: list[Candidate] = [await database.details(candidate) for candidate in shortlist]
            decision = decide(rank(series, detailed, today=now.date()))
            if decision.state != "none":
                return decision
        return decision

    async def _listing(self, series: Series, decisions: dict[str, Decision], now: datetime) -> Listing | None:
        matched: dict[str, Scored] = {name: d.best for name, d in decisions.items() if d.best is not None}
        listings = {name: self._database(name).listing(scored.candidate) for name, scored in matched.items()}
        if "tvmaze" in listings and "tmdb" in listings:
            tv, tm = listings["tvmaze"], listings["tmdb"]
            if tv.ids.imdb and tm.ids.imdb and tv.ids.imdb != tm.ids.imdb:
                log.warning("TVmaze and TMDB matched %s to different shows; keeping TVmaze's", series.display_title)
                del listings["tmdb"]
        if not listings:
            return None
        name = "tvmaze" if "tvmaze" in listings else next(iter(listings))
        scored = matched[name]
        listing = listings[name]
        for other_name, other in listings.items():
            if other_name != name:
                listing = combine(listing, other)
        evidence = tuple(f"{self._database(n).label}: {'; '.join(s.evidence)}" for n, s in matched.items())
        if name == "tmdb" and self.tvmaze is not None and (listing.ids.imdb or listing.ids.thetvdb):
            listing = await self._tvmaze_by_id(listing)
        listing = replace(listing, score=scored.score, evidence=evidence, matched_at=now)
        return replace(listing, conflicts=conflicts(series, listing))

    async def _tvmaze_by_id(self, listing: Listing) -> Listing:
        assert self.tvmaze is not None
        try:
            found = await self.tvmaze.lookup(imdb=listing.ids.imdb, thetvdb=listing.ids.thetvdb)
        except ApiError as error:
            log.info("TVmaze id lookup failed: %s", error)
            return listing
        if found is None:
            return listing
        linked = combine(self.tvmaze.listing(found), listing)
        return replace(linked, source="tvmaze")

    def _database(self, name: str) -> ShowDatabase:
        return next(database for database in self.databases if database.name == name)

    # Lookups for titles the knowledge base does not know

    async def lookup(self, query: str) -> Lookup | None:
        """Return what the first database that knows the title lists for it, within the lookup timeout."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self._settings.lookup_timeout):
                return await self._lookup(query)
        log.info("show database lookup of %r took longer than %.1f s", query[:60], self._settings.lookup_timeout)
        return None

    async def _lookup(self, query: str) -> Lookup | None:
        for database in self.databases:
            try:
                found = await database.search(query)
            except ApiError as error:
                log.info("lookup of %r in %s failed: %s", query[:60], database.label, error)
                continue
            close = [c for c in found if title_similarity([query], [c.title, *c.aliases])[0] >= LOOKUP_SIMILARITY]
            if close:
                return Lookup(database.label, tuple(database.listing(c) for c in close[:LOOKUP_RESULTS]))
        return None

