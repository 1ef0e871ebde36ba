"""/healthz and /metrics report feeds, deliveries, the last poll and platform connections."""

from typing import Any

import aiohttp

from bot.destinations import CONSOLE
from bot.health import serve
from tests.fakes.feed_server import FeedServer, rss


async def test_health_and_metrics(services: Any, feed_server: FeedServer) -> None:
    url = feed_server.set("/feed", rss([{"title": "x", "guid": "1"}]))
    feed, _ = await services.store.add_feed(url, now=services.clock())
    await services.store.add_subscription(feed.id, CONSOLE, now=services.clock())
    await services.store.add_feed(feed_server.url("/missing"), now=services.clock())
    await services.poller.poll_due(every=True)
    connected = {"up": True}
    services.health.connections["discord"] = lambda: connected["up"]
    runner, port = await serve(services.health, "127.0.0.1", 0)
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                body = await response.json()
                assert response.status == 200
            assert body["feeds"]["ok"] == 1 and body["feeds"]["error"] == 1
            assert body["last_successful_poll"] is not None and body["platforms"] == {"discord": True}
            async with session.get(f"http://127.0.0.1:{port}/metrics") as response:
                text = await response.text()
            assert 'seriesbot_feeds{state="error"} 1.0' in text
            assert 'seriesbot_platform_connected{platform="discord"} 1.0' in text
            assert "seriesbot_last_successful_poll_timestamp_seconds" in text
            connected["up"] = False
            async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                assert response.status == 503
    finally:
        await runner.cleanup()
