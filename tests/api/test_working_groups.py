"""Working-group cases through the API: registered by the group's own staff, the rules of the
registration forms applied, and the source never given out."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from casework.auth.models import Role
from casework.core.units import Unit, UnitKind
from casework.extensions import db
from casework.working_groups.models import DisappearanceCase

SOURCE = "Comité Vigilante-Oyelaran"


@pytest.fixture
def wg_staff(units, make_user):
    for code, name in (("WGAD", "Working Group on Arbitrary Detention"),
                       ("WGEID", "Working Group on Enforced or Involuntary Disappearances")):
        units[code] = Unit(code=code, name=name, kind=UnitKind.MANDATE)
        db.session.add(units[code])
    db.session.commit()
    return {"wgad": make_user("wgad", ("WGAD", Role.CASE_OFFICER)),
            "wgeid": make_user("wgeid", ("WGEID", Role.CASE_OFFICER))}


def _detention() -> dict:
    return {"state": "MEX", "received_on": "2026-03-02", "source_name": SOURCE,
            "persons": [{"family_name": "Mondragón", "given_names": "Julio", "sex": "male", "nationality": "MEX"}],
            "place_of_detention": "Reclusorio Norte", "arrested_on": "2026-01-15",
            "summary": "Held without charge since January."}


def test_a_regular_communication_is_registered_by_the_group_only(users, states, wg_staff, api_as):
    path = "/api/v1/working-groups/arbitrary-detention"
    assert api_as(users["officer"]).post(path, _detention()).status_code == 403
    assert api_as(wg_staff["wgeid"]).post(path, _detention()).status_code == 403
    response = api_as(wg_staff["wgad"]).post(path, _detention())
    assert response.status_code == 201, response.json
    assert response.json["reference"] == "WGAD 1/2026"
    details = response.json["details"]
    assert details["state"] == "MEX" and details["persons"][0]["name"].startswith("Julio")
    assert details["opinion"] is None
    assert SOURCE not in response.get_data(as_text=True)
    read = api_as(wg_staff["wgad"]).get(f"/api/v1/cases/{response.json['id']}")
    assert read.status_code == 200 and SOURCE not in read.get_data(as_text=True)


def test_a_registration_breaking_the_forms_rules_is_refused_with_the_reason(states, wg_staff, api_as):
    api = api_as(wg_staff["wgad"])
    late_arrest = api.post("/api/v1/working-groups/arbitrary-detention", {**_detention(), "arrested_on": "2026-04-01"})
    assert late_arrest.status_code == 422
    nobody = api.post("/api/v1/working-groups/arbitrary-detention", {**_detention(), "persons": []})
    assert nobody.status_code == 422 and "persons" in nobody.json["error"]["fields"]


def test_the_urgent_procedure_only_within_three_months_of_the_disappearance(states, wg_staff, api_as):
    api = api_as(wg_staff["wgeid"])
    received = date(2026, 6, 1)
    body = {"state": "MEX", "received_on": received.isoformat(), "procedure": "urgent",
            "persons": [{"family_name": "Ibarra"}]}
    too_old = api.post("/api/v1/working-groups/disappearances",
                       {**body, "disappeared_on": (received - timedelta(days=120)).isoformat()})
    assert too_old.status_code == 422 and "standard procedure" in too_old.json["error"]["message"]
    assert db.session.scalar(select(func.count()).select_from(DisappearanceCase)) == 0
    recent = api.post("/api/v1/working-groups/disappearances",
                      {**body, "disappeared_on": (received - timedelta(days=20)).isoformat()})
    assert recent.status_code == 201, recent.json
    assert recent.json["details"]["procedure"] == "urgent" and recent.json["reference"] == "WGEID 1/2026"
