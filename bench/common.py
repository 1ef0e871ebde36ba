"""Shared helpers: result rows, the machine description, child processes and the feed server."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import platform
import select
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TREE_RESCAN_SECONDS = 0.5  # how often Meter looks for new child processes (a restarted worker pool)
Row = dict[str, object]


def row(part: str, name: str, metric: str, value: object, target: str = "", met: bool | None = None,
        note: str = "") -> Row:
    """Return one line of the results table; `met` is None when there is no target."""
    return {"part": part, "name": name, "metric": metric, "value": value, "target": target, "met": met,
            "note": note}


def machine() -> dict[str, str]:
    """Describe the machine the numbers were measured on."""
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    cores = psutil.cpu_count(logical=True) or 0
    physical = psutil.cpu_count(logical=False) or cores
    return {
        "CPU": model,
        "cores": f"{cores} logical ({physical} physical)",
        "RAM": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load average at the end (1, 5, 15 min)": ", ".join(f"{value:.2f}" for value in os.getloadavg()),
    }


def read_line(proc: subprocess.Popen[str], timeout: float) -> str:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        raise TimeoutError(f"{proc.args!r} printed nothing within {timeout:.0f} s")
    line = proc.stdout.readline()
    if not line:
        raise RuntimeError(f"{proc.args!r} exited with {proc.wait(5)} before it was ready")
    return line


@contextlib.contextmanager
def feed_server(feeds: int = 0, pages: Path | None = None, *, timeout: float = 180.0) -> Iterator[dict[str, Any]]:
    """Run bench.feed_server in its own process; yield its start line plus `base`, stop it on exit."""
    command = [PYTHON, "-m", "bench.feed_server", "--feeds", str(feeds)]
    if pages is not None:
        command += ["--pages", str(pages)]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        info: dict[str, Any] = json.loads(read_line(proc, timeout))
        info["base"] = f"http://127.0.0.1:{info['port']}"
        info["pid"] = proc.pid
        yield info
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def control(base: str, path: str, *, post: bool = False, timeout: float = 60.0) -> dict[str, Any]:
    """Call one of the feed server's control routes (loopback only) and return its JSON answer."""
    if not base.startswith("http://127.0.0.1:"):
        raise ValueError(f"the benchmarks talk to 127.0.0.1 only, not {base}")
    request = urllib.request.Request(base + path, data=b"" if post else None, method="POST" if post else "GET")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        answer: dict[str, Any] = json.loads(response.read())
        return answer


def run_child(module: str, args: Sequence[str], *, timeout: float) -> dict[str, Any]:
    """Run `python -m module args` in a fresh process and return the JSON object it prints last."""
    command = [PYTHON, "-m", module, *args]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as expired:
        raise RuntimeError(f"{module} {' '.join(args)} took longer than {timeout:.0f} s") from expired
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = "\n".join(done.stderr.splitlines()[-15:])
        raise RuntimeError(f"{module} {' '.join(args)} failed with exit code {done.returncode}:\n{tail}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


class Meter:
    """Wall time, CPU time and peak RSS (sampled every 20 ms) of a stretch of this process and its children.

    Children are the worker processes of seriesbot's pool: their CPU time and memory are the bot's too.
    """

    def __init__(self, interval: float = 0.02) -> None:
        self._process = psutil.Process()
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="rss-sampler", daemon=True)
        self.peak_rss = 0
        self.wall = 0.0
        self.cpu = 0.0
        self.children_cpu = 0.0

    def _tree(self) -> list[psutil.Process]:
        return [self._process, *self._process.children(recursive=True)]

    def _rss(self, tree: list[psutil.Process] | None = None) -> int:
        total = 0
        for process in self._tree() if tree is None else tree:
            with contextlib.suppress(psutil.Error):
                total += process.memory_info().rss
        return total

    def _children_cpu(self) -> dict[int, float]:
        used = {}
        for process in self._process.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                times = process.cpu_times()
                used[process.pid] = times.user + times.system
        return used

    def _sample(self) -> None:
        tree: list[psutil.Process] = []
        rescan_at = 0.0
        while not self._stop.is_set():
            # Listing the children reads every process of the machine in /proc: at every sample that cost the
            # measured process ~0.08 s of CPU a second (counted as its own), so the list is refreshed less often.
            if (now := time.monotonic()) >= rescan_at:
                tree, rescan_at = self._tree(), now + TREE_RESCAN_SECONDS
            self.peak_rss = max(self.peak_rss, self._rss(tree))
            self._stop.wait(self._interval)

    def __enter__(self) -> Meter:
        times = self._process.cpu_times()
        self._cpu0 = times.user + times.system
        self._children0 = self._children_cpu()
        self._wall0 = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall0
        times = self._process.cpu_times()
        self.cpu = times.user + times.system - self._cpu0
        self.children_cpu = sum(used - self._children0.get(pid, 0.0) for pid, used in self._children_cpu().items())
        self._stop.set()
        self._thread.join()
        self.peak_rss = max(self.peak_rss, self._rss())

    def as_dict(self) -> dict[str, float]:
        """Return the measures, RSS in MiB; cpu_s counts the children too."""
        return {"wall_s": self.wall, "cpu_s": self.cpu + self.children_cpu, "main_cpu_s": self.cpu,
                "peak_rss_mb": self.peak_rss / 2**20}


async def wait_until(done: Callable[[], bool], within: float, step: float = 0.02) -> bool:
    """Wait until done() is true, checking every `step` seconds for at most `within` seconds."""
    for _ in range(int(within / step) + 1):
        if done():
            return True
        await asyncio.sleep(step)
    return done()


def max_rss_mb() -> float:
    """Return this process's lifetime peak RSS (getrusage) in MiB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pin_to_one_core() -> tuple[int, ...] | None:
    """Pin this process to its first allowed CPU; return the previous set to restore, or None."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    before = tuple(sorted(os.sched_getaffinity(0)))
    os.sched_setaffinity(0, {before[0]})
    return before


def restore_affinity(before: tuple[int, ...] | None) -> None:
    """Undo pin_to_one_core."""
    if before is not None:
        os.sched_setaffinity(0, set(before))
