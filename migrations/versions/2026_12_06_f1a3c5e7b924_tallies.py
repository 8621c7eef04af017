"""Tallies: counts of the communications by stage and day received, by the reply they await and
its first due day, and by latest follow-up grade, kept in step with the cases
(casework.core.tallies), filled here from the cases already on file.

Revision ID: f1a3c5e7b924
Revises: e7b2d4f91a36
Create Date: 2026-12-06 19:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f1a3c5e7b924'
down_revision = 'e7b2d4f91a36'
branch_labels = None
depends_on = None

PENDING = ("'received', 'clarification_requested', 'registered', 'transmitted', 'observations_received', "
           "'comments_requested', 'ready_for_decision', 'admissible'")
COLUMNS = "INSERT INTO tally_counts (tally, unit_id, key, day, confidential, count) "
FILL = (
    COLUMNS + "SELECT 'communication_stages', c.unit_id, c.status, m.received_on, c.confidential, count(*) "
    "FROM cases c JOIN communications m ON m.id = c.id "
    "GROUP BY c.unit_id, c.confidential, c.status, m.received_on",

    COLUMNS + "SELECT 'communication_open_replies', f.unit_id, f.kind, f.due_on, f.confidential, count(*) FROM ("
    " SELECT c.unit_id AS unit_id, c.confidential AS confidential, d.kind AS kind, min(d.due_on) AS due_on"
    " FROM cases c JOIN communications m ON m.id = c.id JOIN deadlines d ON d.case_id = c.id"
    f" WHERE c.status IN ({PENDING}) AND d.kind IN ('state_observations', 'author_comments')"
    " AND d.closed_at IS NULL GROUP BY c.id, c.unit_id, c.confidential, d.kind"
    ") f GROUP BY f.unit_id, f.confidential, f.kind, f.due_on",

    COLUMNS + "SELECT 'communication_grades', g.unit_id, g.grade, '0001-01-01', g.confidential, count(*) FROM ("
    " SELECT c.unit_id AS unit_id, c.confidential AS confidential, COALESCE((SELECT r.grade FROM follow_up_rounds r"
    " WHERE r.communication_id = c.id ORDER BY r.number DESC LIMIT 1), 'none') AS grade"
    " FROM cases c JOIN communications m ON m.id = c.id WHERE c.status = 'follow_up'"
    ") g GROUP BY g.unit_id, g.confidential, g.grade",
)


def upgrade():
    op.create_table(
        "tally_counts",
        sa.Column("tally", sa.String(length=60), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tally", "unit_id", "key", "day", "confidential", name=op.f("pk_tally_counts")),
    )
    for statement in FILL:
        op.execute(statement)


def downgrade():
    op.drop_table("tally_counts")
