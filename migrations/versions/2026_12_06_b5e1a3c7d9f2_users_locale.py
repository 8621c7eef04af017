"""Users: the language of the pages each person chose (none: the browser's language).

Revision ID: b5e1a3c7d9f2
Revises: b8e1f3a7c942
Create Date: 2026-12-06 13:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b5e1a3c7d9f2'
down_revision = 'b8e1f3a7c942'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("locale")
