"""series enrichment from the show databases

Revision ID: 0004_enrichment
Revises: 0002
Create Date: 2026-11-30 08:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004_enrichment'
down_revision = '0002'  # the head's real id (file 0002_rate_buckets.py)
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('series_enrichment',
    sa.Column('series_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('candidates', sa.JSON(), nullable=False),
    sa.Column('listing', sa.JSON(), nullable=True),
    sa.Column('basis', sa.String(length=64), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['series_id'], ['series.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('series_id')
    )
    op.create_index('ix_series_enrichment_checked', 'series_enrichment', ['checked_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_series_enrichment_checked', table_name='series_enrichment')
    op.drop_table('series_enrichment')
