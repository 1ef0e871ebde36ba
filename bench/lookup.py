"""Lookup: the rows of bench.lookup_bench (TitleIndex search and suggest), in the common table."""

from __future__ import annotations

from bench import lookup_bench
from bench.common import Row, row

PART = "lookup"


def _convert(found: dict[str, object], series: int) -> Row:
    name = str(found["name"])
    if name == "build":
        return row(PART, f"build, {series:,} titles", "time, memory",
                   f"{found['total_ms']} ms, {found['memory_mb']} MB")
    recall = found.get("recall")
    return row(PART, name, "p50 / p95 / p99 / max ms",
               f"{found['p50_ms']} / {found['p95_ms']} / {found['p99_ms']} / {found['max_ms']}",
               note=f"{found['count']} queries" + ("" if recall is None else f"; recall {recall}"))


def run(quick: bool) -> list[Row]:
    """Run lookup_bench (smaller with --quick) and convert its rows."""
    series, queries = (5_000, 300) if quick else (50_000, 2_000)
    return [_convert(found, series) for found in lookup_bench.run(series, queries)]
