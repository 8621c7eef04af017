"""Past special-procedures letters imported from CSV through the page: bad rows listed by line,
nothing written until the valid rows only are chosen, each stage dated, and the letters sent next
numbered after the imported references of their State and year."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from casework.core.workflow import CaseHistory
from casework.extensions import db
from casework.special_procedures.models import SpCommunication
from tests.imports import import_valid_rows_only, listed, signed_in, upload
from tests.pages import link

URL = "/special-procedures/import"
HEADER = "reference,mandate,sent_on,title,status,status_on,published_on\n"
ROWS = ("AL COL 7/2025,SR-HRDEFENDERS,2025-03-10,the killing of a land defender,published,2025-05-12,\n"  # 2
        "UA PER 2/2025,SR-HRDEFENDERS,2025-06-01,the arrest of a journalist,,,\n"                      # 3
        "AL XYZ 1/2025,SR-HRDEFENDERS,2025-03-10,a State that is not,,,\n"                            # 4
        "AL COL 8/2025,SR-TORTURE,2025-03-10,not this desk's,,,\n"                                   # 5
        "AL COL 9/2024,SR-HRDEFENDERS,2025-03-10,the wrong year,,,\n"                                # 6
        "AL COL 7/2025,SR-HRDEFENDERS,2025-04-10,the same reference,,,\n"                            # 7
        "OL COL 10/2025,SR-HRDEFENDERS,2025-04-10,published before sent,published,,2025-01-01\n")   # 8


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(SpCommunication))


def test_bad_rows_are_listed_and_nothing_is_written(login, users, mandates, states):
    officer = login(users["officer"])
    assert link(officer.get("/special-procedures/"), "Import CSV") == URL
    response = upload(officer, URL, HEADER + ROWS)
    assert response.status_code == 422 and _count() == 0
    assert listed(response) == {
        4: "reference “AL XYZ 1/2025” does not name a State by its ISO alpha-3 code",
        5: "mandate “SR-TORTURE” is not one whose letters you may draft",
        6: "reference AL COL 9/2024 is not of the year it was sent, 2025",
        7: "AL COL 7/2025 is already on file",
        8: "the published date 2025-01-01 is before the step it follows (2025-04-10)",
    }


def test_valid_rows_imported_dated_and_numbered_after(login, users, mandates, states, make_comm):
    officer = login(users["officer"])
    response = import_valid_rows_only(officer, URL, upload(officer, URL, HEADER + ROWS))
    assert response.status_code == 303
    published, sent = db.session.scalars(select(SpCommunication).order_by(SpCommunication.id)).all()
    assert (published.reference, published.status, published.sent_on, published.published_on) == (
        "AL COL 7/2025", "published", date(2025, 3, 10), date(2025, 5, 12))
    assert (sent.reference, sent.status, sent.lead_mandate.unit.code) == ("UA PER 2/2025", "sent", "SR-HRDEFENDERS")
    register = officer.get("/special-procedures/public/").get_data(as_text=True)  # the published one alone
    assert "the killing of a land defender" in register and "UA PER 2/2025" not in register
    steps = db.session.scalars(select(CaseHistory).where(CaseHistory.case_id == published.id)
                               .order_by(CaseHistory.id)).all()
    assert [(s.to_status, s.happened_on) for s in steps] == [("sent", date(2025, 3, 10)),
                                                             ("published", date(2025, 5, 12))]
    assert make_comm(until="sent", sent_on=date(2025, 9, 1)).reference == "UA COL 8/2025"


def test_only_a_mandates_desk_may_import(app, users, mandates, states):
    assert signed_in(app, users["outsider"]).get(URL).status_code == 403
    assert signed_in(app, users["viewer"]).get(URL).status_code == 403
