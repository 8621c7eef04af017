"""A kind's records by reference and by state: the register of letters sorted by reference, and
every list filtered by status (the visits approved, the letters sent) with its count, read from
an index instead of every record of the kind checked and sorted.

Revision ID: a4c6e8f0b215
Revises: 23903c0c614a
Create Date: 2026-12-07 14:30:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a4c6e8f0b215'
down_revision = '23903c0c614a'
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_cases_type_reference", "cases", ["case_type", "reference", "id"]),
    ("ix_cases_type_status", "cases", ["case_type", "status", "id"]),
]


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, _table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name="cases")
