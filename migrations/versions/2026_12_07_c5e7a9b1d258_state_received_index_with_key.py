"""A State's communications by day received now hold the key: the list of one State's
communications counted up to its bound read each communication's row for its key (a bitmap of
the State's rows, then the table: 12-21 ms at a million cases on PostgreSQL, against 2,900 rows);
from the index alone, with the key, the count and the page both come in the list's order.

Revision ID: c5e7a9b1d258
Revises: b3d5f7a9c146
Create Date: 2026-12-07 23:30:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c5e7a9b1d258'
down_revision = 'b3d5f7a9c146'
branch_labels = None
depends_on = None

NAME, TABLE = "ix_communications_state_received", "communications"


def upgrade():
    op.drop_index(NAME, table_name=TABLE)
    op.create_index(NAME, TABLE, ["state_id", "received_on", "id"])


def downgrade():
    op.drop_index(NAME, table_name=TABLE)
    op.create_index(NAME, TABLE, ["state_id", "received_on"])
