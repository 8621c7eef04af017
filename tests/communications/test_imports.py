"""Legacy CSV import: every bad row reported with its line; nothing written unless all are valid
or the user asks for the valid rows only."""
from __future__ import annotations

import io
from datetime import date
import re

from sqlalchemy import func, select

from casework.communications import operations as ops
from casework.communications.models import Communication
from casework.extensions import db

HEADER = "committee,number,state,received_on,registered_on,status,author_family_name,author_given_names,articles_invoked\n"
GOOD = ("CCPR,2751/2016,MEX,2013-05-02,2016-03-01,transmitted,Pérez,José,CCPR-7;CCPR-14-1\n"
        "CCPR,,FRA,2026-01-05,,,Martin,Claire,\n")
BAD = ("CCPR,2752/2016,ATL,2014-01-01,2016-03-02,,Doe,Jane,\n"        # line 4: unknown State
       "CCPR,2751/2016,MEX,2014-01-01,2016-03-02,,Roe,Rick,\n"        # line 5: number twice
       "CCPR,17/2016,MEX,31/12/2015,2016-03-02,,Poe,Pat,\n"          # line 6: date format
       "CED,1/2016,MEX,2015-01-01,2016-01-01,,Loe,Lou,\n")           # line 7: not the user's committee


def _upload(client, content: str, **extra):
    return client.post("/communications/import", data={
        "file": (io.BytesIO(content.encode()), "legacy.csv"), **extra}, content_type="multipart/form-data")


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Communication))


def test_a_file_with_bad_rows_writes_nothing_and_says_why(client_for, users, states):
    response = _upload(client_for(users["officer"]), HEADER + GOOD + BAD)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and _count() == 0
    for line, reason in ((4, "“ATL” is not an ISO alpha-3 code"), (5, "CCPR 2751/2016 is already on file"),
                         (6, "“31/12/2015” is not a date"), (7, "“CED” is not one you may add cases to")):
        assert re.search(rf"<td>{line}</td><td>[^<]*{re.escape(reason)}", page), (line, reason)


def test_valid_rows_only_when_the_user_asks(client_for, users, states):
    response = _upload(client_for(users["officer"]), HEADER + GOOD + BAD, valid_rows_only="y")
    assert response.status_code == 303
    imported = db.session.scalars(select(Communication).order_by(Communication.id)).all()
    assert [(c.reference, c.status, c.state.iso3) for c in imported] == [
        ("CCPR 2751/2016", "transmitted", "MEX"), (None, "received", "FRA")]
    assert imported[0].articles_invoked == ["CCPR-7", "CCPR-14-1"]


def test_new_registrations_continue_after_imported_numbers(client_for, users, states, make_communication):
    assert _upload(client_for(users["officer"]), HEADER + GOOD).status_code == 303
    fresh = make_communication(received_on=date(2016, 5, 20))
    ops.register_communication(fresh, users["supervisor"], date(2016, 6, 1))
    assert fresh.number_label == "2752/2016"


def test_an_imported_case_enters_its_stage_in_its_history(client_for, users, states):
    from casework.core.audit import AuditEvent
    from casework.core.workflow import CaseHistory
    from tests.pages import words

    officer = client_for(users["officer"])
    assert _upload(officer, HEADER + GOOD).status_code == 303
    transmitted, received = db.session.scalars(select(Communication).order_by(Communication.id)).all()
    for case, line, stage in ((transmitted, 2, "transmitted"), (received, 3, "received")):
        [entry] = db.session.scalars(select(CaseHistory).where(CaseHistory.case_id == case.id)).all()
        assert (entry.event, entry.to_status, entry.actor_id, entry.comment) == (
            "enter", stage, users["officer"].id, f"Imported from line {line} of a CSV file.")
    page = words(officer.get(transmitted.url))
    assert "Received → Transmitted" in page and "Imported from line 2 of a CSV file." in page
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.case_id == transmitted.id, AuditEvent.action == "state_change")).one()
    assert event.changes["status"] == ["received", "transmitted"]
    assert event.detail["comment"] == "Imported from line 2 of a CSV file."
