"""On PostgreSQL, the index of the links by person holds each link's case and role: a list of
persons asks each person for a link its reader may see, by that case and role, and read each
link's row to know them (page 100 of the registry at a million cases: 29 ms, 25 from the index
alone). SQLite keeps its index as it was.

Revision ID: b8d0f2a4c6e5
Revises: a7c9e1b3d5f4
Create Date: 2026-12-08 04:10:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b8d0f2a4c6e5'
down_revision = 'a7c9e1b3d5f4'
branch_labels = None
depends_on = None

NAME, TABLE = "ix_case_persons_person_id", "case_persons"


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index(NAME, table_name=TABLE)
    op.create_index(NAME, TABLE, ["person_id"], postgresql_include=["case_id", "role"])


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index(NAME, table_name=TABLE)
    op.create_index(NAME, TABLE, ["person_id"])
