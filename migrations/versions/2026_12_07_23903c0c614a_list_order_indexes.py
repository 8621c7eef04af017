"""Lists in their order for readers of every unit: the communications of every committee by the
day received, registered or their number, a kind's records (the register of letters) newest first,
and the registry of persons newest first. Each index also holds the id, which keeps rows of the
same value in one order from page to page. The index on the day registered alone is replaced by
the one that also holds the id.

Revision ID: 23903c0c614a
Revises: f5a7c9e1b364
Create Date: 2026-12-07 11:40:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '23903c0c614a'
down_revision = 'f5a7c9e1b364'
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_communications_received", "communications", ["received_on", "id"]),
    ("ix_communications_registered", "communications", ["registered_on", "id"]),
    ("ix_communications_number", "communications", ["year", "number", "id"]),
    ("ix_cases_type_created", "cases", ["case_type", "created_at", "id"]),
    ("ix_persons_registered", "persons", ["created_at", "id"]),
]


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    op.drop_index("ix_communications_registered_on", table_name="communications")


def downgrade():
    op.create_index("ix_communications_registered_on", "communications", ["registered_on"])
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
