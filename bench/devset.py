"""The labelled text sets `make eval` scores: the shared real articles and feed items, and the project's own.

The shared dev set lives outside the repository (<repo>/../shared/devset, or $SERIESBOT_DEVSET); a fresh
clone has none, and every loader here says so instead of failing. Each text is read the way
`seriesbot extract` reads a file (headline on the first line), so that the figures equal those of the
dev set's own scorer run over `seriesbot extract --json`.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OWN_ARTICLES = ROOT / "tests" / "data" / "articles"
OWN_HELDOUT = ROOT / "tests" / "data" / "heldout"
DEVSET_VARIABLE = "SERIESBOT_DEVSET"
TAGS = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Text:
    """One labelled text as the extractor is given it."""

    ident: str
    headline: str | None
    body: str
    published: datetime | None
    truth: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class TextSet:
    """A named set of labelled texts."""

    key: str
    label: str
    texts: tuple[Text, ...]


def devset_folder() -> Path:
    """Return where the shared dev set should be: $SERIESBOT_DEVSET, else <repo>/../shared/devset."""
    chosen = os.environ.get(DEVSET_VARIABLE)
    if not chosen:
        return ROOT.parent / "shared" / "devset"
    folder = Path(chosen).expanduser()
    # Accept the shared folder itself as well as its devset/ inside.
    return folder / "devset" if (folder / "devset" / "truth.json").is_file() else folder


def _as_file(headline: str, body: str) -> tuple[str | None, str]:
    """Return (headline, body) as `seriesbot extract` reads a text file holding the two."""
    from bot.extract.article import read_text_file

    return read_text_file(f"{headline}\n\n{body}\n")


def _day(value: object, hour: int) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(str(value)).replace(hour=hour, tzinfo=UTC)


def shared_articles(folder: Path) -> TextSet:
    """Return the shared real articles (truth.json + articles/ID.txt), dated as the CLI dates them."""
    from bot.extract.article import read_text_file

    texts = []
    for truth in json.loads((folder / "truth.json").read_text(encoding="utf-8")):
        raw = (folder / "articles" / f"{truth['id']}.txt").read_text(encoding="utf-8", errors="replace")
        headline, body = read_text_file(raw)
        texts.append(Text(truth["id"], headline, body, _day(truth.get("published"), 0), truth))
    return TextSet("articles", "shared articles", tuple(texts))


def _entries(path: Path) -> list[Any]:
    import feedparser

    return list(feedparser.parse(io.BytesIO(path.read_bytes())).entries)


def _summary_text(entry: Any) -> str:
    """Return an entry's summary (else its first content) as one line of plain text."""
    if entry is None:
        return ""
    markup = entry.get("summary") or (entry.get("content") or [{}])[0].get("value", "")
    return SPACES.sub(" ", html.unescape(TAGS.sub(" ", markup))).strip()


def shared_feed_items(folder: Path) -> TextSet:
    """Return the shared real feed items: each item's headline and its feed entry's summary, numbered i001…."""
    feeds = folder / "feeds"
    entries: dict[str, list[Any]] = {}
    texts = []
    for number, item in enumerate(json.loads((feeds / "items.json").read_text(encoding="utf-8")), 1):
        if item["feed"] not in entries:
            entries[item["feed"]] = _entries(feeds / item["feed"])
        entry = next((e for e in entries[item["feed"]] if item.get("guid") in (e.get("id"), e.get("link"))), None)
        headline, body = _as_file(item["title"], _summary_text(entry))
        texts.append(Text(f"i{number:03d}", headline, body, _day(item.get("published"), 0), item))
    return TextSet("feeds", "shared feed items", tuple(texts))


def shared_feed_items_as_polled(folder: Path) -> TextSet:
    """Return the same feed items read by the bot's own feed parser and entry text, as a poll reads them."""
    from bot.feeds.parse import parse_feed
    from bot.normalise import entry_text

    feeds = folder / "feeds"
    entries: dict[str, list[Any]] = {}
    texts = []
    for number, item in enumerate(json.loads((feeds / "items.json").read_text(encoding="utf-8")), 1):
        if item["feed"] not in entries:
            entries[item["feed"]] = parse_feed((feeds / item["feed"]).read_bytes(), f"file:{item['feed']}").entries
        entry = next((e for e in entries[item["feed"]] if item.get("guid") in (e.identity, e.link)), None)
        if entry is None:
            texts.append(Text(f"i{number:03d}", item["title"], "", _day(item.get("published"), 0), item))
        else:
            texts.append(Text(f"i{number:03d}", entry.title or None, entry_text(entry), entry.published, item))
    return TextSet("polled", "shared feed items, as polled", tuple(texts))


def _own_truth(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Return the project's label file in the shared label shape."""
    series = []
    for label in meta.get("series", []):
        series.append({**label,
                       "cast": [member["name"] for member in label.get("cast", [])],
                       "creators": [credit["name"] for credit in label.get("creators", [])]})
    return {"negative": not series, "series": series, "excluded_mentions": meta.get("not_series", [])}


def own_set(folder: Path, key: str, label: str) -> TextSet:
    """Return a folder of the project's NAME.txt + NAME.json pairs, dated at noon UTC as its tests do."""
    from bot.extract.article import read_text_file

    texts = []
    for path in sorted(folder.glob("*.txt")):
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        headline, body = read_text_file(path.read_text(encoding="utf-8"))
        texts.append(Text(path.stem, headline, body, _day(meta.get("published"), 12), _own_truth(meta)))
    return TextSet(key, label, tuple(texts))


def load_sets(*, shared: bool = True, own: bool = True, as_polled: bool = False) -> tuple[list[TextSet], list[str]]:
    """Return the sets there are and a one-line notice for each that is missing."""
    sets: list[TextSet] = []
    notices: list[str] = []
    if shared:
        folder = devset_folder()
        articles, feeds = (folder / "truth.json").is_file(), (folder / "feeds" / "items.json").is_file()
        sets += [shared_articles(folder)] if articles else []
        sets += [shared_feed_items(folder)] if feeds else []
        sets += [shared_feed_items_as_polled(folder)] if feeds and as_polled else []
        if not articles and not feeds:
            notices.append(f"shared dev set not found at {folder} (set ${DEVSET_VARIABLE}): skipped")
        elif not articles or not feeds:
            notices.append(f"shared dev set at {folder} has no {'truth.json' if feeds else 'feeds/items.json'}: "
                           "that set skipped")
    if own:
        sets += [own_set(folder, key, label) for folder, key, label in (
            (OWN_ARTICLES, "own", "own articles"), (OWN_HELDOUT, "heldout", "own held-out")) if folder.is_dir()]
    return sets, notices
