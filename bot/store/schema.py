"""Tables, in SQLAlchemy Core; the Alembic migrations create exactly these."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Store aware datetimes as UTC and always read them back aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()
Id = BigInteger().with_variant(Integer(), "sqlite")

feeds = Table(
    "feeds", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("url", String(2048), nullable=False, unique=True),
    Column("name", String(200)),
    Column("title", String(500)),
    Column("interval_seconds", Float),
    Column("follow_links", Boolean, nullable=False, default=False),
    Column("backfill", Integer),
    Column("etag", String(500)),
    Column("last_modified", String(100)),
    Column("status", String(20), nullable=False, default="new"),
    Column("next_check_at", UTCDateTime(), nullable=False),
    Column("last_checked_at", UTCDateTime()),
    Column("last_success_at", UTCDateTime()),
    Column("consecutive_failures", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("disabled_reason", Text),
    Column("paused", Boolean, nullable=False, default=False),
    Column("seeded", Boolean, nullable=False, default=False),
    Column("lease_owner", String(100)),
    Column("lease_until", UTCDateTime()),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_feeds_due", "next_check_at"),
)

entries = Table(
    "entries", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("feed_id", Id, ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False),
    Column("identity", String(1100), nullable=False),
    Column("title", Text),
    Column("link", String(2048)),
    Column("published", UTCDateTime()),
    Column("first_seen", UTCDateTime(), nullable=False),
    UniqueConstraint("feed_id", "identity", name="uq_entries_feed_identity"),
)

subscriptions = Table(
    "subscriptions", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("feed_id", Id, ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False),
    Column("platform", String(20), nullable=False),
    Column("workspace", String(64), nullable=False, default=""),
    Column("channel", String(64), nullable=False),
    Column("filters", JSON, nullable=False, default=dict),
    Column("mention", String(64)),
    Column("paused_reason", Text),
    Column("created_by", String(64)),
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint("feed_id", "platform", "channel", name="uq_subscriptions_feed_dest"),
)

series = Table(
    "series", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("title", String(500)),
    Column("status", String(20), nullable=False),
    Column("platforms", String(500), nullable=False, default=""),
    Column("premiere_date", Date),
    Column("data", JSON, nullable=False),
    Column("first_seen", UTCDateTime(), nullable=False),
    Column("last_updated", UTCDateTime(), nullable=False),
    Index("ix_series_premiere", "premiere_date"),
    Index("ix_series_updated", "last_updated"),
)

series_keys = Table(
    "series_keys", metadata,
    Column("series_id", Id, ForeignKey("series.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(600), nullable=False),
    UniqueConstraint("series_id", "key", name="uq_series_keys"),
    Index("ix_series_keys_key", "key"),
)

# Each season's premiere as last known, kept when the series moves on to a later season (the calendar's events).
season_premieres = Table(
    "season_premieres", metadata,
    Column("series_id", Id, ForeignKey("series.id", ondelete="CASCADE"), primary_key=True),
    Column("season", Integer, primary_key=True),
    Column("premiere_date", Date, nullable=False),
    Index("ix_season_premieres_date", "premiere_date"),
)

announcements = Table(
    "announcements", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("series_id", Id, ForeignKey("series.id", ondelete="CASCADE"), nullable=False),
    Column("entry_id", Id, ForeignKey("entries.id", ondelete="SET NULL")),
    Column("event", String(10), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_announcements_series", "series_id"),
)

deliveries = Table(
    "deliveries", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("announcement_id", Id, ForeignKey("announcements.id", ondelete="CASCADE")),
    Column("subscription_id", Id, ForeignKey("subscriptions.id", ondelete="SET NULL")),
    Column("kind", String(20), nullable=False, default="announcement"),
    Column("platform", String(20), nullable=False),
    Column("workspace", String(64), nullable=False, default=""),
    Column("channel", String(64), nullable=False),
    Column("mention", String(64)),
    Column("notice", Text),
    Column("state", String(20), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime(), nullable=False),
    Column("lease_owner", String(100)),
    Column("lease_until", UTCDateTime()),
    Column("message_id", String(100)),
    Column("last_error", Text),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("sent_at", UTCDateTime()),
    Column("payload", JSON),
    UniqueConstraint("announcement_id", "subscription_id", name="uq_deliveries_once"),
    Index("ix_deliveries_due", "platform", "state", "next_attempt_at"),
)

# A token bucket that every process draws from (bot/store/ratelimit.py); used on PostgreSQL only.
rate_buckets = Table(
    "rate_buckets", metadata,
    Column("name", String(200), primary_key=True),
    Column("tokens", Float, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

# What the show databases said about each series: the match (or why there is none), its score and evidence.
series_enrichment = Table(
    "series_enrichment", metadata,
    Column("series_id", Id, ForeignKey("series.id", ondelete="CASCADE"), primary_key=True),
    Column("state", String(20), nullable=False),
    Column("source", String(20)),
    Column("score", Float),
    Column("reason", Text),
    Column("evidence", JSON, nullable=False, default=list),
    Column("candidates", JSON, nullable=False, default=list),
    Column("listing", JSON),
    Column("basis", String(64), nullable=False),
    Column("checked_at", UTCDateTime(), nullable=False),
    Index("ix_series_enrichment_checked", "checked_at"),
)

# Members following a series; a follow outlives a member's refusal of direct messages.
follows = Table(
    "follows", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("platform", String(20), nullable=False),
    Column("workspace", String(64), nullable=False, default=""),
    Column("user_id", String(64), nullable=False),
    Column("series_id", Id, ForeignKey("series.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint("platform", "user_id", "series_id", name="uq_follows_user_series"),
    Index("ix_follows_series", "series_id"),
)

# Members whose direct messages were refused: told nothing further until they use a follow command again.
dm_refusals = Table(
    "dm_refusals", metadata,
    Column("platform", String(20), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("reason", Text, nullable=False),
    Column("refused_at", UTCDateTime(), nullable=False),
)

# One row per update announcement already turned into follower DMs, so no process queues them twice.
follow_fanout = Table(
    "follow_fanout", metadata,
    Column("announcement_id", Id, ForeignKey("announcements.id", ondelete="CASCADE"), primary_key=True),
    Column("queued", Integer, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

# A weekly premieres digest per channel; last_fire_at is the last occurrence handled (sent, empty or too late).
digests = Table(
    "digests", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("platform", String(20), nullable=False),
    Column("workspace", String(64), nullable=False, default=""),
    Column("channel", String(64), nullable=False),
    Column("weekday", Integer, nullable=False),
    Column("at_time", String(5), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("last_fire_at", UTCDateTime()),
    Column("created_by", String(64)),
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint("platform", "channel", name="uq_digests_destination"),
)
