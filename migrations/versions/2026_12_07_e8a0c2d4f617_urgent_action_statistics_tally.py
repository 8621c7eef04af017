"""A tally for the urgent actions' statistics page: the urgent actions registered by year, State
and stage, and their persons located by outcome (casework.urgent_actions.tallies), filled here
from the urgent actions on file.

Revision ID: e8a0c2d4f617
Revises: d1f3b5c7e902
Create Date: 2026-12-07 02:50:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e8a0c2d4f617'
down_revision = 'd1f3b5c7e902'
branch_labels = None
depends_on = None


def upgrade():
    year_and_state = "CAST(u.registration_year AS VARCHAR) || '|' || CAST(u.state_id AS VARCHAR) || '|'"
    actions = ("SELECT c.unit_id AS unit_id, c.confidential AS confidential, {key} AS key"
               " FROM cases c JOIN urgent_actions u ON u.id = c.id {join}"
               " WHERE u.number IS NOT NULL AND u.registration_year IS NOT NULL")
    rows = " UNION ALL ".join((
        actions.format(key=f"'status|' || {year_and_state} || c.status", join=""),
        actions.format(key=f"'outcome|' || {year_and_state} || o.outcome",
                       join="JOIN urgent_action_outcomes o ON o.case_id = c.id"),
    ))
    op.execute("INSERT INTO tally_counts (tally, unit_id, key, day, confidential, count) "
               "SELECT 'urgent_action_statistics', f.unit_id, f.key, '0001-01-01', f.confidential, count(*) "
               f"FROM ({rows}) f GROUP BY f.unit_id, f.confidential, f.key")


def downgrade():
    op.execute("DELETE FROM tally_counts WHERE tally = 'urgent_action_statistics'")
