"""Feed options: one check for filters and mentions on every surface, and a repeated add changes what was asked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.commands import OPERATOR, Actor
from bot.destinations import CONSOLE, Destination, Platform, check_mention
from bot.filters import KINDS, Filters
from bot.replies import Message
from tests.fakes.feed_server import FeedServer, rss
from tests.test_cli import acli, config_file

DISCORD = Destination(Platform.DISCORD, "222000000000000010", "222000000000000001")
SLACK = Destination(Platform.SLACK, "C0NEWS01", "T0TEAM")


def test_filters_parse_checks_kinds_and_folds_them() -> None:
    assert Filters.parse() is None
    assert Filters.parse(kinds="Drama, limited series", platforms=" Netflix ,tvN") == Filters(
        platforms=("Netflix", "tvN"), kinds=("drama", "limited series"))
    assert Filters.parse(keywords="") == Filters()  # given but empty: clears the filters
    with pytest.raises(ValueError, match=f"kinds: unknown telenovela; choose from {', '.join(KINDS)}"):
        Filters.parse(kinds="drama, telenovela")
    with pytest.raises(ValueError, match="keywords: at most 20 values"):
        Filters.parse(keywords=",".join(f"k{n}" for n in range(21)))
    with pytest.raises(ValueError, match="countries: control or bidirectional"):
        Filters.parse(countries="Ko\u202erea")


@pytest.mark.parametrize(("destination", "mention", "problem"), [
    (CONSOLE, "123456789012345678", "the console has no one to mention"),
    (DISCORD, "@everyone", "for Discord give a role id"),
    (DISCORD, DISCORD.workspace, "not @everyone"),
    (SLACK, "@mods", "for Slack give a user group"),
    (SLACK, "<!channel>", "for Slack give a user group"),
])
def test_one_mention_check_refuses_what_cannot_be_pinged(destination: Destination, mention: str,
                                                         problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        check_mention(destination, mention)


def test_one_mention_check_accepts_roles_and_user_groups() -> None:
    assert check_mention(DISCORD, "222000000000000200") == "222000000000000200"
    assert check_mention(SLACK, "S0MODS123") == "S0MODS123"
    assert check_mention(CONSOLE, None) is None


@pytest.mark.slow
async def test_cli_checks_kinds_and_mentions_like_discord_and_slack(tmp_path: Path, feed_server: FeedServer) -> None:
    url = feed_server.set("/feed", rss([{"title": "x", "guid": "1"}]))
    config = config_file(tmp_path)
    kinds = await acli("feeds", "add", url, "--kinds", "drama,telenovela", config=config)
    assert kinds.returncode == 2 and "kinds: unknown telenovela" in kinds.stdout
    console_ping = await acli("feeds", "add", url, "--mention", "123456789012345678", config=config)
    assert console_ping.returncode == 1 and "the console has no one to mention" in console_ping.stdout
    everyone = await acli("feeds", "add", url, "--to", "discord:222000000000000010", "--mention", "@everyone",
                          config=config)
    assert everyone.returncode == 1 and "for Discord give a role id" in everyone.stdout
    assert json.loads((await acli("feeds", "list", "--json", config=config)).stdout) == []
    assert not feed_server.hits("/feed")  # refused before anything was fetched


@pytest.mark.slow
async def test_adding_a_feed_again_changes_the_interval_and_says_so(tmp_path: Path, feed_server: FeedServer) -> None:
    url = feed_server.set("/feed", rss([{"title": "x", "guid": "1"}]))
    config = config_file(tmp_path)
    assert (await acli("feeds", "add", url, "--interval", "15m", config=config)).returncode == 0
    again = await acli("feeds", "add", url, "--interval", "5m", "--keywords", "thriller", config=config)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Updated" in again.stdout and "checked every 5m (was 15m)" in again.stdout
    assert "filters: keywords: thriller (were: everything)" in again.stdout
    (feed,) = json.loads((await acli("feeds", "list", "--json", config=config)).stdout)
    assert feed["interval_seconds"] == 300
    same = await acli("feeds", "add", url, "--interval", "5m", config=config)
    assert same.returncode == 0 and "nothing changed" in same.stdout


async def test_adding_again_updates_filters_and_mention_of_that_destination_only(services: Any,
                                                                                feed_server: FeedServer) -> None:
    url = feed_server.set("/feed", rss([{"title": "x", "guid": "1"}]))
    admin = Actor("U0ADMIN", SLACK.workspace, is_admin=True)
    first = await services.commands.feeds_add(admin, url, SLACK, filters=Filters(platforms=("Netflix",)))
    assert isinstance(first, Message) and first.ok and first.text.startswith("Added")
    other = await services.commands.feeds_add(OPERATOR, url, CONSOLE)
    assert isinstance(other, Message) and other.ok
    assert "already followed; it now also posts to the console" in other.text

    changed = await services.commands.feeds_add(admin, url, SLACK, filters=Filters(kinds=("anime",)),
                                                mention="S0MODS123")
    assert isinstance(changed, Message) and changed.ok
    assert changed.text == (f"Updated {url} for <#{SLACK.channel}>: filters: kinds: anime (were: platforms: Netflix); "
                            "mention: S0MODS123 (was: none).")
    slack_sub, console_sub = await services.store.list_subscriptions()
    assert (slack_sub.filters, slack_sub.mention) == (Filters(kinds=("anime",)), "S0MODS123")
    assert (console_sub.filters, console_sub.mention) == (Filters(), None)

    kept = await services.commands.feeds_add(admin, url, SLACK)  # nothing given: nothing changes
    assert isinstance(kept, Message) and kept.ok and "nothing changed" in kept.text
    (slack_sub, _console) = await services.store.list_subscriptions()
    assert (slack_sub.filters, slack_sub.mention) == (Filters(kinds=("anime",)), "S0MODS123")
    assert len(await services.store.list_feeds()) == 1
