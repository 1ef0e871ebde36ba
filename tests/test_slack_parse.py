"""Parsing the text of Slack slash commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.filters import Filters
from bot.slack.parse import (
    FeedAdd,
    Usage,
    parse_add,
    parse_latest,
    parse_ref,
    parse_series,
    parse_upcoming,
    split_feeds,
)


def test_feeds_add_with_escaped_link_channel_filters_and_group() -> None:
    text = ('<https://news.test/feed?a=1&amp;b=2|news.test/feed> <#C0NEWS01|news> platforms=Netflix,Disney+ '
            'kinds="Drama,limited series" keywords="slow burn,thriller" mention=<!subteam^S0MODS|@mods>')
    verb, rest = split_feeds(f"add {text}")

    assert verb == "add"
    assert parse_add(rest) == FeedAdd(
        url="https://news.test/feed?a=1&b=2", channel="C0NEWS01",
        filters=Filters(platforms=("Netflix", "Disney+"), kinds=("drama", "limited series"),
                        keywords=("slow burn", "thriller")),
        mention="S0MODS")


def test_feeds_add_defaults_and_quotes() -> None:
    assert parse_add("https://x.test/rss") == FeedAdd("https://x.test/rss", None, None, None)
    added = parse_add("https://x.test/rss countries=“South Korea,Japan” mention=S0MODS123")
    assert added.filters == Filters(countries=("South Korea", "Japan"))
    assert added.mention == "S0MODS123"
    # The core checks the mention (bot.destinations.check_mention) as it does for Discord and the CLI.
    assert parse_add("https://x.test/rss mention=@mods").mention == "@mods"


@pytest.mark.parametrize(("text", "problem"), [
    ("", "Usage"),
    ("ftp://x.test/feed", r"not an http\(s\) URL"),
    ("https://x.test/feed #news", "Pick the channel"),
    ("https://x.test/feed colour=red", "Unknown option"),
    ("https://x.test/feed kinds=drama kinds=anime", "given twice"),
    ("https://x.test/feed kinds=opera", "kinds: unknown opera; choose from drama"),
    ("https://x.test/feed keywords=" + ",".join("k" * 3 for _ in range(25)), "at most 20 values"),
    ("https://x.test/feed something else", "I do not understand"),
])
def test_feeds_add_refuses_malformed_input(text: str, problem: str) -> None:
    with pytest.raises(Usage, match=problem):
        parse_add(text)


@pytest.mark.parametrize("text", ["list \u202e", "add https://x.test/\x00", "x" * 2001])
def test_control_bidi_and_overlong_text_is_refused(text: str) -> None:
    with pytest.raises(Usage):
        split_feeds(text)


def test_other_commands() -> None:
    assert split_feeds("") == ("help", "")
    assert split_feeds("LIST") == ("list", "")
    assert parse_ref("12") == "12"
    assert parse_ref("<https://x.test/a>") == "https://x.test/a"
    with pytest.raises(Usage):
        parse_ref("1 2")
    assert parse_series("Soul Mate") == ("Soul Mate", False)
    assert parse_series("Tom &amp; Jerry --public") == ("Tom & Jerry", True)
    with pytest.raises(Usage):
        parse_series("x" * 300)
    assert parse_upcoming("") == (30, None)
    assert parse_upcoming("14 Disney+") == (14, "Disney+")
    assert parse_upcoming("Apple TV+") == (30, "Apple TV+")
    with pytest.raises(Usage):
        parse_upcoming("0")
    assert parse_latest("") == 5
    assert parse_latest("3") == 3
    for bad in ("abc", "11", "-1"):
        with pytest.raises(Usage):
            parse_latest(bad)


def test_the_manifest_declares_every_command_escaped() -> None:
    manifest = (Path(__file__).parent.parent / "config" / "slack-manifest.yaml").read_text(encoding="utf-8")

    commands = ("/series", "/upcoming", "/latest", "/feeds", "/follow", "/unfollow", "/following")
    for command in commands:
        assert f"- command: {command}\n" in manifest
    assert manifest.count("should_escape: true") == len(commands)
    assert "socket_mode_enabled: true" in manifest and "is_enabled: true" in manifest
