"""`make eval`: score the extractor on every labelled set, side by side, by the shared dev set's rules.

    .venv/bin/python -m bench.eval                     # the table
    .venv/bin/python -m bench.eval -v                  # and every missed, extra and excluded series
    .venv/bin/python -m bench.eval --threshold 0.6     # passed to extract() when it takes one
    .venv/bin/python -m bench.eval --sweep 0.3:0.9:0.1 # one line of figures per threshold
    .venv/bin/python -m bench.eval --json eval.json    # the figures, machine-readable ("-": stdout)
    .venv/bin/python -m bench.eval --as-polled         # and the feed items as a poll reads them (bot.feeds)

The sets: the shared real articles and real feed items (when ../shared/devset or $SERIESBOT_DEVSET is there)
and the project's own tests/data/articles and tests/data/heldout. The feed items are read as the dev set's
items_to_texts.py writes them (headline, summary as one line), so that the figures equal its scorer's;
--as-polled adds them as bot.feeds.parse and bot.normalise.entry_text give them to extract() in a poll.
Targets are those of issue 11 and hold for the shared sets; a figure below its target is marked with *.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench.devset import TextSet, load_sets
from bench.scoring import Counts, Ratio, Tally, score_item

Extractor = Callable[..., list[Any]]
SHARED = ("articles", "feeds", "polled")


@dataclass(frozen=True, slots=True)
class Result:
    """One set's tally and how fast it was read."""

    texts: TextSet
    tally: Tally
    seconds: float
    slowest: tuple[tuple[float, str], ...] = ()

    @property
    def rate(self) -> float:
        """Return texts per second of extract() time."""
        return len(self.texts.texts) / self.seconds if self.seconds else 0.0


@dataclass(frozen=True, slots=True)
class Target:
    """A goal of issue 11 for one figure on the shared sets."""

    text: str
    met: Callable[[Tally, str], bool]


def _all_silent(tally: Tally, key: str) -> bool:
    goal = tally.silent.asked if key == "articles" else 0.95 * tally.silent.asked
    return tally.silent.right >= goal


TARGETS = {
    "series": Target("P ≥ .90 R ≥ .85 F1 ≥ .87", lambda t, _: t.series.precision >= 0.9 and t.series.recall >= 0.85
                     and t.series.f1 >= 0.87),
    "platform": Target("≥ 0.95", lambda t, _: t.platform.share >= 0.95),
    "cast": Target("F1 ≥ 0.80", lambda t, _: t.cast.f1 >= 0.8),
    "creators": Target("F1 ≥ 0.70", lambda t, _: t.creators.f1 >= 0.7),
    "status": Target("≥ 0.85", lambda t, _: t.status.share >= 0.85),
    "silent": Target("all; feeds ≥ 95 %", _all_silent),
    "excluded": Target("≤ 2", lambda t, _: len(t.excluded) <= 2),
    "speed": Target("1,000 in make bench", lambda t, _: True),
}


def guesses(found: Sequence[Any]) -> list[dict[str, Any]]:
    """Return extracted facts as `seriesbot extract --json` prints them, so the figures equal the scorer's."""
    from bot.extract import facts_to_dict

    return [facts_to_dict(facts) for facts in found]


def extractor(threshold: float | None) -> tuple[Extractor, str | None]:
    """Return extract(), bound to the threshold when it takes one, and a notice when it does not."""
    from bot.extract import extract

    if threshold is None:
        return extract, None
    if "threshold" not in inspect.signature(extract).parameters:
        return extract, f"extract() takes no threshold: --threshold {threshold} ignored"

    def bound(text: str, **options: Any) -> list[Any]:
        return extract(text, threshold=threshold, **options)

    return bound, None


def warm_up(extract: Extractor) -> None:
    """Run the extractor once so that loading its tables is not timed."""
    extract("Netflix renews ‘A Warm-Up Show’ for a second season.", headline="Warm-up", published=None)


def score_set(texts: TextSet, extract: Extractor) -> Result:
    """Extract every text of a set once and score it."""
    tally = Tally()
    timed: list[tuple[float, str]] = []
    for text in texts.texts:
        start = time.perf_counter()
        found = extract(text.body, headline=text.headline, published=text.published)
        timed.append((time.perf_counter() - start, text.ident))
        score_item(tally, text.ident, text.truth, guesses(found))
    return Result(texts, tally, sum(spent for spent, _ in timed), tuple(sorted(timed, reverse=True)[:5]))


def _prf(counts: Counts) -> str:
    return f"{counts.precision:.2f} / {counts.recall:.2f} / {counts.f1:.2f}"


def _ratio(ratio: Ratio) -> str:
    return f"{ratio.share:.2f} ({ratio.right}/{ratio.asked})" if ratio.asked else "–"


ROWS: tuple[tuple[str, str | None, Callable[[Result], str]], ...] = (
    ("texts", None, lambda r: str(len(r.texts.texts))),
    ("series P / R / F1", "series", lambda r: _prf(r.tally.series)),
    ("series matched/labelled/out", None,
     lambda r: f"{r.tally.series.hits} / {r.tally.series.labelled} / {r.tally.series.guessed}"),
    ("platform (matched)", "platform", lambda r: _ratio(r.tally.platform)),
    ("cast P / R / F1", "cast", lambda r: _prf(r.tally.cast)),
    ("creators P / R / F1", "creators", lambda r: _prf(r.tally.creators)),
    ("premiere date exact", None, lambda r: _ratio(r.tally.premiere)),
    ("status (matched)", "status", lambda r: _ratio(r.tally.status)),
    ("season (where labelled)", None, lambda r: _ratio(r.tally.season)),
    ("negatives left silent", "silent", lambda r: f"{r.tally.silent.right} / {r.tally.silent.asked}"),
    ("excluded titles announced", "excluded", lambda r: str(len(r.tally.excluded))),
    ("articles/s (one pass)", "speed", lambda r: f"{r.rate:,.0f}"),
)


def table(results: Sequence[Result], title: str) -> Table:
    """Return one table: a row per figure, a column per set."""
    grid = Table(title=title)
    grid.add_column("measure", no_wrap=True)
    for result in results:
        grid.add_column(result.texts.label, justify="right", no_wrap=True)
    grid.add_column("target (shared sets)", no_wrap=True)
    for name, goal, show in ROWS:
        cells = []
        for result in results:
            cell = show(result)
            if goal and result.texts.key in SHARED and not TARGETS[goal].met(result.tally, result.texts.key):
                cell += " *"
            cells.append(cell)
        grid.add_row(name, *cells, TARGETS[goal].text if goal else "")
    return grid


def missed_targets(results: Sequence[Result]) -> list[str]:
    """Return "set: figure" for every shared-set figure below its target."""
    return [f"{result.texts.label}: {goal}" for result in results if result.texts.key in SHARED
            for goal, target in TARGETS.items() if not target.met(result.tally, result.texts.key)]


def figures(result: Result) -> dict[str, Any]:
    """Return one set's figures as JSON-ready data."""
    tally = result.tally

    def counts(found: Counts) -> dict[str, float]:
        return {"precision": round(found.precision, 4), "recall": round(found.recall, 4), "f1": round(found.f1, 4),
                "hits": found.hits, "extracted": found.guessed, "labelled": found.labelled}

    def ratio(found: Ratio) -> dict[str, float]:
        return {"right": found.right, "asked": found.asked, "share": round(found.share, 4)}

    return {"label": result.texts.label, "texts": len(result.texts.texts), "series": counts(tally.series),
            "platform": ratio(tally.platform), "cast": counts(tally.cast), "creators": counts(tally.creators),
            "premiere_date": ratio(tally.premiere), "status": ratio(tally.status), "season": ratio(tally.season),
            "negatives_silent": ratio(tally.silent), "excluded_announced": tally.excluded,
            "articles_per_second": round(result.rate, 1), "summary": tally.summary(),
            "misses": tally.misses, "extras": tally.extras}


def _thresholds(sweep: str) -> list[float]:
    start, stop, step = (float(part) for part in sweep.split(":"))
    if step <= 0 or stop < start:
        raise ValueError(sweep)
    count = round((stop - start) / step) + 1
    return [round(start + index * step, 6) for index in range(count)]


def _sweep(sets: Sequence[TextSet], values: Sequence[float], console: Console) -> list[dict[str, Any]]:
    grid = Table(title="threshold sweep: series P / R / F1 · cast F1 · creators F1 · silent · excluded")
    grid.add_column("threshold", justify="right")
    for texts in sets:
        grid.add_column(texts.label, justify="right")
    found = []
    for value in values:
        extract, notice = extractor(value)
        if notice:
            console.print(notice)
            return found
        warm_up(extract)
        results = [score_set(texts, extract) for texts in sets]
        grid.add_row(f"{value:g}", *(f"{_prf(r.tally.series)} · {r.tally.cast.f1:.2f} · {r.tally.creators.f1:.2f}"
                                     f" · {r.tally.silent.right}/{r.tally.silent.asked} · {len(r.tally.excluded)}"
                                     for r in results))
        found.append({"threshold": value, "sets": {r.texts.key: figures(r) for r in results}})
    console.print(grid)
    return found


def _write_json(data: object, where: str) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if where == "-":
        print(text)
    else:
        Path(where).write_text(text + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Score every set and print the table; exit 1 with --check when a shared-set target is missed."""
    parser = argparse.ArgumentParser(prog="python -m bench.eval", description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses, extras and excluded titles")
    parser.add_argument("--threshold", type=float, help="passed to extract() when it accepts threshold=")
    parser.add_argument("--sweep", metavar="A:B:STEP", help="score each threshold from A to B")
    parser.add_argument("--sets", help="comma-separated keys of: articles, feeds, polled, own, heldout")
    parser.add_argument("--as-polled", action="store_true",
                        help="also score the feed items as the bot's own feed parser and entry text read them")
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON to PATH (- for stdout)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a shared-set target is missed")
    args = parser.parse_args(argv)
    console = Console(stderr=args.json == "-")
    if not console.is_terminal:
        console = Console(stderr=args.json == "-", width=160)
    sets, notices = load_sets(as_polled=args.as_polled)
    if args.sets:
        wanted = {key.strip() for key in args.sets.split(",")}
        sets = [texts for texts in sets if texts.key in wanted]
    for notice in notices:
        console.print(notice, markup=False)
    if args.sweep:
        try:
            values = _thresholds(args.sweep)
        except ValueError:
            parser.error(f"--sweep wants START:STOP:STEP with STEP > 0, got {args.sweep!r}")
        swept = _sweep(sets, values, console)
        if args.json:
            _write_json({"sweep": swept}, args.json)
        return 0
    extract, notice = extractor(args.threshold)
    if notice:
        console.print(notice)
    warm_up(extract)
    results = [score_set(texts, extract) for texts in sets]
    threshold = f", threshold {args.threshold:g}" if args.threshold is not None and not notice else ""
    console.print(table(results, f"seriesbot extractor, scored by the shared dev set's rules{threshold}"))
    for result in results:
        console.print(f"{result.texts.label}: {result.tally.summary()}", markup=False, soft_wrap=True)
    missed = missed_targets(results)
    if missed:
        console.print(f"* below target: {', '.join(missed)}", markup=False, soft_wrap=True)
    elif any(result.texts.key in SHARED for result in results):
        console.print("every shared-set target met (speed: see make bench)")
    if args.verbose:
        for result in results:
            tally = result.tally
            console.print(f"\n[bold]{result.texts.label}[/]")
            for line in ([f"  miss {m}" for m in tally.misses] + [f"  extra {e}" for e in tally.extras]
                         + [f"  excluded {x}" for x in tally.excluded]
                         + [f"  slow {ident}: {1000 * spent:.1f} ms" for spent, ident in result.slowest]):
                console.print(line, markup=False, soft_wrap=True)
    if args.json:
        _write_json({"threshold": args.threshold if not notice else None,
                     "sets": {result.texts.key: figures(result) for result in results}}, args.json)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
