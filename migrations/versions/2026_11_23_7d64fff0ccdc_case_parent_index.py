"""Cases: index only the records that belong to another case.

Most cases have no parent; with every case in the index, SQLite's planner took "no parent" for a
rare value and read every case through it.

Revision ID: 7d64fff0ccdc
Revises: b0dde4a6332e
Create Date: 2026-11-23 01:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7d64fff0ccdc'
down_revision = 'b0dde4a6332e'
branch_labels = None
depends_on = None

ONLY_CHILDREN = sa.text("parent_id IS NOT NULL")


def upgrade():
    op.drop_index("ix_cases_parent_id", table_name="cases")
    op.create_index("ix_cases_parent_id", "cases", ["parent_id"], unique=False,
                    sqlite_where=ONLY_CHILDREN, postgresql_where=ONLY_CHILDREN)


def downgrade():
    op.drop_index("ix_cases_parent_id", table_name="cases")
    op.create_index("ix_cases_parent_id", "cases", ["parent_id"], unique=False)
