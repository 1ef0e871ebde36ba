"""Fetch URLs politely and safely: conditional GET, caps, limits, SSRF guard, one fetch per URL."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

import aiohttp
from yarl import URL

from bot.config import FetchSettings
from bot.feeds.netguard import GuardedResolver, UrlRefused, check_target

log = logging.getLogger(__name__)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

class FetchError(Exception):
    """The URL could not be fetched; the message says why in words an admin understands."""

@dataclass(frozen=True, slots=True)
class FetchResult:
    """What came back: the body (empty when not modified) and the validators for next time."""

    url: str
    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """Tell whether the server answered 304."""
        return self.status == 304

class Fetcher:
    """An aiohttp session with the bot's limits; share one per process."""

    def __init__(self, settings: FetchSettings, *, global_limit: int = 16, per_host: int = 2) -> None:
        self._settings = settings
        self._global = asyncio.Semaphore(global_limit)
        self._per_host_limit = per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._in_flight: dict[tuple[str, str | None, str | None], asyncio.Future[FetchResult]] = {}
        self._session: aiohttp.ClientSession | None = None

    @property
    def allow_private(self) -> bool:
        """Tell whether private addresses are allowed by the operator."""
        return self._settings.allow_private_networks

    @property
    def allow_hosts(self) -> frozenset[str]:
        """Return the hosts (or host:port pairs) the operator trusts even on private addresses."""
        return frozenset(self._settings.allow_hosts)

    def check(self, url: str) -> str:
        """Return the URL when the guard lets it through, else raise UrlRefused."""
        return check_target(url, allow_private=self.allow_private, allow_hosts=self.allow_hosts)

    async def __aenter__(self) -> Fetcher:
        resolver = None if self._settings.allow_private_networks else GuardedResolver(
            allow_hosts=self.allow_hosts)
        connector = aiohttp.TCPConnector(resolver=resolver, limit=0, ttl_dns_cache=300)
        self._session = aiohttp.ClientSession(
            connector=connector,
            headers={"User-Agent": self._settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=aiohttp.ClientTimeout(total=self._settings.timeout, sock_connect=10),
            auto_decompress=True,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                    accept: str = "application/rss+xml, application/atom+xml, application/feed+json, "
                    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5") -> FetchResult:
        """Fetch url once even when several callers ask for it at the same time."""
        key = (url, etag, last_modified)
        running = self._in_flight.get(key)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[FetchResult] = asyncio.get_running_loop().create_future()
        self._in_flight[key] = future
        try:
            result = await self._fetch_limited(url, etag, last_modified, accept)
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # Mark retrieved: a lone caller must not leave a warning behind.
            raise
        else:
            future.set_result(result)
            return result
        finally:
            del self._in_flight[key]

    async def _fetch_limited(self, url: str, etag: str | None, last_modified: str | None,
                             accept: str) -> FetchResult:
        host = URL(url).host or ""
        host_limit = self._hosts.setdefault(host, asyncio.Semaphore(self._per_host_limit))
        async with self._global, host_limit:
            try:
                return await self._follow(url, etag, last_modified, accept)
            except TimeoutError:
                raise FetchError(f"timed out after {self._settings.timeout:g} s") from None
            except aiohttp.TooManyRedirects:
                raise FetchError("too many redirects") from None
            except aiohttp.ClientConnectorError as error:
                raise FetchError(_connect_reason(error)) from None
            except aiohttp.ClientPayloadError as error:
                raise FetchError(f"the response body is corrupt ({error})") from None
            except aiohttp.ClientError as error:
                raise FetchError(f"connection failed ({type(error).__name__}: {error})") from None

    async def _follow(self, url: str, etag: str | None, last_modified: str | None, accept: str) -> FetchResult:
        session = self._session
        if session is None:
            raise RuntimeError("Fetcher used outside 'async with'")
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self._settings.max_redirects + 1):
            try:
                self.check(current)
            except UrlRefused as refused:
                raise FetchError(f"refused {current}: {refused}") from None
            async with session.get(current, headers=headers, allow_redirects=False) as response:
                if response.status in _REDIRECTS and "Location" in response.headers:
                    current = str(response.url.join(URL(response.headers["Location"])))
                    continue
                return await self._read(current, response)
        raise FetchError(f"more than {self._settings.max_redirects} redirects")

    async def _read(self, url: str, response: aiohttp.ClientResponse) -> FetchResult:
        headers = {key: value for key, value in response.headers.items()}
        if response.status == 304:
            return FetchResult(url, 304, b"", headers, response.headers.get("ETag"),
                               response.headers.get("Last-Modified"))
        if response.status >= 400:
            raise FetchError(f"the server answered HTTP {response.status} {response.reason or ''}".strip())
        limit = self._settings.max_body
        declared = response.content_length
        if declared is not None and declared > limit:
            raise FetchError(f"the body is larger than the {limit} byte limit ({declared} bytes declared)")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.content.iter_chunked(64 * 1024):
            size += len(chunk)
            if size > limit:
                raise FetchError(f"the body is larger than the {limit} byte limit")
            chunks.append(chunk)
        return FetchResult(url, response.status, b"".join(chunks), headers,
                           response.headers.get("ETag"), response.headers.get("Last-Modified"))

def _connect_reason(error: aiohttp.ClientConnectorError) -> str:
    inner = error.os_error
    text = str(inner) if inner else str(error)
    if "refused:" in text:
        return text[text.index("refused:"):]
    return f"cannot connect to {error.host}:{error.port} ({text})"

FetchFunction = Callable[..., Awaitable[FetchResult]]
