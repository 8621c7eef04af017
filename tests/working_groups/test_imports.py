"""Past working-group cases imported from CSV through the page, into the unit chosen there (WGAD
or WGEID): bad rows listed by line, the valid ones only on request, each stage dated as it
happened, numbering of the year continuing after the imported numbers."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from casework.auth.models import Role
from casework.core.workflow import CaseHistory
from casework.extensions import db
from casework.letters.models import Letter
from casework.working_groups import operations as ops
from casework.working_groups.models import DetentionCommunication, DisappearanceCase
from tests.imports import import_valid_rows_only, listed, signed_in, upload
from tests.pages import link

URL = "/working-groups/import"
WGAD = ("number,state,received_on,status,status_on,family_name,given_names,place_of_detention\n"
        "57/2019,IRQ,2019-03-04,transmitted,2019-04-15,Karimi,Dara,Abu Ghraib\n"   # 2
        ",MEX,2019-05-06,,,Soto,Ana,\n"                                            # 3
        "58/2018,IRQ,2019-03-04,,,Lara,Luis,\n"                                    # 4
        "59/2019,IRQ,2019-03-04,decided,,Ruiz,Eva,\n"                              # 5
        "57/2019,IRQ,2019-03-04,,,Mora,Leo,\n")                                    # 6
WGEID = ("state,received_on,status,status_on,family_name,disappeared_on,procedure\n"
         "MEX,2020-02-01,outstanding,2020-02-10,Vega,2019-12-20,urgent\n"          # 2
         "MEX,2020-02-01,,,Pena,2019-01-20,urgent\n"                               # 3
         "MEX,2020-02-01,,,Rios,,\n")                                               # 4


def _count() -> int:
    return sum(db.session.scalar(select(func.count()).select_from(model))
               for model in (DetentionCommunication, DisappearanceCase))


def test_bad_wgad_rows_are_listed_and_nothing_is_written(login, users, units, states):
    officer = login(users["officer"])
    assert link(officer.get("/working-groups/arbitrary-detention/"), "Import CSV") == URL
    response = upload(officer, URL, WGAD, unit_id=str(units["WGAD"].id))
    assert response.status_code == 422
    assert _count() == 0
    reasons = listed(response)
    assert sorted(reasons) == [4, 5, 6]
    assert reasons[4] == "number 58/2018 is not of the year of receipt 2019"
    assert reasons[5].startswith("status “decided” is not one of received, transmitted, reply_received")
    assert reasons[6] == "WGAD 57/2019 is already on file"


def test_valid_wgad_rows_imported_dated_and_numbered_after(login, users, units, states):
    officer = login(users["officer"])
    response = import_valid_rows_only(officer, URL, upload(officer, URL, WGAD, unit_id=str(units["WGAD"].id)))
    assert response.status_code == 303
    cases = db.session.scalars(select(DetentionCommunication).order_by(DetentionCommunication.reference)).all()
    assert [(c.reference, c.status) for c in cases] == [("WGAD 57/2019", "transmitted"), ("WGAD 58/2019", "received")]
    transmitted, received = cases
    [step] = db.session.scalars(select(CaseHistory).where(CaseHistory.case_id == transmitted.id)).all()
    assert (step.to_status, step.happened_on, step.comment) == (
        "transmitted", date(2019, 4, 15), "Imported from line 2 of a CSV file.")
    # A case received today still has its transmittal to draft; a transmitted one does not.
    assert db.session.scalar(select(func.count()).where(Letter.parent_id == transmitted.id)) == 0
    assert db.session.scalar(select(func.count()).where(Letter.parent_id == received.id)) == 1
    fresh = ops.register_detention(ops.DetentionInput(state_id=states["IRQ"].id, received_on=date(2019, 7, 1),
                                                      persons=[ops.PersonInput("Nouri")]), units["WGAD"],
                                   users["officer"])
    assert fresh.reference == "WGAD 59/2019"


def test_wgeid_rows_checked_against_the_groups_own_rules(login, users, units, states):
    officer = login(users["officer"])
    response = upload(officer, URL, WGEID, unit_id=str(units["WGEID"].id))
    assert listed(response) == {
        3: "the urgent procedure covers disappearances within three months of receipt",
        4: "disappeared_on is empty",
    }
    assert import_valid_rows_only(officer, URL, response).status_code == 303
    [case] = db.session.scalars(select(DisappearanceCase)).all()
    assert (case.reference, case.status, case.procedure) == ("WGEID 1/2020", "outstanding", "urgent")


def test_a_team_imports_only_into_its_own_group(app, login, users, units, states, make_user):
    officer = login(make_user("wgad", ("WGAD", Role.CASE_OFFICER)))
    response = upload(officer, URL, WGEID, unit_id=str(units["WGEID"].id))
    assert response.status_code == 400 and _count() == 0
    assert signed_in(app, users["outsider"]).get(URL).status_code == 403
