"""The urgent actions by day registered and the visits by first day, each with its key: the
lists order by day then key, and a page came from the index of days, each row's key read from
the table and the day's rows sorted; or, at 200,000 cases, every urgent action joined to its
case and sorted (page 100: 68 ms, 20 from this index).

Revision ID: e6a8c0d2f457
Revises: d4f6b8a0c135
Create Date: 2026-12-07 18:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e6a8c0d2f457'
down_revision = 'd4f6b8a0c135'
branch_labels = None
depends_on = None

REPLACED = [  # (table, the index of days, the index of days and keys, the day's column)
    ("urgent_actions", "ix_urgent_actions_registered_on", "ix_urgent_actions_registered", "registered_on"),
    ("detention_visits", "ix_detention_visits_started_on", "ix_detention_visits_started", "started_on"),
]


def upgrade():
    for table, days, days_and_keys, column in REPLACED:
        op.create_index(days_and_keys, table, [column, "id"])
        op.drop_index(days, table_name=table)


def downgrade():
    for table, days, days_and_keys, column in REPLACED:
        op.create_index(days, table, [column])
        op.drop_index(days_and_keys, table_name=table)
