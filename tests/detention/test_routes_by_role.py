"""Every route of detention work, for every role: the answer each one must get.

The roles are around the Colombia field office (tests/detention/conftest.py): its viewer, case
officer and supervisor (the head of office); the outsider is the supervisor of the Mexico office,
for whom Colombia's records do not exist; the secretariat viewer and the auditor see everything
and change nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from casework.core.persons import Sex
from casework.detention.cases import operations as releases
from casework.detention.cases.models import CaseIssue, CaseOutcome, ReleaseSource
from casework.detention.operations import Detainee, find_or_register_person
from casework.detention.visits import operations as ops
from casework.detention.visits.models import ConditionItem, Consent
from casework.extensions import db
from tests.routes import LOGIN, ROLES, SIGNED_IN, Route, answers, changing, check_every_role, check_route, reading

VIEW = answers(LOGIN, outsider=404, others=200)
EDIT_FORM = answers(LOGIN, officer=200, supervisor=200, admin=200, outsider=404, others=403)
EDIT = answers(LOGIN, officer=303, supervisor=303, admin=303, outsider=404, others=403)
# Pages that start a record: the outsider may, in the Mexico office (and is refused Colombia's place).
START_FORM = answers(LOGIN, officer=200, supervisor=200, admin=200, outsider=200, others=403)
START = answers(LOGIN, officer=303, supervisor=303, admin=303, outsider=400, others=403)
TEAM_ONLY = EDIT_FORM  # interviews: confidential to those who may edit the visit


@dataclass
class World:
    facility: object
    visit: object
    interview: object
    open_case: object
    raised_case: object
    released_case: object
    secret_case: object
    record: object
    covered_case: object


def visit_form(w: World) -> dict:
    values = {"version": w.visit.version, "facility_id": w.facility.id, "started_on": "2025-03-12",
              "visit_kind": "first", "access": "granted", "pop_total": "120", "capacity": "100"}
    values.update({f"conditions-{item.value}": "not_assessed" for item in ConditionItem})
    return values


def detainee(**values) -> dict:
    return {"family_name": "Palacios", "given_names": "Luz", "sex": "female", "consent": "none", **values}


ROUTES = [
    Route("detention.index", "GET", lambda w: "/detention/", SIGNED_IN),
    Route("detention.index", "GET", lambda w: "/detention/?year=2025&status=draft&q=San", SIGNED_IN),
    Route("cases.detail", "GET", lambda w: f"/cases/{w.visit.id}", VIEW),
    Route("detention.new_visit", "GET", lambda w: "/detention/visits/new", START_FORM),
    Route("detention.new_visit", "POST", lambda w: "/detention/visits/new", START,
          lambda w: {"facility_id": w.facility.id, "started_on": "2025-03-12"}),
    Route("detention.edit_visit", "GET", lambda w: f"/detention/visits/{w.visit.id}/edit", EDIT_FORM),
    Route("detention.edit_visit", "POST", lambda w: f"/detention/visits/{w.visit.id}/edit", EDIT, visit_form),
    Route("detention.autosave", "POST", lambda w: f"/detention/visits/{w.visit.id}/draft",
          answers(LOGIN, officer=200, supervisor=200, admin=200, outsider=404, others=403), visit_form),
    Route("detention.discard_draft", "POST", lambda w: f"/detention/visits/{w.visit.id}/draft/discard", EDIT),
    Route("detention.interviews", "GET", lambda w: f"/detention/visits/{w.visit.id}/interviews", TEAM_ONLY),
    Route("detention.interviews", "POST", lambda w: f"/detention/visits/{w.visit.id}/interviews",
          answers(LOGIN, officer=303, supervisor=303, admin=303, outsider=404, others=403), lambda w: detainee()),
    Route("detention.remove_interview", "POST",
          lambda w: f"/detention/visits/{w.visit.id}/interviews/{w.interview.id}/remove", EDIT),
    Route("detention.draft_report", "POST", lambda w: f"/detention/visits/{w.visit.id}/report", EDIT,
          lambda w: {"language": "en"}),
    Route("detention.facilities", "GET", lambda w: "/detention/facilities/", SIGNED_IN),
    Route("detention.facilities", "GET", lambda w: "/detention/facilities/?year=2025&visited=1&type=prison", SIGNED_IN),
    Route("detention.new_facility", "GET", lambda w: "/detention/facilities/new", START_FORM),
    Route("detention.new_facility", "POST", lambda w: "/detention/facilities/new", START,
          lambda w: {"unit_id": w.facility.unit_id, "name": "Estación de Policía Centro",
                     "facility_type": "police_station", "state_id": w.facility.state_id, "capacity": "30"}),
    Route("detention.facility", "GET", lambda w: f"/detention/facilities/{w.facility.id}", VIEW),
    Route("detention.edit_facility", "GET", lambda w: f"/detention/facilities/{w.facility.id}/edit", EDIT_FORM),
    Route("detention.edit_facility", "POST", lambda w: f"/detention/facilities/{w.facility.id}/edit", EDIT,
          lambda w: {"name": "San Isidro", "facility_type": "prison", "state_id": w.facility.state_id}),
    Route("detention.cases_list", "GET", lambda w: "/detention/cases/", SIGNED_IN),
    Route("detention.cases_list", "GET", lambda w: "/detention/cases/?outcome=released&year=2025", SIGNED_IN),
    Route("cases.detail", "GET", lambda w: f"/cases/{w.open_case.id}", VIEW),
    # A confidential case: only the officer who opened it (assigned) and the administrator.
    Route("cases.detail", "GET", lambda w: f"/cases/{w.secret_case.id}",
          answers(LOGIN, officer=200, admin=200, others=404)),
    Route("detention.new_case", "GET", lambda w: "/detention/cases/new", START_FORM),
    Route("detention.new_case", "GET", lambda w: f"/detention/cases/new?visit_id={w.visit.id}", EDIT_FORM),
    Route("detention.new_case", "POST", lambda w: "/detention/cases/new", START,
          lambda w: detainee(facility_id=w.facility.id, issue="no_legal_basis")),
    Route("detention.import_csv", "GET", lambda w: "/detention/import", START_FORM),
    Route("detention.import_csv", "POST", lambda w: "/detention/import",
          answers(LOGIN, officer=400, supervisor=400, admin=400, outsider=400, others=403)),
    Route("detention.edit_case", "GET", lambda w: f"/detention/cases/{w.open_case.id}/edit", EDIT_FORM),
    Route("detention.edit_case", "POST", lambda w: f"/detention/cases/{w.open_case.id}/edit", EDIT,
          lambda w: {"version": w.open_case.version, "issue": "ill_treatment", "issue_details": "Beaten."}),
    Route("detention.raise_case", "POST", lambda w: f"/detention/cases/{w.open_case.id}/raise", EDIT,
          lambda w: {"version": w.open_case.version, "raised_on": "2025-03-20", "raised_with": "The judge"}),
    Route("detention.record_outcome", "POST", lambda w: f"/detention/cases/{w.raised_case.id}/outcome", EDIT,
          lambda w: {"version": w.raised_case.version, "outcome": "released", "outcome_on": "2025-05-02",
                     "category": "woman"}),
    Route("detention.releases_list", "GET", lambda w: "/detention/releases/", SIGNED_IN),
    Route("detention.releases_list", "GET", lambda w: "/detention/releases/?year=2025", SIGNED_IN),
    Route("detention.new_aggregate", "GET", lambda w: "/detention/releases/new", START_FORM),
    Route("detention.new_aggregate", "POST", lambda w: "/detention/releases/new", START,
          lambda w: {"unit_id": w.facility.unit_id, "state_id": w.facility.state_id, "period_start": "2020-04-01",
                     "period_end": "2020-12-31", "source": "covid19", "women": "4", "men": "40", "children": "0"}),
    Route("detention.aggregate", "GET", lambda w: f"/detention/releases/{w.record.id}", VIEW),
    Route("detention.edit_aggregate", "GET", lambda w: f"/detention/releases/{w.record.id}/edit", EDIT_FORM),
    Route("detention.edit_aggregate", "POST", lambda w: f"/detention/releases/{w.record.id}/edit", EDIT,
          lambda w: {"state_id": w.facility.state_id, "period_start": "2025-01-01", "period_end": "2025-12-31",
                     "source": "decongestion", "women": "10", "men": "50", "children": "5"}),
    Route("detention.cover_case", "POST", lambda w: f"/detention/releases/{w.record.id}/cases", EDIT,
          lambda w: {"case_id": w.released_case.id}),
    Route("detention.uncover_case", "POST",
          lambda w: f"/detention/releases/{w.record.id}/cases/{w.covered_case.id}/remove", EDIT),
    Route("detention.figures", "GET", lambda w: "/detention/figures", SIGNED_IN),
    Route("detention.figures", "GET", lambda w: "/detention/figures?year=2025&unit=1&country=1", SIGNED_IN),
]


@pytest.fixture
def world(users, units, states, facility, make_visit) -> World:
    officer = users["officer"]
    visit = make_visit(facility, pop_total=120)
    person = find_or_register_person(visit.unit_id, Detainee("Rentería", "Yadira", Sex.FEMALE), officer)
    interview = ops.add_interview(visit, person, Consent.NONE, True, "Notes.", officer)

    def case(name: str, step: str, confidential: bool = False):
        detainee = find_or_register_person(visit.unit_id, Detainee(name, "", Sex.MALE), officer)
        made = releases.open_case(facility, detainee, CaseIssue.NO_LEGAL_BASIS, "", officer, confidential=confidential)
        if step in ("raised", "released"):
            releases.raise_case(made, date(2025, 3, 1), "The judge", "", officer)
        if step == "released":
            releases.record_outcome(made, CaseOutcome.RELEASED, date(2025, 5, 1), None, "", officer)
        return made

    record = releases.save_aggregate(None, facility.unit_id, releases.AggregateContent(
        state_id=facility.state_id, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
        source=ReleaseSource.DECONGESTION, source_details="", women=10, men=50, children=5), users["supervisor"])
    covered = case("Quiñones", "released")
    releases.cover_case(record, covered, users["supervisor"])
    world = World(facility, visit, interview, case("Muñoz", "open"), case("Palacios", "raised"),
                  case("Mosquera", "released"), case("Hinestroza", "raised", confidential=True), record, covered)
    db.session.commit()
    return world


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", changing(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_route_answers_role(route: Route, role: str, world: World, users, client, app):
    check_route(client, route, role, users, world)


@pytest.mark.parametrize("route", reading(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_page_answers_every_role(route: Route, world: World, users, app):
    check_every_role(app, route, users, world)
