"""Store what the show databases said about each series, and put a match's listing on the series record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.model import Listing
from bot.store.codec import listing_from_dict, listing_to_dict
from bot.store.schema import series, series_enrichment
from bot.store.store import Store


@dataclass(frozen=True, slots=True)
class EnrichmentRecord:
    """The last enrichment of one series: matched, ambiguous, none or error, with why."""

    series_id: int
    state: str
    source: str | None
    score: float | None
    reason: str
    evidence: tuple[str, ...]
    candidates: tuple[dict[str, Any], ...]
    listing: Listing | None
    basis: str
    checked_at: datetime


async def save_enrichment(store: Store, record: EnrichmentRecord) -> None:
    """Record an outcome; a match also puts its listing on the series, touching none of the news facts."""
    async with store.transaction() as tx:
        conn = tx.connection
        exists = await conn.scalar(select(func.count()).select_from(series).where(series.c.id == record.series_id))
        if not exists:
            return  # The series was deleted meanwhile.
        await conn.execute(delete(series_enrichment).where(series_enrichment.c.series_id == record.series_id))
        await conn.execute(insert(series_enrichment).values(
            series_id=record.series_id, state=record.state, source=record.source, score=record.score,
            reason=record.reason[:2000], evidence=list(record.evidence), candidates=list(record.candidates),
            listing=listing_to_dict(record.listing) if record.listing else None, basis=record.basis,
            checked_at=record.checked_at))
        if record.state == "matched":
            await set_listing(conn, record.series_id, record.listing)
        elif record.state in ("none", "ambiguous"):
            await set_listing(conn, record.series_id, None)  # A failed request (error) keeps what was known.


async def put_listing(store: Store, series_id: int, listing: Listing | None) -> None:
    """Set the listing of a series in a transaction of its own."""
    async with store.transaction() as tx:
        await set_listing(tx.connection, series_id, listing)


async def set_listing(conn: AsyncConnection, series_id: int, listing: Listing | None) -> None:
    """Set only the listing key of a series' JSON in one statement, so a concurrent merge of news is never undone."""
    value = json.dumps(listing_to_dict(listing) if listing else None, ensure_ascii=False)
    if conn.dialect.name == "postgresql":
        statement = text("UPDATE series SET data = jsonb_set(data::jsonb, '{listing}', CAST(:value AS jsonb))::json "
                         "WHERE id = :id")
    else:
        statement = text("UPDATE series SET data = json_set(data, '$.listing', json(:value)) WHERE id = :id")
    await conn.execute(statement, {"value": value, "id": series_id})


async def get_enrichment(store: Store, series_id: int) -> EnrichmentRecord | None:
    """Return the last enrichment of a series."""
    async with store.reading() as conn:
        row = (await conn.execute(select(series_enrichment)
                                  .where(series_enrichment.c.series_id == series_id))).first()
    return _record(row) if row else None


async def series_due(store: Store, *, stale_before: datetime, retry_before: datetime, limit: int) -> list[int]:
    """Return series never enriched, matched long ago, or left unmatched (or failed) a while ago."""
    joined = series.outerjoin(series_enrichment, series_enrichment.c.series_id == series.c.id)
    due = or_(series_enrichment.c.series_id.is_(None), series_enrichment.c.checked_at < stale_before,
              (series_enrichment.c.state != "matched") & (series_enrichment.c.checked_at < retry_before))
    query = select(series.c.id).select_from(joined).where(due).order_by(series.c.last_updated.desc()).limit(limit)
    async with store.reading() as conn:
        return [int(series_id) for (series_id,) in await conn.execute(query)]


async def enrichment_counts(store: Store) -> dict[str, int]:
    """Return how many series are in each enrichment state."""
    query = select(series_enrichment.c.state, func.count()).group_by(series_enrichment.c.state)
    async with store.reading() as conn:
        return {state: int(count) for state, count in await conn.execute(query)}


def _record(row: Any) -> EnrichmentRecord:
    return EnrichmentRecord(
        series_id=int(row.series_id), state=row.state, source=row.source, score=row.score, reason=row.reason or "",
        evidence=tuple(row.evidence or ()), candidates=tuple(row.candidates or ()),
        listing=listing_from_dict(row.listing) if row.listing else None, basis=row.basis,
        checked_at=row.checked_at)
