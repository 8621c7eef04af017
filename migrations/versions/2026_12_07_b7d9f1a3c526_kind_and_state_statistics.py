"""PostgreSQL: statistics of kinds and states together. It otherwise takes a kind's records in one
state (the visits approved) for the product of the two shares, a tenth of what they are at
1,000,000 cases, and joins every visit to them where reading the list's order would stop at a
page: 92 ms instead of 37. SQLite's statistics of the (kind, state) index already know.

Revision ID: b7d9f1a3c526
Revises: a4c6e8f0b215
Create Date: 2026-12-07 15:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7d9f1a3c526'
down_revision = 'a4c6e8f0b215'
branch_labels = None
depends_on = None


STATISTICS = "CREATE STATISTICS st_cases_type_status (mcv, dependencies) ON case_type, status FROM cases"


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(STATISTICS)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP STATISTICS st_cases_type_status")
