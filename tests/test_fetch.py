"""Fetching: conditional GET, caps, redirects, the SSRF guard on every hop, one fetch per URL."""

import asyncio
import gzip

import pytest

from bot.config import FetchSettings
from bot.feeds.fetch import Fetcher, FetchError
from tests.fakes.feed_server import FeedServer, rss

FEED = rss([{"title": "One", "guid": "1"}])


def fetcher(**options: object) -> Fetcher:
    values = {"allow_private_networks": True, "timeout": 2.0, **options}
    return Fetcher(FetchSettings.model_validate(values))


async def test_conditional_get_sends_validators_and_handles_304(feed_server: FeedServer) -> None:
    url = feed_server.set("/feed", FEED)
    async with fetcher() as client:
        first = await client.fetch(url)
        assert first.status == 200 and first.etag and first.last_modified
        second = await client.fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.body == b""
    sent = feed_server.hits("/feed")[1]
    assert sent["If-None-Match"] == first.etag
    assert sent["If-Modified-Since"] == first.last_modified
    assert sent["User-Agent"].startswith("seriesbot/")


async def test_gzip_is_decoded_and_a_gzip_bomb_hits_the_cap(feed_server: FeedServer) -> None:
    small = feed_server.set("/gz", FEED, gzip=True)
    bomb = feed_server.set("/bomb", b"<" * (8 * 1024 * 1024), gzip=True)
    async with fetcher(max_body=1024 * 1024) as client:
        assert (await client.fetch(small)).body == FEED.encode()
        with pytest.raises(FetchError, match="larger than"):
            await client.fetch(bomb)
    assert len(gzip.compress(b"<" * 1024)) < 1024


async def test_size_cap_on_plain_bodies(feed_server: FeedServer) -> None:
    url = feed_server.set("/huge", b"x" * (2 * 1024 * 1024))
    async with fetcher(max_body=1024 * 1024) as client:
        with pytest.raises(FetchError, match="larger than the 1048576 byte limit"):
            await client.fetch(url)


async def test_http_errors_and_timeouts_are_clear(feed_server: FeedServer) -> None:
    broken = feed_server.set("/500", "oops", status=500)
    slow = feed_server.set("/slow", FEED, delay=1.5)
    async with fetcher(timeout=0.5) as client:
        with pytest.raises(FetchError, match="HTTP 500"):
            await client.fetch(broken)
        with pytest.raises(FetchError, match="timed out"):
            await client.fetch(slow)
        with pytest.raises(FetchError, match="cannot connect"):
            await client.fetch("http://127.0.0.1:9/closed")


async def test_a_slowloris_server_is_cut_off_by_the_total_timeout(feed_server: FeedServer) -> None:
    url = feed_server.set("/dribble", FEED, dribble=0.05)
    async with fetcher(timeout=1.0) as client:
        with pytest.raises(FetchError, match="timed out after 1 s"):
            await client.fetch(url)


async def test_redirects_are_followed_up_to_the_limit(feed_server: FeedServer) -> None:
    feed_server.set("/final", FEED)
    start = feed_server.set("/r1", location="/r2", status=301)
    feed_server.set("/r2", location="/final", status=302)
    loop = feed_server.set("/loop", location="/loop", status=302)
    async with fetcher(max_redirects=3) as client:
        result = await client.fetch(start)
        assert result.url.endswith("/final") and result.body == FEED.encode()
        with pytest.raises(FetchError, match="more than 3 redirects"):
            await client.fetch(loop)


async def test_guard_refuses_private_targets_and_redirects_to_them(feed_server: FeedServer) -> None:
    trusted = f"127.0.0.1:{feed_server.port}"
    to_metadata = feed_server.set("/to-metadata", location="http://169.254.169.254/latest/", status=302)
    to_loopback_name = feed_server.set("/to-localhost", location=f"http://localhost:{feed_server.port}/feed",
                                       status=302)
    feed_server.set("/feed", FEED)
    async with Fetcher(FetchSettings(allow_hosts=[trusted], timeout=2)) as client:
        assert (await client.fetch(feed_server.url("/feed"))).status == 200
        with pytest.raises(FetchError, match=r"refused http://169\.254\.169\.254"):
            await client.fetch(to_metadata)
        with pytest.raises(FetchError, match="refused: localhost resolves to"):
            await client.fetch(to_loopback_name)
    async with Fetcher(FetchSettings(timeout=2)) as client:
        with pytest.raises(FetchError, match="private, loopback"):
            await client.fetch(feed_server.url("/feed"))
    assert len(feed_server.hits("/feed")) == 1


async def test_one_fetch_per_url_however_many_callers(feed_server: FeedServer) -> None:
    url = feed_server.set("/shared", FEED, delay=0.2)
    async with fetcher() as client:
        results = await asyncio.gather(*(client.fetch(url) for _ in range(5)))
    assert {result.body for result in results} == {FEED.encode()}
    assert len(feed_server.hits("/shared")) == 1
