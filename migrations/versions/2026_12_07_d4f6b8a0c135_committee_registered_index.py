"""A committee's communications in the order they were registered: its list sorted by the day
registered read the index of every committee's and passed nine communications of ten (5,000
read for a page of the CCPR's at a million cases; 700 from this index).

Revision ID: d4f6b8a0c135
Revises: c2e4a6b8d013
Create Date: 2026-12-07 17:50:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd4f6b8a0c135'
down_revision = 'c2e4a6b8d013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_communications_committee_registered", "communications",
                    ["committee_id", "registered_on", "id"])


def downgrade():
    op.drop_index("ix_communications_committee_registered", table_name="communications")
