"""Scale-out: N processes on one PostgreSQL poll each feed once per interval, deliver once, split the shards."""

from __future__ import annotations

import asyncio
import os
import signal
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_URL, fresh_database
from tests.fakes.discord_api import FakeDiscord
from tests.harness_common import start_bot, stop_bot
from tests.scale_harness import KILLED, PROCESSES, guild_on_shard, poll_problems, run_scale

pytestmark = pytest.mark.slow  # a multi-process harness of a minute or more: `make check` skips it


@pytest.fixture
async def scale_database() -> str:
    """Return an emptied PostgreSQL database for the processes, or skip (fail under CI) without one."""
    url, problem = await fresh_database(POSTGRES_URL, "scale")
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{problem}; CI must run the PostgreSQL tests")
        pytest.skip(f"{problem}; set SERIESBOT_TEST_POSTGRES_URL to run the multi-process test")
    return url


def _tails(folder: Path, pattern: str = "*.log", lines: int = 25) -> str:
    return "\n".join(f"--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
                     for log in sorted(folder.glob(pattern)))


@pytest.mark.timeout(300)
async def test_three_processes_poll_each_feed_once_per_interval_and_deliver_exactly_once(
        tmp_path: Path, scale_database: str) -> None:
    result = await run_scale(tmp_path, scale_database, seed=20261127)
    logs = _tails(tmp_path)
    assert result.exit_codes[KILLED] == -signal.SIGKILL
    assert [code for index, code in enumerate(result.exit_codes) if index != KILLED] == [None] * (PROCESSES - 1)

    # Early re-polls are allowed only for polls the killed process made and never recorded (see poll_problems).
    problems, _taken_over = poll_problems(result)
    assert problems == [], f"{len(problems)} polling problems, e.g. {problems[:10]}\n{logs}"
    assert result.leases_at_kill > 0  # it died holding work, and the others took it over:
    assert "took over" in _tails(tmp_path, f"bot-[!{KILLED}].log", lines=10_000), logs

    once = Counter({title.casefold(): 1 for title in result.titles})
    assert len(once) == len(result.titles) > 50
    assert result.announced == once, logs
    states = Counter(state for _platform, state in result.deliveries.values())
    assert states == {"sent": 2 * len(once)}, logs
    discord_ids = [ident for ident, (platform, _) in result.deliveries.items() if platform == "discord"]
    slack_ids = [ident for ident, (platform, _) in result.deliveries.items() if platform == "slack"]
    assert result.discord_nonces == Counter({f"seriesbot-{ident}": 1 for ident in discord_ids})
    assert result.discord_titles == once
    assert result.slack_ids == Counter({str(ident): 1 for ident in slack_ids})
    # Three processes posting a burst stay within one global budget: the fake never had to say 429.
    assert result.count_429 == 0


def _read(log: Path) -> str:
    return log.read_text(errors="replace") if log.exists() else ""


async def _wait_for_line(log: Path, text: str, within: float) -> None:
    for _ in range(int(within / 0.1)):
        if text in _read(log):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{log.name} never said {text!r}:\n{_read(log)[-3000:]}")


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as started:
        yield started
        assert not started.errors, started.errors


@pytest.mark.timeout(120)
async def test_each_guild_is_served_only_by_the_process_that_holds_its_shard(
        tmp_path: Path, fake: FakeDiscord) -> None:
    guilds = [guild_on_shard(shard, 2, start=555000000000000001) for shard in range(2)]
    member = 555000000000000100
    for shard, guild in enumerate(guilds):
        fake.add_guild(guild, f"Shard {shard}", channels=[{"id": guild + 9, "name": "series"}])
        fake.add_member(guild, member, name="member")
    processes = []
    try:
        for shard in range(2):
            config = tmp_path / f"shard-{shard}.toml"
            config.write_text("\n".join([
                "[store]", f'url = "sqlite+aiosqlite:///{tmp_path}/shards.db"', "[console]", 'enabled = "off"',
                "[slack]", 'enabled = "off"',
                "[discord]", f'api_base = "{fake.api_base}"', f'gateway_url = "{fake.gateway_url}"',
                "shard_count = 2", f"shard_ids = [{shard}]"]) + "\n", encoding="utf-8")
            processes.append(await start_bot(config, tmp_path / f"shard-{shard}.log"))
        for shard in range(2):
            await _wait_for_line(tmp_path / f"shard-{shard}.log", "Discord ready as", within=60)
        live = {session.shard for session in fake.gateway.sessions.values() if session.conn is not None}
        assert live == {(0, 2), (1, 2)}
        for shard in range(2):
            assert "in 1 server(s)" in (tmp_path / f"shard-{shard}.log").read_text()

        for shard, guild in enumerate(guilds):
            inter = await fake.slash_command(guild, guild + 9, member, "latest", {})
            assert inter.delivered_to == 1, f"the command in shard {shard}'s guild reached several processes"
            body = await fake.wait_callback(inter, timeout=10)
            assert body["data"]["embeds"][0]["title"] == "Latest series news"

        processes[1].send_signal(signal.SIGKILL)
        await processes[1].wait()
        orphan = await fake.slash_command(guilds[1], guilds[1] + 9, member, "latest", {})
        served = await fake.slash_command(guilds[0], guilds[0] + 9, member, "latest", {})
        assert (await fake.wait_callback(served, timeout=10))["type"] == 4
        with pytest.raises(TimeoutError):
            await fake.wait_callback(orphan, timeout=3)  # shard 1's guild waits for its own process
    finally:
        for process in processes:
            await stop_bot(process)
