"""The worker pool: the same results as in-process, and no worker outlives a bot killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

import bot.workers
from bot.feeds.parse import parse_feed
from bot.model import Entry, SeriesFacts
from bot.workers import CpuPool, read_facts, read_feed

ROOT = Path(__file__).resolve().parent.parent
ANNOUNCEMENT = Entry("https://f.test/rss", "1", "Netflix Orders Drama Series “Moonlit Bakery”",
                     summary="Netflix has ordered “Moonlit Bakery,” a Korean romantic comedy series.")
RSS = (b"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>T</title>"
       b"<item><title>A</title><link>https://f.test/a</link></item></channel></rss>")
HOLDER = """
import asyncio, multiprocessing, sys
from bot.workers import CpuPool

async def main():
    pool = CpuPool(2)
    await pool.start()
    print(" ".join(str(child.pid) for child in multiprocessing.active_children()), flush=True)
    await asyncio.sleep(600)

asyncio.run(main())
"""


async def test_the_pool_gives_what_the_functions_give_in_process() -> None:
    pool = CpuPool(1)
    try:
        assert await pool.facts([ANNOUNCEMENT]) == read_facts([ANNOUNCEMENT])
        parsed = await pool.parse(RSS, "https://f.test/rss", {})
        assert [entry.link for entry in parsed.entries] == ["https://f.test/a"]
    finally:
        pool.close()


def test_a_feed_read_in_one_trip_reads_each_identity_once(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []

    def normalise(entry: Entry) -> list[SeriesFacts]:
        read.append(entry.title)
        return []

    monkeypatch.setattr(bot.workers, "normalise", normalise)
    item = "<item><title>{}</title><guid>{}</guid><description>Some news.</description></item>"
    body = ("<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>T</title>"
            + item.format("Glass Orchard renewed", "g1") + item.format("Tide Cellar ordered", "g2")
            + item.format("Glass Orchard renewed (updated)", "g1") + "</channel></rss>").encode()
    parsed, found = read_feed(body, "https://f.test/rss", {})
    assert [entry.identity for entry in parsed.entries] == ["id:g1", "id:g2", "id:g1"]
    assert read == ["Glass Orchard renewed", "Tide Cellar ordered"]
    assert found == [[], [], []]


def test_a_feed_read_in_one_trip_sends_back_only_the_text_the_pipeline_keeps() -> None:
    story = "Streamline has ordered “Copper Lantern”, a new drama series from Odile Marchetti. " * 20
    body = ("<?xml version='1.0' encoding='UTF-8'?><rss version='2.0' "
            "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>T</title><item>"
            f"<title>Streamline orders “Copper Lantern”</title><guid>c1</guid><description>{story}</description>"
            f"<content:encoded>{story} The full article goes on.</content:encoded></item></channel></rss>").encode()
    whole = parse_feed(body, "https://f.test/rss", {}).entries
    parsed, found = read_feed(body, "https://f.test/rss", {})
    assert found == read_facts(whole)
    assert [(entry.summary, entry.content) for entry in parsed.entries] == [(whole[0].summary[:1000], "")]
    assert replace(parsed.entries[0], summary=whole[0].summary, content=whole[0].content) == whole[0]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for our purpose; /proc tells them apart on Linux.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())


def test_workers_leave_when_the_bot_is_killed() -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        workers = [int(pid) for pid in holder.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(pid) for pid in workers)
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        for _ in range(200):
            if not any(_alive(pid) for pid in workers):
                break
            time.sleep(0.05)
        assert not any(_alive(pid) for pid in workers)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(10)
