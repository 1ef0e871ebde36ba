"""The CLI forms operators and acceptance checks use: in this process through `bot.cli.main` (the `run_cli`
fixture), and as real `python -m bot` subprocesses for exit codes and the tests marked slow."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CLI_SECRETS, RunCli
from tests.fakes.feed_server import FeedServer, rss
from tests.test_pipeline import ORDER, SECOND


def cli(*args: str, config: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "160"}
    for secret in CLI_SECRETS:
        env.pop(secret, None)
    prefix = ["--config", str(config)] if config else []
    return subprocess.run([sys.executable, "-m", "bot", *prefix, *args], capture_output=True, text=True,
                          env=env, input=stdin, timeout=60, check=False)


async def acli(*args: str, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI without blocking the loop that serves the test feeds."""
    return await asyncio.to_thread(cli, *args, config=config)


def config_file(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "seriesbot.toml"
    path.write_text(f"""
[store]
url = "sqlite+aiosqlite:///{tmp_path}/bot.db"
[fetch]
allow_private_networks = true
timeout = "5s"
[poll]
backfill = 0
max_age = "36500d"
[console]
enabled = "on"
[enrich]
tvmaze = false
{extra}""", encoding="utf-8")
    return path


def test_config_error_names_the_key_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[poll]\ninterval = 'often'\n", encoding="utf-8")
    result = cli("feeds", "list", config=path)
    assert result.returncode == 2
    assert "poll.interval" in result.stderr and "often" in result.stderr


@pytest.mark.slow
async def test_feeds_commands_and_json_listing(tmp_path: Path, feed_server: FeedServer) -> None:
    url = feed_server.set("/feed", rss([ORDER]))
    config = config_file(tmp_path)
    added = await acli("feeds", "add", url, "--interval", "15m", config=config)
    assert added.returncode == 0, added.stdout + added.stderr
    assert "Added" in added.stdout
    again = await acli("feeds", "add", url, config=config)
    assert again.returncode == 0 and "already posts to the console with these settings; nothing changed" in again.stdout
    refused = await acli("feeds", "add", "file:///etc/passwd", config=config)
    assert refused.returncode == 1 and "only http and https" in refused.stdout
    bad_dest = await acli("feeds", "add", url, "--to", "irc:#tv", config=config)
    assert bad_dest.returncode == 2 and "unknown destination" in bad_dest.stdout

    (feed,) = json.loads((await acli("feeds", "list", "--json", config=config)).stdout)
    assert feed["url"] == url and feed["status"] == "new" and feed["entries_seen"] == 0
    assert {"id", "title", "last_error", "next_check_at"} <= set(feed)
    assert feed["interval_seconds"] == 900

    assert (await acli("feeds", "pause", str(feed["id"]), config=config)).returncode == 0
    assert json.loads((await acli("feeds", "list", "--json", config=config)).stdout)[0]["status"] == "paused"
    assert (await acli("feeds", "resume", url, config=config)).returncode == 0
    assert json.loads((await acli("feeds", "list", "--json", config=config)).stdout)[0]["status"] == "new"
    missing = await acli("feeds", "remove", "999", config=config)
    assert missing.returncode == 1 and "No feed" in missing.stdout
    assert (await acli("feeds", "remove", url, config=config)).returncode == 0
    assert json.loads((await acli("feeds", "list", "--json", config=config)).stdout) == []


@pytest.mark.slow
async def test_two_processes_in_a_row_post_each_announcement_once(tmp_path: Path, feed_server: FeedServer) -> None:
    url = feed_server.set("/feed", rss([ORDER]))
    config = config_file(tmp_path)
    assert (await acli("feeds", "add", url, config=config)).returncode == 0
    first = await acli("poll", "--once", config=config)
    assert "feeds polled: 1" in first.stdout and "announcements: 0" in first.stdout
    feed_server.set("/feed", rss([SECOND, ORDER]))
    second = await acli("poll", "--once", "--all", config=config)
    third = await acli("poll", "--once", "--all", config=config)
    assert second.stdout.count("The Quiet Orchard") >= 1 and "deliveries: 1" in second.stdout
    assert "The Quiet Orchard" not in third.stdout and "not modified: 1" in third.stdout
    (feed,) = json.loads((await acli("feeds", "list", "--json", config=config)).stdout)
    assert feed["status"] == "not_modified" and feed["entries_seen"] == 2

    found = json.loads((await acli("series", "Quiet Orchard", "--json", config=config)).stdout)
    assert found["title"] == "The Quiet Orchard" and found["platform"] == "HBO"
    assert found["sources"][0]["url"] == "https://news.test/quiet-orchard"
    unknown = await acli("series", "Quiet Orchrd Zzz", config=config)
    assert unknown.returncode == 1


def test_poll_without_network_says_which_feeds_failed(tmp_path: Path, run_cli: RunCli) -> None:
    config = config_file(tmp_path, '[[feeds]]\nname = "Closed"\nurl = "http://127.0.0.1:9/rss"\n')
    result = run_cli("poll", "--once", config=config)
    assert result.returncode == 0
    assert "failed: 1" in result.stdout and "http://127.0.0.1:9/rss" in result.stdout


def test_extract_prints_json_lines(tmp_path: Path, run_cli: RunCli) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Netflix Orders Drama Series “Moonlit Bakery”\n\nNetflix has ordered “Moonlit Bakery,” a "
                       "Korean romantic comedy series starring Kim Seo Yeon and Lee Jun Ho.\n", encoding="utf-8")
    result = run_cli("extract", "--json", "--published", "2026-11-02", str(article), "-", stdin="Box office news\n\n"
                     "The film earned $40 million.\n")
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["source"] == str(article) and first["series"][0]["title"] == "Moonlit Bakery"
    assert second == {"source": "-", "series": []}


@pytest.mark.slow
def test_demo_runs_offline() -> None:
    result = cli("demo")
    assert result.returncode == 0, result.stderr
    assert "Moonlit Bakery" in result.stdout and "feeds polled: 3" in result.stdout
    assert "Steel Horizon" not in result.stdout


def test_poll_without_once_is_one_pass_and_says_so(tmp_path: Path, run_cli: RunCli) -> None:
    config = config_file(tmp_path, '[[feeds]]\nname = "Closed"\nurl = "http://127.0.0.1:9/rss"\n')
    result = run_cli("poll", config=config)
    assert result.returncode == 0, result.stderr
    assert "feeds polled: 1" in result.stdout and "failed: 1" in result.stdout
    poll_help = " ".join(run_cli("poll", "--help").stdout.split())
    assert "Poll the due feeds (every feed with --all) once" in poll_help
    assert "`seriesbot run` polls continuously" in poll_help


@pytest.mark.parametrize(("argv", "level"), [
    (["run"], logging.INFO),
    (["run", "-v"], logging.DEBUG),
    (["-v", "poll"], logging.DEBUG),
    (["feeds", "list"], logging.WARNING),
    (["feeds", "list", "-v"], logging.INFO),
    (["feeds", "-v", "list", "-v"], logging.DEBUG),
    (["-v", "series", "x", "-v"], logging.DEBUG),
    (["extract", "-", "--verbose"], logging.INFO),
])
def test_v_is_taken_before_or_after_the_command_and_does_what_the_help_says(argv: list[str], level: int) -> None:
    from bot.cli import VERBOSE_HELP, build_parser, log_level

    assert log_level(build_parser().parse_args(argv)) == level
    assert "run, poll and demo log their progress and -v adds debug" in VERBOSE_HELP
    assert "feeds, series, enrich, digest and extract log only problems, -v adds progress and -vv debug" in VERBOSE_HELP


def test_deprecated_enabled_booleans_still_work_and_say_what_to_write(tmp_path: Path, run_cli: RunCli) -> None:
    config = config_file(tmp_path, "[slack]\nenabled = false\n")
    result = run_cli("feeds", "list", config=config)
    assert result.returncode == 0, result.stderr
    assert 'slack.enabled = false is deprecated and read as "off"; write "auto", "on" or "off"' in " ".join(
        result.stderr.split())


def test_a_platform_switched_on_without_its_token_stops_run_with_the_reason(tmp_path: Path, run_cli: RunCli) -> None:
    config = config_file(tmp_path, '[discord]\nenabled = "on"\n')
    result = run_cli("run", config=config)
    assert result.returncode == 2
    assert 'discord.enabled is "on" but DISCORD_TOKEN is not set' in result.stderr


@pytest.mark.parametrize("command", [["run"], ["poll"], ["enrich", "--all"]])
def test_tmdb_switched_on_without_a_key_stops_the_commands_that_use_it_and_says_what_to_set(
        tmp_path: Path, run_cli: RunCli, command: list[str]) -> None:
    result = run_cli(*command, config=config_file(tmp_path, 'tmdb = "on"\n'))
    assert result.returncode == 2
    assert 'enrich.tmdb is "on" but TMDB_API_KEY is not set: set TMDB_API_KEY' in " ".join(result.stderr.split())


def test_tmdb_on_auto_without_a_key_is_quietly_off(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("poll", config=config_file(tmp_path, 'tmdb = "auto"\n'))
    assert result.returncode == 0, result.stderr
    assert "TMDB" not in result.stderr
    listed = run_cli("feeds", "list", config=config_file(tmp_path, 'tmdb = "on"\n'))
    assert listed.returncode == 0, listed.stderr  # commands that never ask a show database do not need the key
