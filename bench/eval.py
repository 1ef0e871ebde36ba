"""Measure the extractor on the dev set: per-field precision, recall, F1, speed and credit leaks."""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from bot.extract import extract, facts_to_dict  # noqa: E402
from bot.extract.article import read_text_file  # noqa: E402
from bot.names import fold, person_key, title_key  # noqa: E402

ARTICLES = ROOT / "tests" / "data" / "articles"
HELDOUT = ROOT / "tests" / "data" / "heldout"
CREDIT_CUE = re.compile(
    r"(?:known\s+for|roles?\s+in|starred\s+in|appeared\s+in|credits?\s+include|also\s+known\s+as|based\s+on"
    r"|directed|wrote|created|director\s+of|creator\s+of|writer\s+of|\()[^.;]{0,80}$",
    re.IGNORECASE,
)
FIELDS = ("series", "platform", "cast", "creators", "date", "status", "kind")


@dataclass
class Article:
    """One dev-set article and what it should yield."""

    name: str
    headline: str | None
    body: str
    published: datetime | None
    expected: list[dict[str, object]]


@dataclass
class Score:
    """True positives and the sizes of the predicted and expected sets."""

    tp: int = 0
    predicted: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    def row(self) -> tuple[str, str, str]:
        """Return precision, recall and F1 as text."""
        p = self.tp / self.predicted if self.predicted else 1.0
        r = self.tp / self.expected if self.expected else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"


def load(folder: Path = ARTICLES) -> list[Article]:
    """Return the labelled articles of a folder (the dev set by default)."""
    found = []
    for path in sorted(folder.glob("*.txt")):
        headline, body = read_text_file(path.read_text(encoding="utf-8"))
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        day = meta.get("published")
        published = datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC) if day else None
        found.append(Article(path.stem, headline, body, published, meta["series"]))
    return found


def _cast_keys(series: dict[str, object]) -> set[str]:
    return {person_key(str(member["name"])) for member in series["cast"]}  # type: ignore[attr-defined,index]


def _match(expected: list[dict[str, object]], predicted: list[dict[str, object]]) -> list[tuple[int, int]]:
    """Pair expected and predicted series: by title, untitled ones by based_on or shared cast."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for i, gold in enumerate(expected):
        for j, guess in enumerate(predicted):
            if j in used:
                continue
            if gold["title"] and guess["title"]:
                same = title_key(str(gold["title"])) == title_key(str(guess["title"]))
            elif not gold["title"] and not guess["title"]:
                same = bool(gold["based_on"] and guess["based_on"] and title_key(str(gold["based_on"]))
                            == title_key(str(guess["based_on"]))) or bool(_cast_keys(gold) & _cast_keys(guess))
            else:
                same = False
            if same:
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


def _value(series: dict[str, object], name: str) -> set[str]:
    if name == "platform":
        return {str(series["platform"])} if series["platform"] else set()
    if name == "cast":
        return _cast_keys(series)
    if name == "creators":
        return {f"{person_key(str(c['name']))}|{c['job']}" for c in series["creators"]}  # type: ignore[attr-defined,index]
    if name == "date":
        value = series["premiere_date"] or series["premiere_text"]
        return {fold(str(value))} if value else set()
    if name in ("status", "kind"):
        return {str(series[name])} if series[name] else set()
    raise ValueError(name)


def _leak(article: Article, title: str) -> bool:
    """Tell whether a wrongly reported title sits after a credit cue in the text."""
    text = (article.headline or "") + "\n" + article.body
    for found in re.finditer(re.escape(title), text):
        if CREDIT_CUE.search(text[max(0, found.start() - 120) : found.start()]):
            return True
    return False


def score(articles: list[Article]) -> tuple[dict[str, Score], int, list[str]]:
    """Return per-field scores, the count of credit leaks and a list of notes on errors."""
    scores = {name: Score() for name in FIELDS}
    leaks = 0
    notes: list[str] = []
    for article in articles:
        predicted = [facts_to_dict(f) for f in extract(article.body, headline=article.headline,
                                                       published=article.published)]
        pairs = _match(article.expected, predicted)
        scores["series"].tp += len(pairs)
        scores["series"].predicted += len(predicted)
        scores["series"].expected += len(article.expected)
        matched_pred = {j for _, j in pairs}
        matched_gold = {i for i, _ in pairs}
        for j, guess in enumerate(predicted):
            if j not in matched_pred:
                notes.append(f"{article.name}: unexpected series {guess['title']!r}")
                if guess["title"] and _leak(article, str(guess["title"])):
                    leaks += 1
        for i, gold in enumerate(article.expected):
            if i not in matched_gold:
                notes.append(f"{article.name}: missed series {gold['title'] or gold['based_on']!r}")
        for name in FIELDS[1:]:
            for guess in predicted:
                scores[name].predicted += len(_value(guess, name))
            for gold in article.expected:
                scores[name].expected += len(_value(gold, name))
            for i, j in pairs:
                want, got = _value(article.expected[i], name), _value(predicted[j], name)
                scores[name].tp += len(want & got)
                if want != got:
                    notes.append(f"{article.name}: {name} of {article.expected[i]['title']!r}: "
                                 f"expected {sorted(want)} got {sorted(got)}")
    return scores, leaks, notes


def speed(articles: list[Article], seconds: float = 2.0) -> tuple[float, int]:
    """Return articles per CPU-second (one core), running the set repeatedly for at least `seconds`."""
    for article in articles:
        extract(article.body, headline=article.headline, published=article.published)
    count = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        for article in articles:
            extract(article.body, headline=article.headline, published=article.published)
            count += 1
    return count / (time.process_time() - start), count


def long_articles(articles: list[Article], size: int = 3000) -> list[Article]:
    """Return ~3 KB articles made by running dev-set bodies together, as typical news pages are that long."""
    joined: list[Article] = []
    parts: list[str] = []
    for article in articles:
        parts.append(article.body)
        if sum(len(part) for part in parts) >= size:
            first = articles[len(joined) % len(articles)]
            joined.append(Article(f"long-{len(joined)}", first.headline, "\n\n".join(parts), first.published, []))
            parts = []
    return joined


def _table(title: str, scores: dict[str, Score]) -> Table:
    table = Table(title=title)
    for column in ("field", "precision", "recall", "F1", "tp", "predicted", "expected"):
        table.add_column(column, justify="right" if column != "field" else "left")
    for name, result in scores.items():
        table.add_row(name, *result.row(), str(result.tp), str(result.predicted), str(result.expected))
    return table


def main() -> int:
    """Print the evaluation table; exit 1 when a target is missed."""
    console = Console()
    articles = load()
    scores, leaks, notes = score(articles)
    rate, runs = speed(articles)
    size = sum(len(a.body) + len(a.headline or "") for a in articles) / max(len(articles), 1)
    typical = [a for a in articles if len(a.body) >= 2300]
    typical_rate, typical_runs = speed(typical) if typical else (0.0, 0)
    typical_size = sum(len(a.body) for a in typical) / max(len(typical), 1)
    longer = long_articles(articles)
    long_rate, long_runs = speed(longer)
    long_size = sum(len(a.body) for a in longer) / max(len(longer), 1)
    console.print(_table(f"seriesbot extractor on {len(articles)} dev articles (the rules were tuned on these)",
                         scores))
    heldout = load(HELDOUT)
    held_scores, held_leaks, held_notes = score(heldout)
    console.print(_table(f"held-out set: {len(heldout)} articles written after the rules, never tuned on",
                         held_scores))
    leaks += held_leaks
    notes += held_notes
    console.print(f"speed: {rate:,.0f} articles/s on one core ({runs} runs, dev articles, mean {size:,.0f} chars)")
    console.print(f"speed: {typical_rate:,.0f} articles/s on one core ({typical_runs} runs, the {len(typical)} "
                  f"long dev articles (2.3 KB+ of body), mean {typical_size:,.0f} chars)")
    console.print(f"speed: {long_rate:,.0f} articles/s on one core ({long_runs} runs, stress: {len(longer)} articles "
                  f"made of dev bodies run together, 5-8 series each, mean {long_size:,.0f} chars)")
    console.print(f"earlier credits extracted as news: {leaks}")
    if "-v" in sys.argv:
        for note in notes:
            console.print(note, markup=False)
    targets = {"series": 0.9, "platform": 0.9, "cast": 0.85}
    failed = [name for name, goal in targets.items() if float(scores[name].row()[2]) < goal]
    slow = min(rate, typical_rate) < 300
    if failed or leaks or slow:
        console.print(f"targets missed: {failed or ''} {'leaks' if leaks else ''} {'speed' if slow else ''}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
