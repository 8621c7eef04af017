"""The migration to one outcome per person carries an urgent action's single outcome over to every
disappeared person it covers, and back (SQLite and PostgreSQL, as the suite's database)."""
from __future__ import annotations

from datetime import date

from tests.test_migrations import insert_row, rows_after, written_at

BEFORE, OUTCOMES = "e7a2c4f91b36", "e7a2c5d18f43"


def test_each_disappeared_person_takes_the_outcome_of_the_urgent_action(app, empty_database_url, tmp_path):
    with written_at(BEFORE, empty_database_url, tmp_path) as (connection, metadata):
        insert_row(connection, metadata, "units", id=1, code="CED", name="CED", kind="COMMITTEE", settings="{}")
        insert_row(connection, metadata, "users", id=1, email="o@example.org", name="Officer")
        insert_row(connection, metadata, "states", id=1, iso2="MX", iso3="MEX", name="Mexico")
        for case_id, located in ((1, "in_detention"), (2, None)):
            insert_row(connection, metadata, "cases", id=case_id, case_type="urgent_action", unit_id=1, officer_id=1,
                    title=f"UA {case_id}", status="located_in_detention" if located else "awaiting_reply",
                    confidential=False, version=1, reference=f"UA {case_id}/2025")
            insert_row(connection, metadata, "urgent_actions", id=case_id, state_id=1, received_on=date(2025, 1, 2),
                    located=located, located_on=date(2025, 6, 1) if located else None, criteria="{}")
        for person_id, (case_id, role) in enumerate(((1, "disappeared_person"), (1, "disappeared_person"),
                                                     (1, "author"), (2, "disappeared_person")), start=1):
            insert_row(connection, metadata, "persons", id=person_id, family_name=f"Person {person_id}", unit_id=1)
            insert_row(connection, metadata, "case_persons", id=person_id, case_id=case_id, person_id=person_id,
                    role=role)

    rows = rows_after("upgrade", OUTCOMES, empty_database_url, tmp_path,
                      "SELECT case_id, person_id, outcome, located_on, recorded_by_id FROM urgent_action_outcomes "
                      "ORDER BY person_id")
    # Both brothers of the first request, not its author; nothing for the request still open.
    assert [(r[0], r[1], r[2], str(r[3]), r[4]) for r in rows] == [
        (1, 1, "in_detention", "2025-06-01", 1), (1, 2, "in_detention", "2025-06-01", 1)]

    back = rows_after("downgrade", BEFORE, empty_database_url, tmp_path,
                      "SELECT id, located, located_on FROM urgent_actions ORDER BY id")
    assert [(r[0], r[1], str(r[2]) if r[2] else None) for r in back] == [(1, "in_detention", "2025-06-01"),
                                                                          (2, None, None)]
