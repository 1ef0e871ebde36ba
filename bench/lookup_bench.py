"""Time TitleIndex search and suggest over synthetic series titles: .venv/bin/python bench/lookup_bench.py."""

from __future__ import annotations

import gc
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence

from bot.lookup import Hit, TitleIndex

SEED = 20250314
_ENGLISH = """
the a of and my our love king queen night day city house secret last first little big dark light blue red
black white golden silent lost hidden broken perfect strange sweet bitter wild young old new good bad
doctor lawyer detective killer hunter prince princess emperor soldier teacher student chef nurse pilot
mate soul heart mind dream dreams game games war peace life death moon sun star stars sea river mountain
road story stories family brothers sisters friends strangers lovers enemies ghost ghosts monster devil
angel god gods hero heroes villain legend legends empire kingdom republic island islands garden forest
winter summer spring autumn rain snow storm fire ice blood glass gold silver iron stone paper
school hospital hotel restaurant station prison palace office agency court academy village town
mystery crime justice truth lies secrets promise promises memory memories chance second again forever
tomorrow yesterday today midnight morning evening hour hours season seasons time times way ways
"""
_ROMANIZED = """
sarang haengbok uri naui geudae yeonae gajok chingu seoul busan jeju hanok dosi bam achim haneul
yume koi hana sakura tokyo kyoto natsu fuyu tsuki hoshi kimi boku sekai mirai kokoro michi kaze umi
shin nakama himitsu kiseki tenshi akuma yoru asa sora
"""
_NON_LATIN = """
사랑 행복 우리 비밀 왕 밤 바다 하늘 가족 친구 도시 기억 약속 시간 별
恋 夢 花 月 星 空 海 東京 秘密 家族 未来 心 世界 物語
любовь ночь город тайна король море время
"""
_SYLLABLES = "ka ra mi son de la ven to ri na el an ja mo su ki lo vi ne ta go be zo ha"


def _pseudo_words(rng: random.Random, count: int) -> list[str]:
    """Return invented words so the vocabulary is large enough for few accidental duplicates."""
    syllables = _SYLLABLES.split()
    return ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(count)]


def make_titles(rng: random.Random, count: int) -> list[str]:
    """Return realistic titles of 1 to 6 words, a few of them remakes (exact duplicates)."""
    latin = [*_ENGLISH.split(), *_ROMANIZED.split(), *_pseudo_words(rng, 4_000)]
    non_latin = _NON_LATIN.split()
    titles: list[str] = []
    for _ in range(count):
        if titles and rng.random() < 0.02:
            titles.append(rng.choice(titles))
            continue
        vocabulary = non_latin if rng.random() < 0.05 else latin
        words = rng.choices(vocabulary, k=rng.choices(range(1, 7), weights=(12, 30, 25, 16, 10, 7))[0])
        title = " ".join(words).title()
        titles.append(title if rng.random() < 0.9 else f"{title}: {rng.choice(latin).title()}")
    return titles


def _exact(rng: random.Random, text: str) -> str:
    """Return the title as a user might type it: other case, maybe without punctuation."""
    text = text.lower() if rng.random() < 0.5 else text.upper()
    return text.replace(":", "") if rng.random() < 0.5 else text


def _typo(rng: random.Random, text: str) -> str:
    """Return the text with one or two random edits."""
    for _ in range(rng.choice((1, 1, 1, 2))):
        at = rng.randrange(len(text))
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
        edit = rng.choice(("swap", "drop", "add", "replace"))
        if edit == "swap" and at + 1 < len(text):
            text = text[:at] + text[at + 1] + text[at] + text[at + 2 :]
        elif edit == "drop" and len(text) > 3:
            text = text[:at] + text[at + 1 :]
        elif edit == "add":
            text = text[:at] + letter + text[at:]
        else:
            text = text[:at] + letter + text[at + 1 :]
    return text


def _partial(rng: random.Random, text: str) -> str:
    """Return a prefix of the title or a run of its words from the middle."""
    words = text.split()
    if len(words) > 2 and rng.random() < 0.5:
        start = rng.randrange(1, len(words))
        return " ".join(words[start : start + rng.randint(1, 2)])
    return text[: max(3, rng.randint(len(text) // 2, len(text)))]


def _timed(call: Callable[[str], list[Hit]], queries: Sequence[str]) -> tuple[list[float], list[list[Hit]]]:
    timings: list[float] = []
    results: list[list[Hit]] = []
    for query in queries:
        start = time.perf_counter_ns()
        results.append(call(query))
        timings.append((time.perf_counter_ns() - start) / 1e6)
    return timings, results


def _row(name: str, timings: Sequence[float], recall: float | None = None) -> dict[str, object]:
    ordered = sorted(timings)
    cut = statistics.quantiles(ordered, n=100, method="inclusive") if len(ordered) > 1 else ordered * 99
    return {
        "name": name,
        "count": len(ordered),
        "p50_ms": round(cut[49], 3),
        "p95_ms": round(cut[94], 3),
        "p99_ms": round(cut[98], 3),
        "max_ms": round(ordered[-1], 3),
        "recall": None if recall is None else round(recall, 3),
    }


def _build(titles: Sequence[str]) -> TitleIndex:
    index = TitleIndex()
    for series_id, title in enumerate(titles, start=1):
        index.add(series_id, title)
    index.search("warm up")
    return index


def run(n_series: int = 50_000, n_queries: int = 2_000) -> list[dict[str, object]]:
    """Build an index of synthetic titles, time searches and suggests, and return one row per measure."""
    rng = random.Random(SEED)
    titles = make_titles(rng, n_series)

    tracemalloc.start()
    held = _build(titles)
    memory_mb = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    del held
    gc.collect()
    start = time.perf_counter()
    index = _build(titles)
    build_ms = (time.perf_counter() - start) * 1e3

    kinds = {"exact": _exact, "typo": _typo, "partial": _partial}
    rows: list[dict[str, object]] = [
        {"name": "build", "count": n_series, "total_ms": round(build_ms, 1), "memory_mb": round(memory_mb, 1)}
    ]
    every: list[float] = []
    for kind, alter in kinds.items():
        picked = [rng.randrange(n_series) for _ in range(n_queries // len(kinds))]
        queries = [alter(rng, titles[at]) for at in picked]
        timings, results = _timed(index.search, queries)
        found = sum(any(hit.title == titles[at] for hit in hits) for at, hits in zip(picked, results, strict=True))
        rows.append(_row(f"search.{kind}", timings, found / len(picked)))
        every.extend(timings)
    rows.insert(1, _row("search", every))

    prefixes = [titles[rng.randrange(n_series)][: rng.randint(1, 6)] for _ in range(n_queries)]
    rows.append(_row("suggest", _timed(index.suggest, prefixes)[0]))
    rows.append(_row("suggest.empty", _timed(index.suggest, [""] * (n_queries // 10))[0]))
    return rows


def _print(rows: Sequence[dict[str, object]]) -> None:
    columns = ("name", "count", "p50_ms", "p95_ms", "p99_ms", "max_ms", "recall", "total_ms", "memory_mb")
    print("  ".join(f"{column:>14}" for column in columns))
    for row in rows:
        print("  ".join(f"{'' if row.get(column) is None else row[column]!s:>14}" for column in columns))


if __name__ == "__main__":
    _print(run())
