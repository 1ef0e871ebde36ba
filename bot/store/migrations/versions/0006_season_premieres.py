"""each season's premiere, kept when a series moves on to a later season

Revision ID: 0006_season_premieres
Revises: 0005_follow
Create Date: 2026-11-30 14:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006_season_premieres'
down_revision = '0005_follow'
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    table = op.create_table('season_premieres',
    sa.Column('series_id', Id, nullable=False),
    sa.Column('season', sa.Integer(), nullable=False),
    sa.Column('premiere_date', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['series_id'], ['series.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('series_id', 'season')
    )
    op.create_index('ix_season_premieres_date', 'season_premieres', ['premiere_date'], unique=False)
    # The premieres known so far: each series' current season (earlier ones were not kept before).
    series = sa.table('series', sa.column('id', Id), sa.column('premiere_date', sa.Date()), sa.column('data', sa.JSON()))
    rows = op.get_bind().execute(sa.select(series.c.id, series.c.premiere_date, series.c.data)
                                 .where(series.c.premiere_date.is_not(None)))
    known = [{'series_id': row.id, 'season': (row.data or {}).get('season') or 1, 'premiere_date': row.premiere_date}
             for row in rows]
    if known:
        op.bulk_insert(table, known)


def downgrade() -> None:
    op.drop_index('ix_season_premieres_date', table_name='season_premieres')
    op.drop_table('season_premieres')
