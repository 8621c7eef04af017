"""Tallies: an index by tally and day holding every column, so that a period's counts across every
unit and key are read from it alone rather than from every year's counts.

Revision ID: d1f3b5c7e902
Revises: c4e6a8b0d257
Create Date: 2026-12-07 02:15:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd1f3b5c7e902'
down_revision = 'c4e6a8b0d257'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_tally_counts_tally_day", "tally_counts",
                    ["tally", "day", "confidential", "unit_id", "key", "count"])


def downgrade():
    op.drop_index("ix_tally_counts_tally_day", table_name="tally_counts")
