"""Tallies for the key figures of special procedures: the letters sent by month, by type, by State
addressed, by non-State actor addressed, by State addressed or copied and whether answered; and the
replies received by month (casework.special_procedures.tallies). A tally's key grows to hold an
actor's name; both are filled here from the letters already on file.

Revision ID: b9d2f4a6c813
Revises: a7c3e9f15b28
Create Date: 2026-12-07 02:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b9d2f4a6c813'
down_revision = 'a7c3e9f15b28'
branch_labels = None
depends_on = None

TALLIES = ("special_procedures_letters", "special_procedures_replies")
COLUMNS = "INSERT INTO tally_counts (tally, unit_id, key, day, confidential, count) "


def _month(column: str, postgresql: bool) -> str:
    return f"CAST(date_trunc('month', {column}) AS DATE)" if postgresql else f"date({column}, 'start of month')"


def _letters(postgresql: bool) -> str:
    sent = _month("l.sent_on", postgresql)
    letters = ("SELECT DISTINCT c.id AS id, c.unit_id AS unit_id, c.confidential AS confidential, {key} AS key,"
               f" {sent} AS day FROM cases c JOIN letters l ON l.id = c.id JOIN sp_communications s ON s.id = c.id ")
    addressed = "JOIN letter_addressees a ON a.letter_id = c.id WHERE l.sent_on IS NOT NULL AND "
    answered = "CASE WHEN EXISTS (SELECT 1 FROM sp_replies r WHERE r.communication_id = c.id) THEN '1' ELSE '0' END"
    rows = " UNION ALL ".join((
        letters.format(key="'type|' || s.comm_type") + "WHERE l.sent_on IS NOT NULL",
        letters.format(key="'to|' || CAST(a.state_id AS VARCHAR)") + addressed
        + "a.kind = 'state' AND a.is_copy = false",
        letters.format(key="'actor|' || lower(a.name)") + addressed + "a.kind = 'non_state'",
        letters.format(key=f"'state|' || CAST(a.state_id AS VARCHAR) || '|' || {answered}") + addressed
        + "a.state_id IS NOT NULL",
    ))
    return (COLUMNS + f"SELECT 'special_procedures_letters', f.unit_id, f.key, f.day, f.confidential, count(*)"
            f" FROM ({rows}) f GROUP BY f.unit_id, f.confidential, f.key, f.day")


def upgrade():
    with op.batch_alter_table("tally_counts") as batch:
        batch.alter_column("key", existing_type=sa.String(length=60), type_=sa.String(length=320),
                           existing_nullable=False)
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.execute(_letters(postgresql))
    received = _month("r.received_on", postgresql)
    op.execute(COLUMNS + f"SELECT 'special_procedures_replies', c.unit_id, '', {received}, c.confidential, count(*)"
               " FROM cases c JOIN sp_replies r ON r.communication_id = c.id"
               f" GROUP BY c.unit_id, c.confidential, {received}")


def downgrade():
    names = ", ".join(f"'{name}'" for name in TALLIES)
    op.execute(f"DELETE FROM tally_counts WHERE tally IN ({names})")
    op.execute("DELETE FROM tally_counts WHERE length(key) > 60")
    with op.batch_alter_table("tally_counts") as batch:
        batch.alter_column("key", existing_type=sa.String(length=320), type_=sa.String(length=60),
                           existing_nullable=False)
