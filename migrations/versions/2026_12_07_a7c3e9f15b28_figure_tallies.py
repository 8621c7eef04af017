"""Tallies for the key figures: the communications registered, decided and with interim measures
requested, by committee and month (casework.communications.tallies); the urgent actions registered
by State and month, their disappeared persons by State and outcome, and the persons located by
outcome and month (casework.urgent_actions.tallies). Filled here from the cases already on file.

Revision ID: a7c3e9f15b28
Revises: f2b4d6e8a035
Create Date: 2026-12-07 02:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a7c3e9f15b28'
down_revision = 'f2b4d6e8a035'
branch_labels = None
depends_on = None

TALLIES = ("communications_registered", "communications_decided", "communications_interim_measures",
           "urgent_actions_registered", "urgent_action_persons", "urgent_action_persons_located")
COLUMNS = "INSERT INTO tally_counts (tally, unit_id, key, day, confidential, count) "


def _month(column: str, postgresql: bool) -> str:
    return f"CAST(date_trunc('month', {column}) AS DATE)" if postgresql else f"date({column}, 'start of month')"


def _month_key(column: str, postgresql: bool) -> str:
    return f"to_char({column}, 'YYYY-MM')" if postgresql else f"strftime('%Y-%m', {column})"


def _events(tally: str, table: str, on: str, kinds: tuple[str, ...], postgresql: bool) -> str:
    """Each row of `table` counted by its month, under each of `kinds` ("'*'" for any, or a column
    whose value must also match the previous row's) with the month of the case's previous row."""
    branches = []
    for kind in kinds:
        same = f" AND e.{kind} = d.{kind}" if kind != "'*'" else ""
        previous = (f"(SELECT max(e.{on}) FROM {table} e WHERE e.communication_id = d.communication_id"
                    f" AND (e.{on} < d.{on} OR (e.{on} = d.{on} AND e.id < d.id)){same})")
        branches.append(
            f"SELECT c.unit_id AS unit_id, c.confidential AS confidential,"
            f" {kind} || '|' || COALESCE({_month_key(previous, postgresql)}, '') AS key,"
            f" {_month('d.' + on, postgresql)} AS day"
            f" FROM cases c JOIN communications m ON m.id = c.id JOIN {table} d ON d.communication_id = c.id")
    return (COLUMNS + f"SELECT '{tally}', f.unit_id, f.key, f.day, f.confidential, count(*) FROM ("
            + " UNION ALL ".join(branches) + ") f GROUP BY f.unit_id, f.confidential, f.key, f.day")


def _grouped(tally: str, rows: str) -> str:
    """`rows` of (unit_id, confidential, key, day) counted into `tally`."""
    return (COLUMNS + f"SELECT '{tally}', f.unit_id, f.key, f.day, f.confidential, count(*) FROM ({rows}) f"
            " GROUP BY f.unit_id, f.confidential, f.key, f.day")


def _urgent_actions(postgresql: bool) -> tuple[str, ...]:
    states = "CAST(u.state_id AS VARCHAR) || '|' || COALESCE(CAST(u.second_state_id AS VARCHAR), '')"
    registered = _month("u.registered_on", postgresql)
    actions = ("SELECT c.unit_id AS unit_id, c.confidential AS confidential, {key} AS key, {day} AS day"
               " FROM cases c JOIN urgent_actions u ON u.id = c.id ")
    return (
        _grouped("urgent_actions_registered", actions.format(key=states, day=registered)
                 + "WHERE u.registered_on IS NOT NULL"),
        _grouped("urgent_action_persons", actions.format(key=f"{states} || '|' || COALESCE(o.outcome, '')",
                                                         day=registered)
                 + "JOIN case_persons p ON p.case_id = c.id AND p.role = 'disappeared_person'"
                 " LEFT JOIN urgent_action_outcomes o ON o.case_id = c.id AND o.person_id = p.person_id"
                 " WHERE u.registered_on IS NOT NULL"),
        _grouped("urgent_action_persons_located", actions.format(key="o.outcome",
                                                                 day=_month("o.located_on", postgresql))
                 + "JOIN urgent_action_outcomes o ON o.case_id = c.id"),
    )


def upgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    month = _month("m.registered_on", postgresql)
    op.execute(COLUMNS + f"SELECT 'communications_registered', c.unit_id, '', {month}, c.confidential, count(*)"
               " FROM cases c JOIN communications m ON m.id = c.id WHERE m.registered_on IS NOT NULL"
               f" GROUP BY c.unit_id, c.confidential, {month}")
    op.execute(_events("communications_decided", "communication_decisions", "adopted_on",
                       ("'*'", "decision_type"), postgresql))
    op.execute(_events("communications_interim_measures", "interim_measures", "requested_on", ("'*'",), postgresql))
    for statement in _urgent_actions(postgresql):
        op.execute(statement)


def downgrade():
    names = ", ".join(f"'{name}'" for name in TALLIES)
    op.execute(f"DELETE FROM tally_counts WHERE tally IN ({names})")
