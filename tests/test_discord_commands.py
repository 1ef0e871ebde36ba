"""Slash commands through the fake Discord: /feeds management, /feeds test, /upcoming, /latest, bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.model import SeriesFacts, Status
from bot.replies import Reply
from tests.fakes.feed_server import FeedServer, rss
from tests.test_discord_e2e import (
    ADMIN,
    CHANNEL,
    EPHEMERAL,
    GUILD,
    MEMBER,
    ORDER,
    Bot,
    learn,
    subscribe,
)

pytest_plugins = ("tests.test_discord_e2e",)  # its fake and bot fixtures


async def test_feeds_list_autocomplete_pause_resume_remove(bot: Bot) -> None:
    services, fake = bot.services, bot.fake
    feed_id, sub_id = await subscribe(services)

    inter = await fake.slash_command(GUILD, CHANNEL, ADMIN, "feeds", {}, subcommand="list")
    body = await fake.wait_callback(inter)
    assert body["data"]["flags"] == EPHEMERAL
    (field,) = body["data"]["embeds"][0]["fields"]
    assert field["name"] == f"#{feed_id} https://feed.test/rss" and f"<#{CHANNEL}>" in field["value"]

    inter = await fake.autocomplete(GUILD, CHANNEL, ADMIN, "feeds", {"feed": "feed.te"}, focused="feed",
                                    subcommand="pause")
    choices = (await fake.wait_callback(inter))["data"]["choices"]
    assert choices == [{"name": f"#{feed_id} https://feed.test/rss", "value": str(feed_id)}]
    inter = await fake.autocomplete(GUILD, CHANNEL, MEMBER, "feeds", {"feed": ""}, focused="feed",
                                    subcommand="pause")
    assert (await fake.wait_callback(inter))["data"]["choices"] == []  # non-admins learn nothing

    for action, paused in (("pause", f"paused by {ADMIN}"), ("resume", None)):
        inter = await fake.slash_command(GUILD, CHANNEL, ADMIN, "feeds", {"feed": str(feed_id)}, subcommand=action)
        body = await fake.wait_callback(inter)
        assert body["data"]["flags"] == EPHEMERAL and "https://feed.test/rss" in body["data"]["content"]
        (sub,) = await services.store.list_subscriptions(ids=[sub_id])
        assert sub.paused_reason == paused

    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "feeds", {"feed": str(feed_id)}, subcommand="remove")
    assert "Manage Server" in (await fake.wait_callback(inter))["data"]["content"]
    assert await services.store.list_subscriptions(ids=[sub_id])
    inter = await fake.slash_command(GUILD, CHANNEL, ADMIN, "feeds", {"feed": str(feed_id)}, subcommand="remove")
    assert (await fake.wait_callback(inter))["data"]["content"].startswith("Removed")
    assert await services.store.list_subscriptions() == []


async def test_feeds_test_shows_what_would_be_posted_and_posts_nothing(bot: Bot, feed_server: FeedServer) -> None:
    services, fake = bot.services, bot.fake
    url = feed_server.set("/kdrama", rss([ORDER]))
    inter = await fake.slash_command(GUILD, CHANNEL, ADMIN, "feeds", {"url": url}, subcommand="test")
    assert (await fake.wait_callback(inter)) == {"type": 5, "data": {"flags": EPHEMERAL}}
    reply = await fake.wait_followup(inter)
    head, *cards = reply["embeds"]
    assert head["title"] == "Feed test" and "Nothing was posted" in head["description"]
    assert [card["title"] for card in cards] == ["Moonlit Bakery"]
    assert fake.messages(CHANNEL) == []
    assert await services.store.list_feeds() == []


async def test_upcoming_and_latest(bot: Bot) -> None:
    services, fake = bot.services, bot.fake
    feed_id, _ = await subscribe(services)
    soon = services.clock().date() + timedelta(days=10)
    facts = SeriesFacts(title="Spring Tide", platform="tvN", status=Status.PREMIERE_DATE, premiere_date=soon)
    await learn(services, feed_id, facts, "tvN sets a date for “Spring Tide”", "spring-tide")

    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "upcoming", {"platform": "tvN", "days": 30})
    embed = (await fake.wait_callback(inter))["data"]["embeds"][0]
    assert embed["title"] == "Premieres in the next 30 days on tvN"
    assert "**Spring Tide** (tvN)" in embed["description"] and "<t:" in embed["description"]

    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "latest", {"count": 3})
    embed = (await fake.wait_callback(inter))["data"]["embeds"][0]
    assert "[tvN sets a date for “Spring Tide”](https://news.test/spring-tide)" in embed["description"]


async def test_bad_member_input_gets_a_clear_ephemeral_answer(bot: Bot) -> None:
    fake = bot.fake
    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "series", {"title": "Soul\u202eMate"})
    body = await fake.wait_callback(inter)
    assert body["data"]["flags"] == EPHEMERAL and "bidirectional" in body["data"]["content"]
    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "series", {"title": "Nothing Like This"})
    body = await fake.wait_callback(inter)
    assert body["data"]["flags"] == EPHEMERAL and "I know no series called" in body["data"]["content"]


async def test_a_crashing_handler_is_logged_and_the_member_told(bot: Bot, monkeypatch: pytest.MonkeyPatch,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    async def broken(count: int = 5) -> Reply:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(bot.services.commands, "latest", broken)
    inter = await bot.fake.slash_command(GUILD, CHANNEL, MEMBER, "latest", {})
    body = await bot.fake.wait_callback(inter)
    assert body["data"]["flags"] == EPHEMERAL and "Something went wrong" in body["data"]["content"]
    assert "/latest failed" in caplog.text and "database on fire" in caplog.text
