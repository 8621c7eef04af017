"""Deadlines: the index of open deadlines by kind also holds the case, so the backlog's overdue
counts are read from the index alone on a large installation.

Revision ID: e7a2c4f91b36
Revises: c3e8a1f5d27b
Create Date: 2026-12-06 16:25:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e7a2c4f91b36'
down_revision = 'c3e8a1f5d27b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("deadlines") as batch_op:
        batch_op.create_index("ix_deadlines_kind_open_due_case", ["kind", "closed_at", "due_on", "case_id"],
                              unique=False)
        batch_op.drop_index("ix_deadlines_kind_open_due")


def downgrade():
    with op.batch_alter_table("deadlines") as batch_op:
        batch_op.create_index("ix_deadlines_kind_open_due", ["kind", "closed_at", "due_on"], unique=False)
        batch_op.drop_index("ix_deadlines_kind_open_due_case")
