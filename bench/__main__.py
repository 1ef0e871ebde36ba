"""Run the benchmarks, print one table and write it to docs/benchmarks.md.

    .venv/bin/python -m bench                 # everything (under 10 minutes on 2 cores)
    .venv/bin/python -m bench --quick         # smaller sizes: a smoke test
    .venv/bin/python -m bench --only polling,latency
    .venv/bin/python -m bench --profile       # also profile one polling cycle (cProfile)
    .venv/bin/python -m bench --reader-10k    # also reader at 10,000 feeds (adds minutes)
"""

from __future__ import annotations

import argparse
import faulthandler
import importlib
import logging
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.common import ROOT, Row, machine, row

PARTS = ("polling", "extraction", "lookup", "fanout", "latency")
DOC = ROOT / "docs" / "benchmarks.md"
COLUMNS = ("part", "name", "metric", "value", "target", "met", "note")
# Longer than any part takes on an idle two-core machine (the longest, polling, about two minutes).
PART_WATCHDOG_S = 420


def _met(value: object) -> str:
    return {True: "yes", False: "NO", None: ""}[value]  # type: ignore[index]


def run_parts(parts: Sequence[str], *, quick: bool, profile: bool, console: Console,
              reader_large: bool = False) -> tuple[list[Row], dict[str, float]]:
    """Run each part, keeping going when one fails (its row says so); return rows and seconds per part."""
    rows: list[Row] = []
    seconds: dict[str, float] = {}
    for part in parts:
        console.print(f"[bold]{part}[/] …")
        start = time.perf_counter()
        # A part that stalls (one fan-out run once sat for minutes under load) leaves every thread's stack on
        # stderr each few minutes, so that the stall can be read rather than guessed at.
        faulthandler.dump_traceback_later(PART_WATCHDOG_S, repeat=True)
        try:
            module = importlib.import_module(f"bench.{part}")
            found = (module.run(quick, profile=profile, reader_large=reader_large) if part == "polling"
                     else module.run(quick))
        except Exception as error:
            traceback.print_exc()
            found = [row(part, "(the part failed)", "error", f"{type(error).__name__}: {error}"[:300])]
        finally:
            faulthandler.cancel_dump_traceback_later()
        seconds[part] = time.perf_counter() - start
        console.print(f"  done in {seconds[part]:.0f} s")
        rows.extend(found)
    return rows, seconds


def table(rows: Sequence[Row], title: str) -> Table:
    """Return the results as one rich table."""
    result = Table(title=title, show_lines=False)
    for column in COLUMNS:
        result.add_column(column, overflow="fold", max_width=60 if column == "note" else None)
    for found in rows:
        result.add_row(*(_met(found["met"]) if column == "met" else str(found[column]) for column in COLUMNS))
    return result


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown(rows: Sequence[Row], seconds: dict[str, float], *, command: str, quick: bool,
             load: str = "") -> str:
    """Return docs/benchmarks.md."""
    lines = [
        "# Benchmarks",
        "",
        f"Written by `{command}`" + (" (a smoke test with smaller sizes)" if quick else "")
        + "; `make bench` runs `.venv/bin/python -m bench`. Every figure below was measured in that run. "
        "How each part measures is described in the docstring of its module in `bench/`.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {key} | {_cell(value)} |" for key, value in machine().items()),
        f"| load average at the start (1, 5, 15 min) | {load} |",
        f"| run time | {' + '.join(f'{part} {spent:.0f} s' for part, spent in seconds.items())} "
        f"= {sum(seconds.values()):.0f} s |",
        "",
        "## Results",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
        *("| " + " | ".join(_met(found["met"]) if column == "met" else _cell(found[column]) for column in COLUMNS)
          + " |" for found in rows),
        "",
        "## Method in short",
        "",
        "- **polling**: `bench.feed_server` (aiohttp, its own process) serves N distinct RSS feeds of 20 items "
        "(10-40 KB, word-list news, one item in five a series announcement) with ETag, Last-Modified and 304s. "
        "Each client runs in a fresh process. First the **cold cycles**, each alone on the machine, one after the "
        "other: seriesbot's first `Poller.poll_due` over the 2,000 new feeds (every entry parsed, read by the "
        "extractor and folded into the knowledge base before it returns) and reader's first "
        "`update_feeds(workers=16, scheduled=False)` over the same feeds; the ratio is reader's wall time over "
        "seriesbot's. Then the other clients are seeded, the server advances one cycle (10 % of the feeds publish "
        "1-3 items), and each client's one **steady cycle** is measured alone: wall time, CPU time, peak RSS "
        "sampled every 20 ms, requests/s counted by the server. CPU time and RSS count the process and its "
        "worker processes (seriesbot's pool, `poll.workers` = cores, started before any measure as `seriesbot run` "
        "starts it). seriesbot runs with `poll.concurrency = 64` and `poll.per_host = 64` (every feed here is on "
        "127.0.0.1); at 2,000 feeds its steady cycle follows its measured cold cycle, at 10,000 feeds (and in the "
        "concurrency sweep) its store is seeded directly with the validators and item identities a first cycle "
        "would leave, to keep the run under 10 minutes. reader seeds with its own first update, so it runs at 10,000 "
        "feeds only with `--reader-10k` (200,000 entries: minutes on two shared cores). The feedparser "
        "loop fetches and parses each feed in turn, without conditional requests. On loopback a fetch costs well "
        "under a millisecond, so every client is CPU-bound here: the server shares the machine's two cores, and so "
        "do other jobs running at the time (the load is in the table's note).",
        "- **extraction**: `bot.extract.extract` over the dev set, in a process pinned to one CPU; with link "
        "following, each article is also served as an HTML page, fetched with the bot's `Fetcher` and read with "
        "`parse_article` first. The shared real articles (../shared/devset, when present) get their own row, with the "
        "quality figures of `make eval` for that set beside it.",
        "- **lookup**: `bench/lookup_bench.py` as is.",
        "- **fan-out**: the real Discord and Slack adapters and outbox against the fakes in `tests/fakes`, "
        "with the fakes enforcing Discord's global 50 requests/s over any sliding second and Slack's 1 message/s "
        "per channel. The sender holds one of 50 slots while a request is in flight; a slot is free one second "
        "after its answer (bot/store/ratelimit.py), so no sliding second can hold 51.",
        "- **latency**: the real scheduler loop with a shortened poll interval and tick (see the row).",
        "- **profile** (with `--profile`): the same steady-state cycle at the smaller size, one feed at a time "
        "(`Poller.poll_feed` in turn, so that each step's wall time is its own): once with timers around its "
        "steps, once under cProfile (main thread and the `asyncio.to_thread` workers; not the aiosqlite "
        "threads). The event loop, thread and benchmark frames are left out of the top-10 cumulative list.",
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, run the parts, print the table, write the document."""
    parser = argparse.ArgumentParser(prog="python -m bench", description="seriesbot's benchmarks")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke test")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts of: {', '.join(PARTS)}")
    parser.add_argument("--profile", action="store_true", help="also profile one seriesbot polling cycle")
    parser.add_argument("--reader-10k", action="store_true",
                        help="also measure reader at 10,000 feeds (its seeding takes minutes)")
    parser.add_argument("--output", type=Path, default=DOC, help="where to write the Markdown table")
    args = parser.parse_args(argv)
    parts = [part.strip() for part in args.only.split(",") if part.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        parser.error(f"unknown part(s): {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    logging.basicConfig(level=logging.ERROR)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    console = Console()
    rows, seconds = run_parts(parts, quick=args.quick, profile=args.profile, console=console,
                              reader_large=args.reader_10k)
    title = f"seriesbot benchmarks{' (--quick)' if args.quick else ''}: {sum(seconds.values()):.0f} s"
    console.print(table(rows, title))
    command = " ".join([".venv/bin/python -m bench", *(argv if argv is not None else sys.argv[1:])])
    args.output.write_text(markdown(rows, seconds, command=command, quick=args.quick, load=load), encoding="utf-8")
    console.print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
