"""SIGKILL while follower DMs are in flight: each follower still gets exactly one DM per update."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.follow_crash_harness import run_follow_crash

pytestmark = pytest.mark.slow  # a SIGKILL harness of about a minute: `make check` skips it


@pytest.mark.timeout(300)
async def test_kill_nine_mid_send_gives_each_follower_one_dm_per_update(tmp_path: Path) -> None:
    result = await run_follow_crash(tmp_path, rounds=3)
    log = (tmp_path / "bot.log").read_text(errors="replace")[-4000:]
    assert result.kills == 3
    assert result.states == {"sent": 2 * result.updates}, log
    assert sum(result.discord_nonces.values()) == result.updates, result.discord_nonces
    assert max(result.discord_nonces.values()) == 1
    assert sum(result.slack_deliveries.values()) == result.updates, result.slack_deliveries
    assert max(result.slack_deliveries.values()) == 1
