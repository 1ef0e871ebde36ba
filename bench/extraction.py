"""Extraction: articles per second on one core, from text and from fetched article pages.

The articles are the dev set in tests/data/articles (NAME.txt: headline, blank line, body; an
optional NAME.json with "published"). With fewer than 10 files there, synthetic articles from
bench.corpus are used instead and the rows say so.

- without link following: `bot.extract.extract` on each article's text;
- with link following: the same articles as news-site HTML pages served by bench.feed_server in
  another process; each page is fetched with the bot's Fetcher, read with
  `bot.extract.article.parse_article`, then extracted, one after the other.

- on the shared real articles: `bot.extract.extract` on the 88 real article excerpts of the shared dev set
  (<repo>/../shared/devset or $SERIESBOT_DEVSET; no link following), per CPU second of this process,
  beside the quality figures `make eval` gives for the same set. A clone without the dev set gets a
  "skipped" row.

This process is pinned to one CPU while it measures (the page server runs on another).
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench import corpus
from bench.common import ROOT, Row, feed_server, pin_to_one_core, restore_affinity, row

PART = "extraction"
DEV_SET = ROOT / "tests" / "data" / "articles"
MIN_DEV_FILES = 10
SYNTHETIC_ARTICLES = 100


@dataclass(frozen=True, slots=True)
class Article:
    """One article of the benchmark set."""

    name: str
    headline: str | None
    body: str
    published: datetime | None


def _published(meta: Path) -> datetime | None:
    if not meta.exists():
        return None
    try:
        value = json.loads(meta.read_text(encoding="utf-8")).get("published")
        return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None
    except (ValueError, AttributeError, TypeError):
        return None


def load_articles() -> tuple[list[Article], str]:
    """Return the dev set, or synthetic articles when it has fewer than 10 files, and what was used."""
    from bot.extract.article import read_text_file

    present = list(DEV_SET.iterdir()) if DEV_SET.is_dir() else []
    files = sorted(path for path in present if path.suffix == ".txt")
    if len(present) >= MIN_DEV_FILES and files:
        articles = []
        for path in files:
            headline, body = read_text_file(path.read_text(encoding="utf-8", errors="replace"))
            articles.append(Article(path.stem, headline, body, _published(path.with_suffix(".json"))))
        return articles, f"dev set: {len(articles)} articles in tests/data/articles"
    stories = [corpus.article(index) for index in range(SYNTHETIC_ARTICLES)]
    synthetic = [Article(f"synthetic-{index}", news.headline, "\n\n".join(news.paragraphs), None)
                 for index, news in enumerate(stories)]
    return synthetic, f"SYNTHETIC: {len(synthetic)} generated articles (tests/data/articles has < 10 files)"


def _repeat(work: Callable[[], int], *, min_seconds: float, max_rounds: int) -> tuple[int, float, int]:
    """Run work() (which handles the whole set once) until min_seconds passed; return (items, seconds, found)."""
    found = rounds = 0
    start = time.perf_counter()
    while rounds < max_rounds:
        found = work()
        rounds += 1
        if time.perf_counter() - start >= min_seconds:
            break
    return rounds, time.perf_counter() - start, found


def _write_pages(articles: list[Article], folder: Path) -> None:
    for index, article in enumerate(articles):
        paragraphs = [part.strip() for part in article.body.split("\n\n") if part.strip()]
        published = article.published or datetime(2026, 3, 1, tzinfo=UTC)
        page = corpus.news_page(article.headline or "", paragraphs, index, published)
        (folder / f"{index}.html").write_text(page, encoding="utf-8")


async def _follow_links(base: str, count: int, rounds: int) -> tuple[float, float, int]:
    """Fetch, read and extract every page `rounds` times; return (seconds, seconds in parse_article, found)."""
    from bot.config import FetchSettings
    from bot.extract import extract
    from bot.extract.article import parse_article
    from bot.feeds.fetch import Fetcher

    found = 0
    reading = 0.0
    start = time.perf_counter()
    async with Fetcher(FetchSettings(allow_private_networks=True), global_limit=1, per_host=1) as fetcher:
        for _round in range(rounds):
            found = 0
            for index in range(count):
                result = await fetcher.fetch(f"{base}/page/{index}.html", accept="text/html")
                began = time.perf_counter()
                page = parse_article(result.body.decode("utf-8", errors="replace"), result.url)
                reading += time.perf_counter() - began
                found += len(extract(page.text, headline=page.headline, published=page.published))
    return time.perf_counter() - start, reading, found


def _shared_articles_row(min_seconds: float) -> Row:
    """Measure extract() on the shared real articles, one core, and give the quality figures beside it."""
    from bench.devset import devset_folder, shared_articles
    from bench.eval import score_set, warm_up
    from bot.extract import extract

    name, metric = "extract() on the shared real articles", "articles/s (one core)"
    folder = devset_folder()
    if not (folder / "truth.json").is_file():
        return row(PART, name, metric, "skipped", note=f"shared dev set not found at {folder}")
    articles = shared_articles(folder)
    texts = articles.texts
    warm_up(extract)
    quality = score_set(articles, extract).tally.summary().removeprefix("SUMMARY ")

    def once() -> int:
        return sum(len(extract(t.body, headline=t.headline, published=t.published)) for t in texts)

    before = pin_to_one_core()
    try:
        cpu_start = time.process_time()
        rounds, seconds, found = _repeat(once, min_seconds=min_seconds, max_rounds=500)
        cpu = time.process_time() - cpu_start
    finally:
        restore_affinity(before)
    # CPU time, not wall time: on a machine shared with other work the wall clock also counts waiting for the core.
    rate = rounds * len(texts) / cpu
    size = sum(len(t.body) + len(t.headline or "") for t in texts) / len(texts)
    return row(PART, name, metric, f"{rate:.0f}", target="≥ 1000", met=rate >= 1000,
               note=f"{len(texts)} real excerpts, mean {size:,.0f} chars; {rounds} rounds; per CPU second "
                    f"({rounds * len(texts) / seconds:.0f}/s by the wall clock); {found} series a round; "
                    f"quality (make eval): {quality}")


def run(quick: bool) -> list[Row]:
    """Measure both ways and return the rows."""
    from bot.extract import extract

    articles, source = load_articles()
    min_seconds = 1.0 if quick else 5.0

    def once() -> int:
        return sum(len(extract(a.body, headline=a.headline, published=a.published)) for a in articles)

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="seriesbot-pages-") as tmp:
        _write_pages(articles, Path(tmp))
        with feed_server(0, Path(tmp)) as server:  # started before pinning: it keeps the other CPUs
            before = pin_to_one_core()
            try:
                once()  # warm up: lexicons, regexes
                rounds, seconds, found = _repeat(once, min_seconds=min_seconds, max_rounds=500)
                rate = rounds * len(articles) / seconds
                rows.append(row(PART, "extract() on article text", "articles/s (one core)", f"{rate:.0f}",
                                note=f"{source}; {rounds} rounds; {found} series found a round; "
                                     f"{1000 / rate:.2f} ms an article"))
                page_rounds = 1 if quick else 3
                seconds, reading, found = asyncio.run(_follow_links(server["base"], len(articles), page_rounds))
                total = page_rounds * len(articles)
                rows.append(row(PART, "fetch + parse_article() + extract()", "articles/s (one core)",
                                f"{total / seconds:.0f}",
                                note=f"pages served locally, {total} fetched; parse_article "
                                     f"{1000 * reading / total:.1f} ms a page; {found} series found a round"))
            finally:
                restore_affinity(before)
    rows.insert(1, _shared_articles_row(min_seconds))
    return rows
