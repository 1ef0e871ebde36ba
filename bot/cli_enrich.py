"""`seriesbot enrich`: match series to TVmaze and TMDB now and print what matched, with the score."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.app import Services
from bot.commands import clean_text
from bot.enrich.view import describe, links
from bot.store.enrichment import EnrichmentRecord


async def run_enrich(services: Services, *, every: bool, title: str | None, out: Console) -> int:
    """Enrich every series, or the one a title names; print one row per series."""
    enricher = services.enricher
    if enricher is None:
        out.print("Enrichment is switched off: [enrich] tvmaze = false and no TMDB_API_KEY.", markup=False)
        return 2
    if every:
        ids = [series_id for series_id, _ in await services.store.series_titles()]
    else:
        query = clean_text(title or "")
        found = await services.catalog.search(query)
        if found.series is None or found.series.id is None:
            listed = await enricher.lookup(query)
            if listed is None:
                out.print(f"Not in the news yet, and no show database lists “{query}”.", markup=False)
                return 1
            out.print(f"Not in the news yet. {listed.source}:", markup=False)
            for listing in listed.listings:
                pages = "  ".join(url for _, url in links(listing))
                out.print(f"  {describe(listing)}  {pages}", markup=False, highlight=False)
            return 0
        ids = [found.series.id]
    table = Table("series", "result", "score", "match", "evidence / reason")
    counts: Counter[str] = Counter()
    for series_id in ids:
        record = await enricher.enrich(series_id, force=True)
        series = await services.store.get_series(series_id)
        if record is None or series is None:
            continue
        counts[record.state] += 1
        table.add_row(Text(f"#{series_id} {series.display_title}"), record.state,
                      f"{record.score:.2f}" if record.score is not None else "", Text(_match(record)),
                      Text("; ".join(record.evidence) or record.reason))
    out.print(table)
    out.print(", ".join(f"{state}: {counts[state]}" for state in ("matched", "ambiguous", "none", "error")),
              markup=False, highlight=False)
    return 0


def _match(record: EnrichmentRecord) -> str:
    if record.listing is None:
        return ", ".join(f"{c.get('title')} ({c.get('source')} {c.get('score')})" for c in record.candidates[:2])
    ids = record.listing.ids
    numbers = [f"tvmaze {ids.tvmaze}" if ids.tvmaze else "", f"tmdb {ids.tmdb}" if ids.tmdb else "",
               ids.imdb or ""]
    return f"{describe(record.listing)} [{', '.join(n for n in numbers if n)}]"
