"""`seriesbot extract`: run the extractor over article files."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from bot.console import series_table
from bot.extract import explain as explain_text
from bot.extract import extract, facts_to_dict
from bot.extract.article import read_text_file
from bot.extract.scoring import THRESHOLD, Verdict
from bot.kb.merge import new_series
from bot.model import SeriesFacts, Source


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    return Path(name).read_text(encoding="utf-8", errors="replace")


def _published(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def extract_files(
    files: Sequence[str], *, as_json: bool, published: str | None, out: Console, explain: bool = False
) -> int:
    """Extract each file and print JSON lines or cards; return 1 if a file could not be read."""
    try:
        when = _published(published)
    except ValueError:
        out.print(Text(f"error: --published wants YYYY-MM-DD, got {published!r}", style="red"))
        return 2
    status = 0
    for name in files:
        try:
            raw = _read(name)
        except OSError as error:
            print(f"error: cannot read {name}: {error.strerror or error}", file=sys.stderr)
            status = 1
            continue
        headline, body = read_text_file(raw)
        if explain:
            _print_verdicts(name, explain_text(body, headline=headline, published=when), out)
            continue
        found = extract(body, headline=headline, published=when)
        if as_json:
            print(json.dumps({"source": name, "series": [facts_to_dict(f) for f in found]}, ensure_ascii=False))
        else:
            _print_cards(name, found, out)
    return status


def _print_cards(name: str, found: list[SeriesFacts], out: Console) -> None:
    if not found:
        out.print(Text(f"{name}: no series announced", style="dim"))
    for facts in found:
        record = new_series(facts, Source(None, None), None, datetime.now(UTC))
        out.print(Panel(series_table(record), title=Text(f"{record.display_title}  ({name})", style="bold"),
                        title_align="left"))


def _print_verdicts(name: str, verdicts: list[Verdict], out: Console) -> None:
    out.print(Text(f"{name}: {len(verdicts)} candidates, threshold {THRESHOLD:g}", style="bold"))
    for verdict in verdicts:
        out.print(Text("  " + verdict.explain(), style="green" if verdict.kept else "dim"))
