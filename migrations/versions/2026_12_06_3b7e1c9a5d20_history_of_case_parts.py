"""Case history: a transition of a case's part (interim measures, a co-signature) names the part.

Revision ID: 3b7e1c9a5d20
Revises: 22fc4b43131e
Create Date: 2026-12-06 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3b7e1c9a5d20'
down_revision = '22fc4b43131e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_history") as batch_op:
        batch_op.add_column(sa.Column("part", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("part_id", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("case_history") as batch_op:
        batch_op.drop_column("part_id")
        batch_op.drop_column("part")
