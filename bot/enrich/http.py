"""A small JSON client for the show databases: rate limit, 429 backoff, timeouts, a conditional-GET cache."""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp

from bot.store.ratelimit import Budget

log = logging.getLogger(__name__)
MAX_BODY = 4 * 1024 * 1024
MAX_RETRY_AFTER = 60.0
DEFAULT_FRESH = 3600.0


class ApiError(Exception):
    """A show database could not answer (timeout, rate limit, server error, bad body)."""


@dataclass(frozen=True, slots=True)
class ApiRate:
    """How fast an API may be called from one IP: the budget's name, its refill per second and its burst."""

    name: str
    per_second: float
    burst: float


class RateLimiter:
    """Draw each request from a rate budget (one for every process on PostgreSQL); hold all back after a 429."""

    def __init__(self, budget: Budget, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._budget = budget
        self._clock = clock
        self._paused_until = 0.0

    def pause(self, seconds: float) -> None:
        """Hold every request back for a while (the server asked us to)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    async def acquire(self) -> None:
        """Wait until the budget has room for one more request."""
        # The token is taken after a pause, not before it: taken before, the requests held back by the pause
        # would all go out at its end on top of what the bucket refilled meanwhile.
        if (paused := self._paused_until - self._clock()) > 0:
            await asyncio.sleep(paused)
        await asyncio.sleep(await self._budget.reserve())


@dataclass(slots=True)
class _Cached:
    body: Any
    etag: str | None
    last_modified: str | None
    fresh_until: float


def retry_after_seconds(value: str | None, now: float | None = None) -> float:
    """Return how long a Retry-After header asks to wait (seconds or an HTTP date), capped."""
    if not value:
        return 1.0
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return 1.0
        seconds = moment.timestamp() - (time.time() if now is None else now)
    return min(MAX_RETRY_AFTER, max(0.0, seconds))


def _max_age(cache_control: str | None) -> float | None:
    for part in (cache_control or "").split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() == "no-store":
            return 0.0
        if name.lower() == "max-age" and value.strip().isdigit():
            return float(value.strip())
    return None


class JsonClient:
    """GET JSON from one API, politely: within its rate limit, retrying 429s, with a bounded cache."""

    def __init__(self, session: aiohttp.ClientSession, base: str, *, name: str, limiter: RateLimiter,
                 timeout: float, headers: Mapping[str, str] | None = None, params: Mapping[str, str] | None = None,
                 retries: int = 2, cache_size: int = 512, clock: Callable[[], float] = time.monotonic) -> None:
        self.name = name
        self._session = session
        self._base = base.rstrip("/")
        self._limiter = limiter
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._headers = dict(headers or {})
        self._params = dict(params or {})
        self._retries = retries
        self._cache: OrderedDict[str, _Cached] = OrderedDict()
        self._cache_size = cache_size
        self._clock = clock
        self.requests = 0

    async def get(self, path: str, params: Mapping[str, str] | None = None) -> Any | None:
        """Return the decoded JSON of a GET, None for 404; raise ApiError when the API cannot answer."""
        query = {**self._params, **(params or {})}
        url = f"{self._base}/{path.lstrip('/')}" + (f"?{urlencode(sorted(query.items()))}" if query else "")
        cached = self._cache.get(url)
        if cached is not None and cached.fresh_until > self._clock():
            self._cache.move_to_end(url)
            return cached.body
        headers = dict(self._headers)
        if cached is not None and cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached is not None and cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
        for attempt in range(self._retries + 1):
            await self._limiter.acquire()
            self.requests += 1
            try:
                async with self._session.get(url, headers=headers, timeout=self._timeout) as response:
                    if response.status == 429 and attempt < self._retries:
                        wait = retry_after_seconds(response.headers.get("Retry-After"))
                        log.info("%s asked to slow down; waiting %.1f s", self.name, wait)
                        self._limiter.pause(wait)
                        continue
                    return await self._handle(url, response, cached)
            except TimeoutError:
                raise ApiError(f"{self.name} did not answer within {self._timeout.total:.0f} s") from None
            except aiohttp.ClientError as error:
                raise ApiError(f"{self.name} could not be reached: {type(error).__name__}: {error}") from None
        raise ApiError(f"{self.name} kept answering 429 Too Many Requests")

    async def _handle(self, url: str, response: aiohttp.ClientResponse, cached: _Cached | None) -> Any | None:
        if response.status == 304 and cached is not None:
            cached.fresh_until = self._clock() + self._freshness(response)
            self._cache.move_to_end(url)
            return cached.body
        if response.status == 404:
            return None
        if response.status == 429:
            raise ApiError(f"{self.name} kept answering 429 Too Many Requests")
        if response.status >= 400:
            raise ApiError(f"{self.name} answered HTTP {response.status}")
        raw = await response.content.read(MAX_BODY + 1)
        if len(raw) > MAX_BODY:
            raise ApiError(f"{self.name} sent more than {MAX_BODY} bytes")
        try:
            body = json.loads(raw)
        except ValueError:
            raise ApiError(f"{self.name} sent a body that is not JSON") from None
        self._remember(url, body, response)
        return body

    def _freshness(self, response: aiohttp.ClientResponse) -> float:
        age = _max_age(response.headers.get("Cache-Control"))
        return DEFAULT_FRESH if age is None else age

    def _remember(self, url: str, body: Any, response: aiohttp.ClientResponse) -> None:
        fresh = self._freshness(response)
        etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
        if fresh <= 0 and not (etag or modified):
            return
        self._cache[url] = _Cached(body, etag, modified, self._clock() + fresh)
        self._cache.move_to_end(url)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
