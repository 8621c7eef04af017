"""Past urgent actions imported from CSV through the page: bad rows listed by line, nothing written
until the valid rows only are chosen, each stage dated as it happened, numbering continuing after."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from casework.core.deadlines import Deadline
from casework.core.workflow import CaseHistory
from casework.extensions import db
from casework.urgent_actions.models import UrgentAction
from casework.urgent_actions.workflow import REPLY_DUE
from tests.imports import import_valid_rows_only, listed, signed_in, upload
from tests.pages import link

URL = "/urgent-actions/import"
HEADER = ("number,state,received_on,registered_on,status,status_on,disappeared_family_name,"
          "disappeared_given_names,sex,age,author_family_name\n")
ROWS = ("1001/2020,MEX,2020-12-01,2020-12-03,awaiting_reply,2020-12-04,Hernández,Juan,male,27,Hernández\n"  # 2
        ",IRQ,2026-01-05,,,,Karim,Ali,,,\n"                                                          # 3
        "1002/2020,MEX,2020-12-05,2020-12-02,,,Soto,Ana,female,,\n"                                   # 4
        "1003/2020,MEX,2020-12-01,2020-12-03,in_follow_up,,,Pedro,male,,\n"                           # 5
        ",MEX,2021-01-05,,awaiting_reply,,Ruiz,Eva,female,,\n"                                         # 6
        "1001/2020,MEX,2020-12-01,2020-12-03,,,Lara,Luis,male,,\n")                                    # 7


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(UrgentAction))


def test_bad_rows_are_listed_and_nothing_is_written(login, users, states):
    officer = login(users["officer"])
    assert link(officer.get("/urgent-actions/"), "Import CSV") == URL
    response = upload(officer, URL, HEADER + ROWS)
    assert response.status_code == 422 and _count() == 0
    assert listed(response) == {
        4: "the registered date 2020-12-02 is before the step it follows (2020-12-05)",
        5: "disappeared_family_name is empty",
        6: "status “awaiting_reply” needs a number",
        7: "UA 1001/2020 is already on file",
    }


def test_the_valid_rows_are_imported_dated_and_numbering_continues(login, users, states, make_ua):
    officer = login(users["officer"])
    response = import_valid_rows_only(officer, URL, upload(officer, URL, HEADER + ROWS))
    assert response.status_code == 303 and response.location.endswith("/urgent-actions/")
    sent, received = db.session.scalars(select(UrgentAction).order_by(UrgentAction.id)).all()
    assert (sent.reference, sent.status, sent.registered_on) == ("UA 1001/2020", "awaiting_reply", date(2020, 12, 3))
    assert (received.reference, received.status, received.state.iso3) == (None, "received", "IRQ")
    steps = db.session.scalars(select(CaseHistory).where(CaseHistory.case_id == sent.id).order_by(CaseHistory.id))
    assert [(s.event, s.to_status, s.happened_on) for s in steps] == [
        ("register", "registered", date(2020, 12, 3)), ("transmit_to_state", "awaiting_reply", date(2020, 12, 4))]
    # The State's clock runs from the day the note verbale went out, as for a request recorded by hand.
    [clock] = db.session.scalars(select(Deadline).where(Deadline.case_id == sent.id)).all()
    assert clock.due_on == REPLY_DUE.due_after(date(2020, 12, 4), sent)
    assert make_ua(on=date(2020, 12, 10)).reference == "UA 1002/2020"


def test_only_the_committees_team_may_import(app, users, states):
    assert signed_in(app, users["outsider"]).get(URL).status_code == 403
    assert signed_in(app, users["viewer"]).get(URL).status_code == 403
