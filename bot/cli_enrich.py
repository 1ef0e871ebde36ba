"""`seriesbot enrich`: match series to TVmaze and TMDB now and print what matched, with the score."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.text import Text

from bot.app import Services
from bot.commands import clean_text
from bot.enrich.view import LABELS, describe, links
from bot.store.enrichment import EnrichmentRecord

STATES = ("matched", "ambiguous", "none", "error")


async def run_enrich(services: Services, *, every: bool, title: str | None, out: Console) -> int:
    """Enrich every series, or the one a title names; print each outcome as it comes, then a count per outcome."""
    enricher = services.enricher
    if enricher is None:
        out.print("Enrichment is off: set [enrich] tvmaze = true, or TMDB_API_KEY with [enrich] tmdb = \"auto\".",
                  markup=False, highlight=False)
        return 2
    if every:
        ids = [series_id for series_id, _ in await services.store.series_titles()]
        if not ids:
            out.print("The knowledge base has no series yet: nothing to enrich.", markup=False, highlight=False)
            return 0
    else:
        query = clean_text(title or "")
        if not query:
            out.print("Give a title to enrich, or --all.", markup=False, highlight=False)
            return 2
        found = await _series_id(services, query, out)
        if found is None:
            return 1
        ids = [found]
    counts: Counter[str] = Counter()
    for series_id in ids:
        record = await enricher.enrich(series_id, force=True)
        series = await services.store.get_series(series_id)
        if record is None or series is None:
            continue  # deleted meanwhile
        counts[record.state] += 1
        # One series at a time, as it is done: `--all` on a large knowledge base takes a while.
        out.print(_outcome(f"#{series_id} {series.display_title}", record), soft_wrap=True)
    out.print(", ".join(f"{_COUNTED.get(state, state)}: {counts[state]}" for state in STATES), markup=False,
              highlight=False)
    # A database that could not answer is worth a non-zero exit; a refusal or no match is a normal outcome.
    return 1 if counts["error"] else 0


async def _series_id(services: Services, query: str, out: Console) -> int | None:
    """Return the id of the series a title (or #id) names, or print why there is none."""
    if query.startswith("#") and query[1:].isdigit():
        if await services.store.get_series(int(query[1:])) is not None:
            return int(query[1:])
        out.print(f"The knowledge base has no series {query}.", markup=False, highlight=False)
        return None
    found = await services.catalog.search(query)
    if found.series is not None and found.series.id is not None:
        return found.series.id
    out.print(f"“{query}” is not in the knowledge base: nothing to enrich.", markup=False, highlight=False)
    if found.candidates:
        out.print("Did you mean: " + ", ".join(f"“{hit.title}”" for hit in found.candidates) + "?",
                  markup=False, highlight=False)
        return None
    assert services.enricher is not None
    listed = await services.enricher.lookup(query)
    if listed is not None:
        out.print(f"{listed.source} lists (see `seriesbot series`):", markup=False, highlight=False)
        for listing in listed.listings:
            pages = "  ".join(url for _, url in links(listing))
            out.print(f"  {describe(listing)}  {pages}", markup=False, highlight=False)
    return None


def _outcome(name: str, record: EnrichmentRecord) -> Text:
    """Return 'name — state, score: what matched' and a second line with the evidence or the reason."""
    line = Text(f"{name} — ")
    line.append(_LABELS.get(record.state, record.state), style=_STYLES.get(record.state, ""))
    if record.score is not None:
        line.append(f", {'score' if record.listing else 'best'} {record.score:.2f}")
    if record.listing is not None:
        ids = record.listing.ids
        numbers = [f"tvmaze {ids.tvmaze}" if ids.tvmaze else "", f"tmdb {ids.tmdb}" if ids.tmdb else "",
                   ids.imdb or ""]
        line.append(f": {describe(record.listing)} [{', '.join(n for n in numbers if n)}]")
    elif record.candidates:
        line.append(": " + ", ".join(f"{LABELS.get(str(c.get('source')), c.get('source'))} #{c.get('id')} "
                                     f"{c.get('title')} ({float(c.get('score') or 0):.2f})"
                                     for c in record.candidates[:2]))
    line.append("\n    " + ("evidence: " + "; ".join(record.evidence) if record.evidence else record.reason))
    return line


_LABELS = {"ambiguous": "ambiguous (refused)", "none": "no match"}
_COUNTED = {"none": "no match"}
_STYLES = {"matched": "green", "ambiguous": "yellow", "none": "dim", "error": "red"}
