"""Feeds listed in the config file are declarative: `run` and `poll` sync them, nothing else changes them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.app import bootstrap, sync_config_feeds
from bot.commands import Actor
from bot.destinations import Destination, Platform
from bot.filters import Filters
from bot.replies import Message
from tests.conftest import make_settings
from tests.fakes.feed_server import FeedServer, rss
from tests.test_cli import acli, config_file

GUILD = "222000000000000001"
CHANNEL = "222000000000000010"


def feed_entry(url: str, interval: str = "10m") -> str:
    return f'[[feeds]]\nname = "Starter"\nurl = "{url}"\ninterval = "{interval}"\n'


async def listed(config: Path) -> list[dict[str, Any]]:
    result = await acli("feeds", "list", "--json", config=config)
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


@pytest.mark.slow
async def test_a_config_feed_cannot_be_removed_by_command_and_follows_the_file(tmp_path: Path,
                                                                              feed_server: FeedServer) -> None:
    url = feed_server.set("/feed", rss([{"title": "x", "guid": "1"}]))
    config = config_file(tmp_path, feed_entry(url))
    assert await listed(config) == []  # listing does not sync: only run and poll do

    assert (await acli("poll", "--once", config=config)).returncode == 0
    (feed,) = await listed(config)
    assert (feed["url"], feed["name"], feed["interval_seconds"], feed["destinations"]) == (
        url, "Starter", 600, ["console"])

    refused = await acli("feeds", "remove", str(feed["id"]), config=config)
    assert refused.returncode == 1
    assert f"is listed in {config}" in " ".join(refused.stdout.split())
    assert [row["id"] for row in await listed(config)] == [feed["id"]]
    interval = await acli("feeds", "add", url, "--interval", "5m", config=config)
    assert interval.returncode == 1 and "change its interval there" in " ".join(interval.stdout.split())

    config.write_text(config.read_text(encoding="utf-8").replace('interval = "10m"', 'interval = "30m"'),
                      encoding="utf-8")
    assert (await acli("poll", "--once", config=config)).returncode == 0
    (feed,) = await listed(config)
    assert feed["interval_seconds"] == 1800

    config.write_text(config.read_text(encoding="utf-8").split("[[feeds]]")[0], encoding="utf-8")
    assert (await acli("poll", "--once", config=config)).returncode == 0
    assert await listed(config) == []


async def test_the_file_rules_only_its_own_routes(tmp_path: Path, feed_server: FeedServer) -> None:
    url = feed_server.set("/feed", rss([{"title": "x", "guid": "1"}]))
    other = feed_server.set("/other", rss([{"title": "y", "guid": "2"}]))
    discord = Destination(Platform.DISCORD, CHANNEL, GUILD)
    configured = make_settings(tmp_path / "bot.db", feeds=[{"url": url, "to": [f"discord:{CHANNEL}"]}])
    admin = Actor("U1", GUILD, is_admin=True)
    async with bootstrap(configured) as services:
        await sync_config_feeds(services)
        (config_sub,) = await services.store.list_subscriptions()
        assert config_sub.created_by == "config"
        refused = await services.commands.feeds_add(admin, url, discord, filters=Filters(kinds=("anime",)))
        assert isinstance(refused, Message) and not refused.ok and "the bot's operator set that up" in refused.text
        added = await services.commands.feeds_add(admin, other, discord)
        assert isinstance(added, Message) and added.ok
        assert [(sub.created_by, sub.filters) for sub in await services.store.list_subscriptions()] == [
            ("config", Filters()), ("U1", Filters())]

    unlisted = make_settings(tmp_path / "bot.db")
    async with bootstrap(unlisted) as services:
        assert len(await services.store.list_feeds()) == 2  # opening the store changes nothing
        await sync_config_feeds(services)  # the file's feed goes; the admin's stays
        assert [feed.url for feed in await services.store.list_feeds()] == [other]
