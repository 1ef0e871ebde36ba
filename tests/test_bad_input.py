"""Bad input to admin commands gets a clear refusal and changes nothing; feeds that misbehave are contained."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from bot.commands import OPERATOR, Actor
from bot.destinations import CONSOLE
from bot.replies import Message, SeriesCard
from tests.conftest import make_settings
from tests.fakes.feed_server import FeedServer, rss
from tests.test_cli import acli, config_file

HOSTILE_URLS = [
    ("not a url", "only http and https"),
    ("file:///etc/passwd", "only http and https"),
    ("ftp://example.com/feed.xml", "only http and https"),
    ("gopher://example.com/", "only http and https"),
    ("javascript:alert(1)", "only http and https"),
    ("http://127.0.0.1/feed", "private, loopback"),
    ("http://169.254.169.254/latest/meta-data/", "private, loopback"),
    ("http://[::1]/feed", "private, loopback"),
    ("http://0.0.0.0/feed", "private, loopback"),
    ("http://2130706433/feed", "numeric host"),
    ("http://[::ffff:127.0.0.1]/feed", "private, loopback"),
    ("http://localhost/feed", "resolves to"),
    ("https://" + "a" * 3000 + ".example/", "longer than"),
    ("https://exa\u202emple.com/rss", "bidirectional"),
    ("https://example.com/\x07rss", "control"),
]


@pytest.fixture
def guarded(tmp_path: Path) -> Any:
    return make_settings(tmp_path / "guarded.db", fetch={"allow_private_networks": False})


@pytest.mark.parametrize(("url", "reason"), HOSTILE_URLS)
async def test_feeds_add_refuses_hostile_urls_and_stores_nothing(guarded: Any, url: str, reason: str) -> None:
    from bot.app import bootstrap

    async with bootstrap(guarded) as services:
        reply = await services.commands.feeds_add(OPERATOR, url, CONSOLE)
        assert isinstance(reply, Message) and not reply.ok
        assert reason in reply.text
        assert await services.store.list_feeds() == []
        assert await services.store.list_subscriptions() == []


async def test_non_admins_are_refused_everything(services: Any, feed_server: FeedServer) -> None:
    url = feed_server.set("/feed", rss([{"title": "x", "guid": "1"}]))
    member = Actor("U1", "T1", is_admin=False)
    for reply in (await services.commands.feeds_add(member, url, CONSOLE), await services.commands.feeds_list(member),
                  await services.commands.feeds_remove(member, "1"), await services.commands.feeds_test(member, url),
                  await services.commands.feeds_pause(member, "1", paused=True)):
        assert isinstance(reply, Message) and not reply.ok and "admin" in reply.text
    assert await services.store.list_feeds() == []


async def test_pages_that_are_not_feeds_are_refused_with_the_reason(services: Any, feed_server: FeedServer) -> None:
    cases = {
        "/html": ("<!doctype html><html><body>hi</body></html>", "text/html", "HTML page"),
        "/empty": ("", "application/rss+xml", "empty"),
        "/json": ('{"a": 1}', "application/json", "not a JSON Feed"),
        "/missing": None,
    }
    for path, spec in cases.items():
        if spec is not None:
            feed_server.set(path, spec[0], content_type=spec[1])
        reply = await services.commands.feeds_add(OPERATOR, feed_server.url(path), CONSOLE)
        assert isinstance(reply, Message) and not reply.ok
        expected = spec[2] if spec else "HTTP 404"
        assert expected in reply.text, reply.text
    assert await services.store.list_feeds() == []


async def test_series_queries_are_cleaned_and_bounded(services: Any) -> None:
    from bot.commands import MAX_QUERY
    from tests.test_discord_e2e import learn, soul_mate, subscribe

    ask = "Give a title to look up, for example: /series Soul Mate"
    for empty in ("", "   ", "\u202e\u2066", "\x00\x07\t"):
        assert await services.commands.series(empty) == Message(ask, ok=False)
    unknown = await services.commands.series("x" * 10_000)
    assert unknown == Message(f"I know no series called “{'x' * MAX_QUERY}” yet. Try /latest to see what is new.",
                              ok=False)
    feed_id, _ = await subscribe(services)
    await learn(services, feed_id, soul_mate(), "Netflix Confirms “Soul Mate”", "soul-mate")
    before = await services.store.series_titles()
    # Control and bidirectional characters and runs of spaces are dropped before the lookup, not matched.
    found = await services.commands.series("\u202eSoul\x07   Mate\u2066\n")
    assert isinstance(found, SeriesCard) and found.series.title == "Soul Mate"
    hostile = await services.commands.series("@everyone <!channel> `code`")
    assert hostile == Message("I know no series called “@everyone <!channel> `code`” yet. Try /latest to see what is "
                              "new.", ok=False)  # the platform renderers escape it (test_*_e2e)
    assert await services.store.series_titles() == before  # a lookup never writes


async def test_feed_quirks_are_handled(services: Any, feed_server: FeedServer) -> None:
    good = rss([{"title": "Netflix Orders Drama Series “Moonlit Bakery”", "guid": "1"}])
    quirks = {
        "/wrong-type": dict(body=good, content_type="text/html"),
        "/bad-utf8": dict(body=good.encode() .replace(b"Bakery", b"Bak\xffery"), content_type="application/xml"),
        "/gzip": dict(body=good, gzip=True),
    }
    for path, options in quirks.items():
        feed_server.set(path, **options)
        feed, _ = await services.store.add_feed(feed_server.url(path), now=services.clock())
        await services.store.add_subscription(feed.id, CONSOLE, now=services.clock())
    summary = await services.poller.poll_due(every=True)
    assert (summary.polled, summary.failed, summary.new_entries) == (3, 0, 3)


@pytest.mark.slow
async def test_concurrent_cli_use_of_one_sqlite_file_loses_nothing(tmp_path: Path, feed_server: FeedServer) -> None:
    config = config_file(tmp_path)
    urls = [feed_server.set(f"/feed-{n}", rss([{"title": f"Item {n}", "guid": str(n)}])) for n in range(6)]
    results = await asyncio.gather(*(acli("feeds", "add", url, config=config) for url in urls),
                                   acli("poll", "--once", "--all", config=config))
    assert all(result.returncode == 0 for result in results), [r.stdout + r.stderr for r in results]
    listed = json.loads((await acli("feeds", "list", "--json", config=config)).stdout)
    assert sorted(feed["url"] for feed in listed) == sorted(urls)
