"""Lists in their order for readers of every unit: the communications of every committee by the
day received, registered or their number, a kind's records (the register of letters) newest first,
the registry of persons newest first, a kind's records by the day updated (the special
procedures' list) and letters by the day sent (their public register). Each index also holds the id, which keeps rows of the same value in one order
from page to page, and replaces the index without it.

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
    ("ix_cases_type_updated_id", "cases", ["case_type", "updated_at", "id"]),
    ("ix_letters_sent", "letters", ["sent_on", "id"]),
]
REPLACED = [  # (name, table, columns): each the start of one above
    ("ix_communications_registered_on", "communications", ["registered_on"]),
    ("ix_cases_type_updated", "cases", ["case_type", "updated_at"]),
    ("ix_letters_sent_on", "letters", ["sent_on"]),
]


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    for name, table, _columns in REPLACED:
        op.drop_index(name, table_name=table)


def downgrade():
    for name, table, columns in REPLACED:
        op.create_index(name, table, columns)
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
