"""Rows of the store as frozen records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.destinations import Destination, Platform
from bot.filters import Filters
from bot.model import Announcement


@dataclass(frozen=True, slots=True)
class FeedRecord:
    """A feed and its polling state."""

    id: int
    url: str
    name: str | None
    title: str | None
    interval_seconds: float | None
    follow_links: bool
    backfill: int | None
    etag: str | None
    last_modified: str | None
    status: str
    next_check_at: datetime
    last_checked_at: datetime | None
    last_success_at: datetime | None
    consecutive_failures: int
    last_error: str | None
    disabled_reason: str | None
    paused: bool
    seeded: bool

    @property
    def label(self) -> str:
        """Return the name an admin knows the feed by."""
        return self.name or self.title or self.url

    @property
    def state(self) -> str:
        """Return new, ok, not_modified, error, disabled or paused."""
        if self.paused:
            return "paused"
        if self.disabled_reason:
            return "disabled"
        return self.status

    @classmethod
    def from_row(cls, row: Any) -> FeedRecord:
        """Build from a feeds row."""
        return cls(**{name: getattr(row, name) for name in cls.__slots__})


@dataclass(frozen=True, slots=True)
class Subscription:
    """A feed routed to one destination, with its filters and mention."""

    id: int
    feed_id: int
    destination: Destination
    filters: Filters
    mention: str | None
    paused_reason: str | None
    created_by: str | None

    @classmethod
    def from_row(cls, row: Any) -> Subscription:
        """Build from a subscriptions row."""
        return cls(
            id=row.id,
            feed_id=row.feed_id,
            destination=Destination(Platform(row.platform), row.channel, row.workspace or ""),
            filters=Filters.from_dict(row.filters),
            mention=row.mention,
            paused_reason=row.paused_reason,
            created_by=row.created_by,
        )


@dataclass(frozen=True, slots=True)
class DeliveryJob:
    """A claimed delivery: an announcement (or a notice) for one destination."""

    id: int
    destination: Destination
    announcement: Announcement | None
    notice: str | None
    mention: str | None
    subscription_id: int | None
    attempts: int
    kind: str = "announcement"
    payload: dict[str, Any] | None = None
