"""Cases: on PostgreSQL the index of a unit's confidential cases also holds their ids, so the
cases a list leaves out are read from the index alone (SQLite's indexes hold the id already).

Revision ID: f2b4d6e8a035
Revises: f1a3c5e7b924
Create Date: 2026-12-06 20:45:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f2b4d6e8a035'
down_revision = 'f1a3c5e7b924'
branch_labels = None
depends_on = None


def _rebuild(**include):
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_cases_unit_confidential", table_name="cases")
    op.create_index("ix_cases_unit_confidential", "cases", ["unit_id", "confidential"], **include)


def upgrade():
    _rebuild(postgresql_include=["id"])


def downgrade():
    _rebuild()
