"""Legacy CSV import of communications: every bad row reported with its line; nothing written
unless the user then chooses to import the valid rows only; each stage dated as it happened."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from casework.communications import operations as ops
from casework.communications.models import Communication
from casework.core.workflow import CaseHistory
from casework.extensions import db
from tests.imports import import_valid_rows_only, listed, upload
from tests.pages import words

URL = "/communications/import"
HEADER = ("committee,number,state,received_on,registered_on,status,status_on,author_family_name,"
          "author_given_names,articles_invoked\n")
GOOD = ("CCPR,2751/2016,MEX,2013-05-02,2016-03-01,transmitted,2016-04-12,Pérez,José,CCPR-7;CCPR-14-1\n"
        "CCPR,,IRQ,2026-01-05,,,,Martin,Claire,\n")
BAD = ("CCPR,2752/2016,ATL,2014-01-01,2016-03-02,,,Doe,Jane,\n"        # line 4: unknown State
       "CCPR,2751/2016,MEX,2014-01-01,2016-03-02,,,Roe,Rick,\n"        # line 5: number twice
       "CCPR,17/2016,MEX,31/12/2015,2016-03-02,,,Poe,Pat,\n"          # line 6: date format
       "CED,1/2016,MEX,2015-01-01,2016-01-01,,,Loe,Lou,\n"            # line 7: not the user's committee
       "CCPR,18/2016,MEX,2015-01-01,2016-01-01,transmitted,2015-12-01,Moe,Max,\n")  # line 8: before registration


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Communication))


def test_a_file_with_bad_rows_writes_nothing_and_says_why(client_for, users, states):
    response = upload(client_for(users["officer"]), URL, HEADER + GOOD + BAD)
    assert response.status_code == 422 and _count() == 0
    reasons = listed(response)
    assert sorted(reasons) == [4, 5, 6, 7, 8]
    for line, reason in ((4, "“ATL” is not the ISO alpha-3 code of a State"), (5, "CCPR 2751/2016 is already on file"),
                         (6, "“31/12/2015” is not a date"), (7, "“CED” is not one you may add cases to"),
                         (8, "the transmitted date 2015-12-01 is before the step it follows (2016-01-01)")):
        assert reason in reasons[line], (line, reasons[line])
    assert "Import the 2 valid rows only" in words(response)


def test_valid_rows_only_when_the_user_asks(client_for, users, states):
    officer = client_for(users["officer"])
    response = import_valid_rows_only(officer, URL, upload(officer, URL, HEADER + GOOD + BAD))
    assert response.status_code == 303
    imported = db.session.scalars(select(Communication).order_by(Communication.id)).all()
    assert [(c.reference, c.status, c.state.iso3) for c in imported] == [
        ("CCPR 2751/2016", "transmitted", "MEX"), (None, "received", "IRQ")]
    assert imported[0].articles_invoked == ["CCPR-7", "CCPR-14-1"]
    assert "2 records imported. 5 rows with errors were left out." in words(officer.get(response.location))


def test_new_registrations_continue_after_imported_numbers(client_for, users, states, make_communication):
    assert upload(client_for(users["officer"]), URL, HEADER + GOOD).status_code == 303
    fresh = make_communication(received_on=date(2016, 5, 20))
    ops.register_communication(fresh, users["supervisor"], date(2016, 6, 1))
    assert fresh.number_label == "2752/2016"


def test_an_imported_case_enters_each_stage_on_the_day_it_reached_it(client_for, users, states):
    from casework.core.audit import AuditEvent

    officer = client_for(users["officer"])
    assert upload(officer, URL, HEADER + GOOD).status_code == 303
    transmitted, received = db.session.scalars(select(Communication).order_by(Communication.id)).all()
    steps = db.session.scalars(select(CaseHistory).where(CaseHistory.case_id == transmitted.id)
                               .order_by(CaseHistory.id)).all()
    assert [(s.event, s.to_status, s.happened_on, s.actor_id, s.comment) for s in steps] == [
        ("enter", "registered", date(2016, 3, 1), users["officer"].id, "Imported from line 2 of a CSV file."),
        ("enter", "transmitted", date(2016, 4, 12), users["officer"].id, "Imported from line 2 of a CSV file.")]
    assert db.session.scalar(select(func.count()).where(CaseHistory.case_id == received.id)) == 0
    page = words(officer.get(transmitted.url))
    assert "Registered → Transmitted" in page and "Imported from line 2 of a CSV file." in page
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.case_id == transmitted.id, AuditEvent.action == "state_change")).all()
    assert [e.changes["status"] for e in events] == [["received", "registered"], ["registered", "transmitted"]]
