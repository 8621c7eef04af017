"""The migration that gives the public register its own order carries each published
communication's day sent over, and no other's (SQLite and PostgreSQL, as the suite's database)."""
from __future__ import annotations

from datetime import date

from tests.test_migrations import insert_row, rows_after, written_at

BEFORE, REGISTER = "c5e7a9b1d258", "d7f9b1c3e024"
LETTERS = ((1, "published", date(2025, 3, 4)), (2, "closed", date(2024, 11, 20)), (3, "sent", date(2025, 9, 1)),
           (4, "draft", None))


def test_the_published_communications_keep_their_day_sent_in_the_register(app, empty_database_url, tmp_path):
    with written_at(BEFORE, empty_database_url, tmp_path) as (connection, metadata):
        insert_row(connection, metadata, "units", id=1, code="SR-HRD", name="Defenders", kind="MANDATE", settings="{}")
        insert_row(connection, metadata, "users", id=1, email="o@example.org", name="Officer")
        insert_row(connection, metadata, "sp_mandates", id=1, unit_id=1, name="Defenders", kind="thematic")
        for case_id, status, sent_on in LETTERS:
            insert_row(connection, metadata, "cases", id=case_id, case_type="sp_communication", unit_id=1, officer_id=1,
                    title=f"Letter {case_id}", status=status, confidential=False, version=1)
            insert_row(connection, metadata, "letters", id=case_id, letter_type="sp_communication", kind="letter",
                    language="en", sent_on=sent_on, letter_date=sent_on)
            insert_row(connection, metadata, "sp_communications", id=case_id, comm_type="AL", lead_mandate_id=1)

    rows = rows_after("upgrade", REGISTER, empty_database_url, tmp_path,
                      "SELECT id, public_sent_on FROM sp_communications ORDER BY id")
    assert [(r[0], str(r[1]) if r[1] else None) for r in rows] == [
        (1, "2025-03-04"), (2, "2024-11-20"), (3, None), (4, None)]
