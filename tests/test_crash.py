"""SIGKILL at random moments loses nothing and posts nothing twice (issue: nothing lost, nothing twice)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.crash_harness import run_harness

pytestmark = pytest.mark.slow  # a multi-process harness of a minute or more: `make check` skips it

RUNS = int(os.environ.get("SERIESBOT_CRASH_RUNS", "20"))


@pytest.mark.timeout(600)
async def test_kill_nine_at_random_moments_posts_every_announcement_exactly_once(tmp_path: Path) -> None:
    result = await run_harness(tmp_path, seed=20261126, runs=RUNS)
    log = (tmp_path / "bot.log").read_text(errors="replace")[-4000:]
    assert result.kills >= RUNS // 2, f"too few kills landed mid-run ({result.kills}); log tail:\n{log}"
    assert result.integrity == "ok"
    assert result.missing_series == [], log
    assert result.deliveries.keys() <= {"sent"}, result.deliveries
    sent = result.deliveries.get("sent", 0)
    assert sent == 2 * result.announcements > 0
    duplicates = {title: n for title, n in result.discord_posts.items() if n > 1}
    assert duplicates == {}, f"posted twice on Discord: {duplicates}"
    assert sum(result.discord_posts.values()) == result.announcements
    slack_duplicates = {delivery: n for delivery, n in result.slack_posts.items() if n > 1}
    assert slack_duplicates == {}, f"posted twice on Slack: {slack_duplicates}"
    assert sum(result.slack_posts.values()) == result.announcements
