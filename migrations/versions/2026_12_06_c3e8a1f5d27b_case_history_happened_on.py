"""Case history: the day each step happened, beside when it was recorded. Steps recorded before
this column existed are taken to have happened the day they were recorded (in UTC).

Revision ID: c3e8a1f5d27b
Revises: b5e1a3c7d9f2
Create Date: 2026-12-06 13:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3e8a1f5d27b'
down_revision = 'b5e1a3c7d9f2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_history") as batch_op:
        batch_op.add_column(sa.Column("happened_on", sa.Date(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE case_history SET happened_on = (occurred_at AT TIME ZONE 'UTC')::date")
    else:
        op.execute("UPDATE case_history SET happened_on = date(occurred_at)")
    with op.batch_alter_table("case_history") as batch_op:
        batch_op.alter_column("happened_on", existing_type=sa.Date(), nullable=False)


def downgrade():
    with op.batch_alter_table("case_history") as batch_op:
        batch_op.drop_column("happened_on")
