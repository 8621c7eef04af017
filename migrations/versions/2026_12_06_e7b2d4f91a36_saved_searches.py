"""Saved searches: a list's filters kept under a name by their owner, shared within one of their units.

Revision ID: e7b2d4f91a36
Revises: e7b2d94c1a58
Create Date: 2026-12-06 16:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e7b2d4f91a36'
down_revision = 'e7b2d94c1a58'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("list_name", sa.String(length=40), nullable=False),
        sa.Column("query", sa.String(length=2000), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("saved_searches") as batch_op:
        batch_op.create_index("ix_saved_searches_owner_id", ["owner_id"], unique=False)
        batch_op.create_index("ix_saved_searches_unit_id", ["unit_id"], unique=False)


def downgrade():
    op.drop_table("saved_searches")
