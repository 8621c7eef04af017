"""A field office's past individual cases imported from CSV through the page: bad rows listed by
line, nothing written until the valid rows only are chosen, each step taken on its own day, the
office's numbering continuing after the imported references, confidential cases kept so."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from casework.core.workflow import CaseHistory
from casework.detention.cases import operations as case_ops
from casework.detention.cases.models import CaseIssue, DetentionCase
from casework.detention.operations import Detainee
from casework.extensions import db
from tests.imports import import_valid_rows_only, listed, signed_in, upload
from tests.pages import link

URL = "/detention/import"
HEADER = ("reference,facility,opened_on,family_name,sex,issue,confidential,raised_on,raised_with,outcome,"
          "outcome_on,closed_on\n")
ROWS = ("FO-COL/IC/2024/007,Cárcel de San Isidro,2024-02-01,Rojas,female,excessive_pretrial,,2024-02-05,"
        "Juzgado 3,released,2024-03-01,2024-03-10\n"                                                  # 2
        ",cárcel de san isidro,2024-04-01,Gómez,male,ill_treatment,yes,,,,,\n"                         # 3
        "FO-COL/IC/2023/008,Cárcel de San Isidro,2024-02-01,Díaz,male,other,,,,,,\n"                   # 4
        ",La Picota,2024-02-01,Mora,male,other,,,,,,\n"                                                # 5
        ",Cárcel de San Isidro,2024-02-01,Vega,,other,,2024-02-05,Fiscalía,released,2024-03-01,\n"      # 6
        ",Cárcel de San Isidro,2024-02-01,Ruiz,male,other,,,,released,2024-03-01,\n")                 # 7


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(DetentionCase))


def test_bad_rows_are_listed_and_nothing_is_written(login, users, facility):
    officer = login(users["officer"])
    assert link(officer.get("/detention/cases/"), "Import CSV") == URL
    response = upload(officer, URL, HEADER + ROWS)
    assert response.status_code == 422 and _count() == 0
    assert listed(response) == {
        4: "reference “FO-COL/IC/2023/008” is not like FO-COL/IC/2024/007, of the year the case was opened",
        5: "facility “La Picota” is not one of the office's places of detention",
        6: "a release needs its category: woman, man or child",
        7: "an outcome needs raised_on and, not before it, outcome_on",
    }


def test_valid_rows_imported_step_by_step_and_numbered_after(app, login, users, facility):
    officer = login(users["officer"])
    response = import_valid_rows_only(officer, URL, upload(officer, URL, HEADER + ROWS))
    assert response.status_code == 303
    released, secret = db.session.scalars(select(DetentionCase).order_by(DetentionCase.id)).all()
    assert (released.reference, released.status, released.outcome, released.category) == (
        "FO-COL/IC/2024/007", "closed", "released", "woman")
    steps = db.session.scalars(select(CaseHistory).where(CaseHistory.case_id == released.id)
                               .order_by(CaseHistory.id)).all()
    assert [(s.event, s.happened_on) for s in steps] == [
        ("raise", date(2024, 2, 5)), ("record_outcome", date(2024, 3, 1)), ("close", date(2024, 3, 10))]
    assert (secret.reference, secret.confidential) == ("FO-COL/IC/2024/008", True)
    assert signed_in(app, users["supervisor"]).get(f"/detention/cases/{secret.id}").status_code == 404
    fresh = case_ops.open_case(facility, Detainee("Paz"), CaseIssue.OTHER, "", users["officer"], on=date(2024, 6, 1))
    assert fresh.reference == "FO-COL/IC/2024/009"


def test_each_office_imports_into_its_own_cases_only(app, users, units, facility):
    assert signed_in(app, users["viewer"]).get(URL).status_code == 403
    page = signed_in(app, users["outsider"]).get(URL)  # a supervisor of the Mexico office
    assert page.status_code == 200
    assert f'<option value="{units["FO-MEX"].id}"' in page.get_data(as_text=True)
    assert f'<option value="{units["FO-COL"].id}"' not in page.get_data(as_text=True)
