"""Jobs: when a job was last sent to the queue, so that one the queue lost is told from one just sent.

Revision ID: 9d4f0b6e2a17
Revises: 7e2f4a6b8c31
Create Date: 2026-12-06 11:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9d4f0b6e2a17'
down_revision = '7e2f4a6b8c31'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("jobs") as batch_op:
        batch_op.add_column(sa.Column("queued_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("jobs") as batch_op:
        batch_op.drop_column("queued_at")
