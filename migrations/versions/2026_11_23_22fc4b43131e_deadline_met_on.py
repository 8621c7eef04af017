"""Deadlines: the day each was met, which can be before the day it was recorded.

Deadlines met before this revision take the day they were recorded, as the pages showed them.

Revision ID: 22fc4b43131e
Revises: 7d64fff0ccdc
Create Date: 2026-11-23 01:12:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '22fc4b43131e'
down_revision = '7d64fff0ccdc'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('met_on', sa.Date(), nullable=True))
    recorded_day = "date(closed_at)" if op.get_bind().dialect.name == "sqlite" \
        else "(closed_at AT TIME ZONE 'UTC')::date"
    op.execute(f"UPDATE deadlines SET met_on = {recorded_day} WHERE closed_at IS NOT NULL")


def downgrade():
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.drop_column('met_on')
