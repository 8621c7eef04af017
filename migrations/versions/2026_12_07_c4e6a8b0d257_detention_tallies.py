"""A tally for the key figures of detention work: visits by month and place visited, individual
cases by outcome, individual releases by category, country and the field office of the aggregate
record that covers them (casework.detention.tallies), filled here from the records on file.

Revision ID: c4e6a8b0d257
Revises: b9d2f4a6c813
Create Date: 2026-12-07 02:40:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c4e6a8b0d257'
down_revision = 'b9d2f4a6c813'
branch_labels = None
depends_on = None


def _month(column: str, postgresql: bool) -> str:
    return f"CAST(date_trunc('month', {column}) AS DATE)" if postgresql else f"date({column}, 'start of month')"


def upgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    started, outcome_on = _month("v.started_on", postgresql), _month("d.outcome_on", postgresql)
    visits = ("SELECT c.unit_id AS unit_id, c.confidential AS confidential, {key} AS key, "
              f"{started} AS day FROM cases c JOIN detention_visits v ON v.id = c.id WHERE v.started_on IS NOT NULL")
    cases = ("SELECT c.unit_id AS unit_id, c.confidential AS confidential, {key} AS key, "
             f"{outcome_on} AS day FROM cases c JOIN detention_cases d ON d.id = c.id ")
    covering = "COALESCE(CAST(a.unit_id AS VARCHAR), '')"
    rows = " UNION ALL ".join((
        visits.format(key="'visit'"),
        visits.format(key="'place|' || CAST(v.facility_id AS VARCHAR)"),
        cases.format(key="'outcome|' || d.outcome") + "WHERE d.outcome_on IS NOT NULL AND d.outcome IS NOT NULL",
        cases.format(key=f"'release|' || d.category || '|' || CAST(f.state_id AS VARCHAR) || '|' || {covering}")
        + "JOIN detention_facilities f ON f.id = d.facility_id"
        " LEFT JOIN detention_covered_releases r ON r.case_id = c.id"
        " LEFT JOIN detention_aggregate_releases a ON a.id = r.aggregate_id"
        " WHERE d.outcome_on IS NOT NULL AND d.outcome IN ('alternative_to_detention', 'released')"
        " AND d.category IS NOT NULL",
    ))
    op.execute("INSERT INTO tally_counts (tally, unit_id, key, day, confidential, count) "
               "SELECT 'detention_work', f.unit_id, f.key, f.day, f.confidential, count(*) "
               f"FROM ({rows}) f GROUP BY f.unit_id, f.confidential, f.key, f.day")


def downgrade():
    op.execute("DELETE FROM tally_counts WHERE tally = 'detention_work'")
