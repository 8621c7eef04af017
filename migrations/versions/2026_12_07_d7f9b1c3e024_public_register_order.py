"""The public register's order on the communications' own table: the day a communication was
sent, set when it is published (SpCommunication.record_publication), with an index of the public
ones by that day and key. The register read its pages from the letters' days sent joined to the
cases' states; page 100 took 86 ms at a million cases on SQLite and 94 on PostgreSQL.

The communications already published get their day sent.

Revision ID: d7f9b1c3e024
Revises: c5e7a9b1d258
Create Date: 2026-12-07 23:40:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd7f9b1c3e024'
down_revision = 'c5e7a9b1d258'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("sp_communications") as batch_op:
        batch_op.add_column(sa.Column("public_sent_on", sa.Date(), nullable=True))
    op.execute(sa.text(
        "UPDATE sp_communications SET public_sent_on = "
        "(SELECT letters.sent_on FROM letters WHERE letters.id = sp_communications.id) "
        "WHERE id IN (SELECT cases.id FROM cases WHERE cases.status IN ('published', 'in_report', 'closed'))"))
    op.create_index("ix_sp_communications_public", "sp_communications", ["public_sent_on", "id"],
                    sqlite_where=sa.text("public_sent_on IS NOT NULL"),
                    postgresql_where=sa.text("public_sent_on IS NOT NULL"))


def downgrade():
    op.drop_index("ix_sp_communications_public", table_name="sp_communications")
    with op.batch_alter_table("sp_communications") as batch_op:
        batch_op.drop_column("public_sent_on")
