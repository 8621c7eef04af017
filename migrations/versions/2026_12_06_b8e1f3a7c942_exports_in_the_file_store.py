"""Exports in the file store: the file's SHA-256 and size, checked on download; `file_path` now
holds the file's key in the export store.

Revision ID: b8e1f3a7c942
Revises: a4c7e9d2b615
Create Date: 2026-12-06 13:25:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8e1f3a7c942'
down_revision = 'a4c7e9d2b615'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("exports") as batch_op:
        batch_op.add_column(sa.Column("sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("size", sa.BigInteger(), nullable=True))


def downgrade():
    with op.batch_alter_table("exports") as batch_op:
        batch_op.drop_column("size")
        batch_op.drop_column("sha256")
