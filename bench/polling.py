"""Polling: one steady-state cycle of seriesbot, reader and a naive feedparser loop on the same feeds.

A feed server runs in its own process (bench.feed_server) and each client in a fresh process of
its own (bench.polling_client), so CPU time and RSS are the client's alone. Every client is
seeded first; then the server advances one cycle (10 % of the feeds publish 1 to 3 items) and
each client runs its measured cycle alone, one after the other, on the same content.
"""

from __future__ import annotations

import contextlib
import json
import pstats
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from bench.common import PYTHON, ROOT, Row, control, feed_server, read_line, row

PART = "polling"
FULL_SIZES = (2_000, 10_000)
QUICK_SIZES = (200, 1_000)
CONCURRENCY = 64  # poll.concurrency; poll.per_host is capped at 64 by the settings, so at most 64 here
SWEEP = (128, 200)  # other poll.concurrency values tried at the smaller size (per_host stays 64)
READER_WORKERS = 16
TARGET_WALL_S = 30.0
TARGET_RSS_MB = 300.0
TARGET_SPEEDUP = 2.0
TARGET_COLD = 1.0
TARGET_LEARNING = 2_000
CHILD_TIMEOUT = 900.0


@dataclass
class Child:
    """A polling client process waiting for its measured cycle."""

    label: str
    client: str
    count: int
    process: subprocess.Popen[str]
    log: IO[str]
    seeded: dict[str, Any] = field(default_factory=dict)
    result: dict[str, Any] = field(default_factory=dict)
    server: dict[str, Any] = field(default_factory=dict)

    def read_event(self, name: str, timeout: float = CHILD_TIMEOUT) -> dict[str, Any]:
        try:
            line = read_line(self.process, timeout)
        except (RuntimeError, TimeoutError) as error:
            self.log.flush()
            tail = "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-12:])
            raise RuntimeError(f"{self.label}: {error}\n{tail}") from None
        event: dict[str, Any] = json.loads(line)
        if event.get("event") != name:
            raise RuntimeError(f"{self.label}: expected {name}, got {event}")
        return event

    def go(self, base: str) -> None:
        """Let the child run its measured cycle and collect its result and the server's counts."""
        assert self.process.stdin is not None
        control(base, "/_bench/reset", post=True)
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        self.result = self.read_event("result")
        self.server = control(base, "/_bench/stats")


@contextlib.contextmanager
def started(label: str, args: list[str], folder: Path) -> Iterator[Child]:
    """Start one polling client; kill it on exit if it is still running."""
    log = (folder / f"{label}.log").open("w")
    command = [PYTHON, "-m", "bench.polling_client", *args]
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                               text=True)
    child = Child(label, args[0], int(args[2]), process, log)
    try:
        yield child
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(10)
        log.close()


def _cold_rows(ours: Child, theirs: Child, *, targets: bool) -> list[Row]:
    """Rows of the two cold cycles (every feed new, every entry stored) and their ratio."""
    rows = []
    for child in (ours, theirs):
        cold = child.seeded["cold"]
        entries = cold["new_entries"]
        name = f"{child.label}, cold cycle"
        rows += [
            row(PART, name, "wall time", f"{cold['wall_s']:.2f} s",
                note=f"{entries:,} entries stored{' and learnt' if child.client == 'seriesbot' else ''}, "
                     f"{entries / cold['wall_s']:,.0f}/s; {cold['failed']} failed"
                     + (f"; {cold['logged_errors']} errors logged" if "logged_errors" in cold else "")),
            row(PART, name, "CPU time (process and its workers)", f"{cold['cpu_s']:.2f} s",
                note=f"main process {cold['main_cpu_s']:.2f} s" if child.client == "seriesbot" else ""),
            row(PART, name, "peak RSS (process and its workers)", f"{cold['peak_rss_mb']:.0f} MB"),
        ]
    learnt = ours.seeded["cold"]["new_entries"] / ours.seeded["cold"]["wall_s"]
    rows.append(row(PART, f"{ours.label}, cold cycle", "learning rate", f"{learnt:,.0f} entries/s",
                    f"≥ {TARGET_LEARNING:,} entries/s" if targets else "",
                    learnt >= TARGET_LEARNING if targets else None,
                    "entries of about 1 KB, each read by the extractor and folded into the knowledge base"))
    ratio = theirs.seeded["cold"]["wall_s"] / ours.seeded["cold"]["wall_s"]
    rows.append(row(PART, f"seriesbot ÷ reader, {ours.count:,} feeds, cold", "throughput ratio", f"{ratio:.2f} ×",
                    f"≥ {TARGET_COLD:.1f} ×" if targets else "", ratio >= TARGET_COLD if targets else None,
                    "same feeds, same entries; reader stores them, seriesbot also extracts and learns from each"))
    return rows


def _throughput(child: Child) -> float:
    return child.count / child.result["wall_s"]


def _rows(child: Child, *, targets: bool) -> list[Row]:
    res, served = child.result, child.server
    name = child.label
    wall, rss = res["wall_s"], res["peak_rss_mb"]
    requests = served["requests"]
    detail = (f"{requests} requests ({served['ok']} × 200, {served['not_modified']} × 304); "
              f"{res.get('new_entries', res.get('entries_parsed', 0))} new entries; {res['failed']} failed")
    if "announcements" in res:
        detail += f"; {res['announcements']} announcements, {res['logged_errors']} errors logged"
    rows = [
        row(PART, name, "wall time", f"{wall:.2f} s", f"≤ {TARGET_WALL_S:.0f} s" if targets else "",
            wall <= TARGET_WALL_S if targets else None, detail),
        row(PART, name, "CPU time (process and its workers)", f"{res['cpu_s']:.2f} s",
            note=", ".join(f"{kind} {seconds:.1f} s" for kind, seconds in res.get("threads", {}).items())),
        row(PART, name, "peak RSS during the cycle (process and its workers)", f"{rss:.0f} MB",
            f"≤ {TARGET_RSS_MB:.0f} MB" if targets else "", rss <= TARGET_RSS_MB if targets else None,
            f"lifetime peak (getrusage, with the seeding) {res['max_rss_mb']:.0f} MB"),
        row(PART, name, "throughput", f"{_throughput(child):.0f} feeds/s, {requests / wall:.0f} requests/s"),
    ]
    if res.get("errors"):
        rows[0]["note"] = f"{rows[0]['note']}; first error: {res['errors'][0]}"
    return rows


_PLUMBING = ("/asyncio/", "/concurrent/", "/threading.py", "/contextlib.py", "/selectors.py", "/bench/", "<")


def _profile_rows(path: Path, top: int = 10) -> list[Row]:
    """Return the `top` functions by cumulative time, leaving out the event loop and thread plumbing."""
    stats = pstats.Stats(str(path))
    entries = sorted(stats.stats.items(), key=lambda item: item[1][3], reverse=True)  # type: ignore[attr-defined]
    rows = []
    for (filename, line, function), (_calls, ncalls, tottime, cumtime, _callers) in entries:
        if filename == "~" or any(part in filename for part in _PLUMBING):
            continue
        where = filename.replace(str(ROOT) + "/", "").split("site-packages/")[-1].split("/lib/python3.11/")[-1]
        rows.append(row(PART, "profile, top cumulative", f"{function} ({where}:{line})", f"{cumtime:.2f} s",
                        note=f"{ncalls} calls, own time {tottime:.2f} s"))
        if len(rows) == top:
            break
    return rows


def run(quick: bool, *, profile: bool = False, reader_large: bool = False) -> list[Row]:
    """Time the cold cycles, seed every other client, advance the feeds one cycle, measure each client's cycle.

    reader at the larger size is left out unless asked for: its seeding is its own first update of
    200,000 entries, minutes on two shared cores, and no target depends on it.
    """
    small, large = QUICK_SIZES if quick else FULL_SIZES
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="seriesbot-bench-") as tmp, feed_server(large) as server, \
            contextlib.ExitStack() as stack:
        base, folder = server["base"], Path(tmp)

        def start(label: str, client: str, count: int, *extra: str) -> Child:
            work = folder / label
            work.mkdir()
            return stack.enter_context(started(label, [client, base, str(count), "--dir", str(work), *extra],
                                               folder))

        # The cold cycles (every feed new, every entry learnt) run first, one at a time, each alone on the machine.
        cold = [start(f"seriesbot {small:,} feeds", "seriesbot", small, "--concurrency", str(CONCURRENCY),
                      "--seed", "cold")]
        cold[0].seeded = cold[0].read_event("seeded")
        cold.append(start(f"reader {small:,} feeds", "reader", small, "--workers", str(READER_WORKERS)))
        cold[1].seeded = cold[1].read_event("seeded")
        seriesbot = [cold[0], start(f"seriesbot {large:,} feeds", "seriesbot", large, "--concurrency",
                                    str(CONCURRENCY))]
        sweep = [start(f"seriesbot {small:,} feeds, concurrency {value}", "seriesbot", small,
                       "--concurrency", str(value)) for value in SWEEP]
        readers = [cold[1]]
        if reader_large:
            readers.append(start(f"reader {large:,} feeds", "reader", large, "--workers", str(READER_WORKERS)))
        naive = start(f"feedparser loop {small:,} feeds", "feedparser", small)
        # One feed at a time (see polling_client.one_by_one_cycle): step timers, then cProfile.
        profiled = [start(f"seriesbot {small:,} feeds, one at a time", "seriesbot", small, "--one-by-one"),
                    start(f"seriesbot {small:,} feeds, one at a time, cProfile", "seriesbot", small, "--one-by-one",
                          "--profile", str(folder / "poll.prof"))] if profile else []
        stateful = [*seriesbot, *sweep, *readers, *profiled]
        for child in stateful:
            if not child.seeded:
                child.seeded = child.read_event("seeded")
        changed = control(base, "/_bench/advance", post=True)["changed"]
        for child in [*seriesbot, *readers, naive, *sweep, *profiled]:
            child.go(base)

        first = start(f"seriesbot first cycle, {small // 10:,} new feeds", "seriesbot", small // 10,
                      "--seed", "poll", "--concurrency", str(CONCURRENCY))
        first.result = first.read_event("result")

        rows.append(row(PART, "setup", "feeds changed in the measured cycle",
                        f"{changed:,} of {large:,} (10 %)",
                        note=f"RSS 10-40 KB, 20 items; {server['bytes'] / large / 1024:.0f} KB a feed on average"))
        rows.extend(_cold_rows(*cold, targets=not quick))
        target_size = FULL_SIZES[1]  # the targets are set for 10,000 feeds: --quick checks none
        for child in seriesbot:
            rows.extend(_rows(child, targets=child.count == target_size))
        for child in readers:
            rows.extend(_rows(child, targets=False))
        for ours, theirs in zip(seriesbot, readers, strict=False):
            ratio = _throughput(ours) / _throughput(theirs)
            rows.append(row(PART, f"seriesbot ÷ reader, {ours.count:,} feeds, steady", "throughput ratio",
                            f"{ratio:.2f} ×", "" if quick else f"≥ {TARGET_SPEEDUP:.0f} ×",
                            None if quick else ratio >= TARGET_SPEEDUP))
        rows.extend(_rows(naive, targets=False))
        for child in sweep:
            rows.append(row(PART, child.label, "wall time", f"{child.result['wall_s']:.2f} s",
                            note=f"CPU {child.result['cpu_s']:.2f} s, peak RSS {child.result['peak_rss_mb']:.0f} MB"))
        res = first.result
        rows.append(row(PART, first.label, "wall time", f"{res['wall_s']:.2f} s",
                        note=f"{res['new_entries']:,} entries learnt, {res['new_entries'] / res['wall_s']:.0f}/s; "
                             f"CPU {res['cpu_s']:.2f} s; peak RSS {res['peak_rss_mb']:.0f} MB; "
                             f"{res['logged_errors']} errors logged"))
        if profiled:
            timed, under_cprofile = profiled
            wall, profiled_wall = timed.result["wall_s"], under_cprofile.result["wall_s"]
            rows.append(row(PART, timed.label, "wall time", f"{wall:.2f} s",
                            note=f"CPU {timed.result['cpu_s']:.2f} s; the step rows come from this run; under "
                                 f"cProfile (the profile rows) the same cycle took {profiled_wall:.2f} s"))
            steps = sorted(timed.result["steps"].items(), key=lambda item: item[1][1], reverse=True)
            for step, (calls, seconds) in steps:
                rows.append(row(PART, "step of the one-at-a-time cycle", step, f"{seconds:.2f} s",
                                note=f"{int(calls)} calls, {1000 * seconds / calls:.2f} ms each; "
                                     f"{100 * seconds / wall:.0f} % of the cycle"))
            rows.extend(_profile_rows(folder / "poll.prof"))
    return rows
