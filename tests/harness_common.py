"""What the subprocess harnesses share: start `seriesbot` against the fakes, announcement items, a database."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from tests.fakes.slack_api import DEFAULT_BOT_TOKEN

ADJECTIVES = ["Silent", "Golden", "Hidden", "Broken", "Endless", "Crimson", "Northern", "Paper", "Velvet", "Iron",
              "Lunar", "Quiet", "Wild", "Hollow", "Salt", "Glass", "Winter", "Secret", "Distant", "Burning"]
NOUNS = ["Harbor", "Kingdom", "Garden", "Letters", "Station", "Orchard", "Bridge", "Lantern", "River", "Signal",
         "Archive", "Island", "Voyage", "Circus", "Mirror", "Palace", "Frontier", "Meadow", "Tide", "Quarry"]


def unique_titles(rng: random.Random) -> Iterator[str]:
    """Return series titles, each once, in a seeded order (400 in all)."""
    pairs = [(adjective, noun) for adjective in ADJECTIVES for noun in NOUNS]
    rng.shuffle(pairs)
    return iter([f"The {adjective} {noun}" for adjective, noun in pairs])


def announcement_item(title: str, key: str, number: int) -> dict[str, str]:
    """Return an RSS item that the extractor reads as a new Netflix drama series."""
    return {"title": f"Netflix Orders Drama Series “{title}”", "guid": key, "link": f"https://news.test/{key}",
            "pubDate": time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(1_790_000_000 + number * 60)),
            "description": f"Netflix has ordered “{title},” a Korean drama series starring Kim Seo Yeon "
                           "and Lee Jun Ho."}


async def start_bot(config: Path, log: Path, *command: str,
                    env: Mapping[str, str] | None = None) -> asyncio.subprocess.Process:
    """Start `seriesbot --config CONFIG -v COMMAND` (default `run`) with fake tokens, logging to a file."""
    environ = {**os.environ, "DISCORD_TOKEN": "harness-token", "SLACK_BOT_TOKEN": DEFAULT_BOT_TOKEN,
               "SLACK_SIGNING_SECRET": "harness-secret"}
    environ.pop("SLACK_APP_TOKEN", None)
    environ.pop("SERIESBOT_DATABASE_URL", None)
    environ.update(env or {})
    with log.open("ab") as sink:
        return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "--config", str(config), "-v",
                                                    *(command or ("run",)), stdout=sink, stderr=sink,
                                                    env=environ)


async def stop_bot(process: asyncio.subprocess.Process, *, within: float = 15.0) -> None:
    """Stop a bot with SIGTERM, and kill it when it does not end in time."""
    if process.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), timeout=within)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
