"""Urgent action groups: their size, and the persons still waiting while a large group is registered
in the background.

Revision ID: a4c7e9d2b615
Revises: 9d4f0b6e2a17
Create Date: 2026-12-06 13:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4c7e9d2b615'
down_revision = '9d4f0b6e2a17'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("urgent_action_groups") as batch_op:
        batch_op.add_column(sa.Column("size", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("waiting", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("urgent_action_groups") as batch_op:
        batch_op.drop_column("waiting")
        batch_op.drop_column("size")
