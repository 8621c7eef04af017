"""Past reprisals cases imported from CSV through the page: bad rows listed by line, nothing
written until the valid rows only are chosen, each stage dated, REP numbers continuing after the
imported ones, and every imported case as confidential as one opened by hand."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from casework.core.workflow import CaseHistory
from casework.extensions import db
from casework.reprisals import operations as ops
from casework.reprisals.models import ReprisalCase, UNBody
from tests.imports import import_valid_rows_only, listed, signed_in, upload
from tests.pages import link

URL = "/reprisals/import"
HEADER = "number,state,received_on,title,engaged_body,status,status_on,victim_kind,victim_family_name,victim_name\n"
ROWS = ("12/2019,MEX,2019-06-03,Travel ban on a defender,human_rights_council,verification,2019-07-01,,Ortega,\n"  # 2
        ",EGY,2026-01-12,Raid on an NGO,treaty_body,,,organisation,,Centro\n"                                 # 3
        "13/2019,MEX,2019-06-03,Arrest after a visit,the_press,,,,Ruiz,\n"                                   # 4
        ",EGY,2026-01-12,Raid on another NGO,treaty_body,,,organisation,,\n"                                  # 5
        "12/2019,MEX,2019-06-03,Threats,upr,,,,Soto,\n")                                                     # 6


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(ReprisalCase))


def test_bad_rows_are_listed_and_nothing_is_written(login, users, states):
    officer = login(users["officer"])
    assert link(officer.get("/reprisals/"), "Import CSV") == URL
    response = upload(officer, URL, HEADER + ROWS)
    assert response.status_code == 422 and _count() == 0
    reasons = listed(response)
    assert sorted(reasons) == [4, 5, 6]
    assert reasons[4].startswith("engaged_body “the_press” is not one of human_rights_council, upr")
    assert reasons[5] == "victim_name is empty"
    assert reasons[6] == "REP 12/2019 is already on file"


def test_valid_rows_imported_confidential_dated_and_numbered_after(app, login, users, units, states):
    officer = login(users["officer"])
    response = import_valid_rows_only(officer, URL, upload(officer, URL, HEADER + ROWS))
    assert response.status_code == 303
    verified, raid = db.session.scalars(select(ReprisalCase).order_by(ReprisalCase.id)).all()
    assert (verified.reference, verified.status, verified.confidential) == ("REP 12/2019", "verification", True)
    assert (raid.reference, raid.status, raid.confidential) == ("REP 1/2026", "received", True)
    [step] = db.session.scalars(select(CaseHistory).where(CaseHistory.case_id == verified.id)).all()
    assert (step.to_status, step.happened_on) == ("verification", date(2019, 7, 1))
    # Seen by whoever imported them and the team's supervisors; not by a team member left out.
    assert "Travel ban on a defender" in officer.get("/reprisals/").get_data(as_text=True)
    assert "Travel ban on a defender" not in signed_in(app, users["viewer"]).get("/reprisals/").get_data(as_text=True)
    assert signed_in(app, users["viewer"]).get(f"/reprisals/{verified.id}").status_code == 404
    fresh = ops.create_case(ops.Allegation("Threats", states["MEX"].id, date(2019, 9, 1), UNBody.UPR), [],
                            units["REPRISALS"], users["officer"])
    assert fresh.reference == "REP 13/2019"


def test_only_the_team_may_import(app, users, states):
    assert signed_in(app, users["outsider"]).get(URL).status_code == 403
    assert signed_in(app, users["secretariat"]).get(URL).status_code == 403  # an Office-wide supervisor
    assert signed_in(app, users["viewer"]).get(URL).status_code == 403
