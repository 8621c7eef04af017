"""Every reprisals route, and the shared case routes on a reprisals case, for every role.

Only the people assigned (the officer who opened the case, the team supervisor) and the
administrator get anything; the unassigned team viewer, the CED outsider, the secretariat-wide
supervisor and the auditor get 404, as if the case did not exist.
"""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from casework.extensions import db
from casework.reprisals.letters import draft_raising_letter
from tests.routes import LOGIN, ROLES, SIGNED_IN, Route, answers, changing, check_every_role, check_route, reading

ASSIGNED_VIEW = answers(LOGIN, officer=200, supervisor=200, admin=200, others=404)
ASSIGNED_EDIT = answers(LOGIN, officer=303, supervisor=303, admin=303, others=404)
ASSIGNED_EDIT_INVALID = answers(LOGIN, officer=400, supervisor=400, admin=400, others=404)
ASSIGNED_EDIT_FORM = answers(LOGIN, officer=200, supervisor=200, admin=200, others=404)
ASSIGNED_APPROVE = answers(LOGIN, supervisor=303, admin=303, officer=403, others=404)
TEAM_PAGE = answers(LOGIN, viewer=200, officer=200, supervisor=200, admin=200, others=403)
TEAM_SUPERVISOR_FORM = answers(LOGIN, supervisor=200, admin=200, others=403)
TEAM_SUPERVISOR_SAVES = answers(LOGIN, supervisor=303, admin=303, others=403)
OPENERS_FORM = answers(LOGIN, officer=200, supervisor=200, admin=200, others=403)
OPENERS_INVALID = answers(LOGIN, officer=400, supervisor=400, admin=400, others=403)


@dataclass
class World:
    case: object
    acting: object
    letter: object
    consent_id: int
    viewer_id: int


@pytest.fixture
def world(make_reprisal, users) -> World:
    case = make_reprisal("inclusion_decision")
    acting = make_reprisal("verified", title="Second case")
    letter = draft_raising_letter(acting, users["officer"])
    db.session.commit()
    return World(case, acting, letter, case.consents[0].id, users["viewer"].id)


def _case(path: str):
    return lambda w: f"/reprisals/{w.case.id}/{path}"


ROUTES = [
    Route("reprisals.index", "GET", lambda w: "/reprisals/", SIGNED_IN),
    Route("reprisals.export", "GET", lambda w: "/reprisals/export.csv", SIGNED_IN),
    Route("reprisals.new", "GET", lambda w: "/reprisals/new", OPENERS_FORM),
    Route("reprisals.new", "POST", lambda w: "/reprisals/new", OPENERS_INVALID),
    Route("reprisals.import_csv", "GET", lambda w: "/reprisals/import", OPENERS_FORM),
    Route("reprisals.import_csv", "POST", lambda w: "/reprisals/import", OPENERS_INVALID),
    Route("reprisals.report", "GET", lambda w: "/reprisals/report?year=2027", TEAM_PAGE),
    Route("reprisals.report_html", "GET", lambda w: "/reprisals/report/2027.html", TEAM_PAGE),
    Route("reprisals.report_pdf", "GET", lambda w: "/reprisals/report/2027.pdf", TEAM_PAGE),
    Route("reprisals.reporting_period", "GET", lambda w: "/reprisals/report/period", TEAM_SUPERVISOR_FORM),
    Route("reprisals.reporting_period", "POST", lambda w: "/reprisals/report/period", TEAM_SUPERVISOR_SAVES,
          lambda w: {"day": "31", "month": "3"}),
    Route("reprisals.edit", "GET", _case("edit"), ASSIGNED_EDIT_FORM),
    Route("reprisals.edit", "POST", _case("edit"), ASSIGNED_EDIT, lambda w: {
        "version": w.case.version, "title": "Defender detained after briefing CAT", "state_id": w.case.state_id,
        "received_on": "2026-06-03", "engaged_body": "treaty_body", "summary": "Released on bail."}),
    Route("reprisals.edit", "POST", _case("edit"), ASSIGNED_EDIT_INVALID, lambda w: {"version": w.case.version}),
    Route("reprisals.add_victim", "POST", _case("victims"), ASSIGNED_EDIT,
          lambda w: {"victim-kind": "organisation", "victim-name": "Defenders' Network", "victim-sex": "unknown"}),
    Route("reprisals.add_act", "POST", _case("acts"), ASSIGNED_EDIT,
          lambda w: {"category": "travel_ban", "occurred_on": "2026-07-01"}),
    Route("reprisals.add_consent", "POST", _case("consents"), ASSIGNED_EDIT,
          lambda w: {"informed": "y", "scope": "country_only", "given_by": "Her lawyer", "given_on": "2026-07-02"}),
    Route("reprisals.revoke_consent", "POST", lambda w: f"/reprisals/{w.case.id}/consents/{w.consent_id}/revoke",
          ASSIGNED_EDIT_INVALID),
    Route("reprisals.assess_risk", "POST", _case("risk"), ASSIGNED_EDIT,
          lambda w: {"level": "high", "assessed_on": "2026-07-03", "measures": "Relocation."}),
    Route("reprisals.record_action", "POST", lambda w: f"/reprisals/{w.acting.id}/actions", ASSIGNED_EDIT,
          lambda w: {"kind": "raised_with_state", "taken_on": "2026-07-04", "outcome": "Raised."}),
    Route("reprisals.decide_inclusion", "POST", _case("inclusion"), ASSIGNED_APPROVE,
          lambda w: {"report_year": "2027", "annex": "I"}),
    Route("reprisals.link_case", "POST", _case("links"), ASSIGNED_EDIT_INVALID),
    Route("reprisals.draft_letter", "POST", lambda w: f"/reprisals/{w.acting.id}/letter", ASSIGNED_EDIT),
    # The shared pages and actions of any case, on a reprisals case and on its letter.
    Route("cases.detail", "GET", lambda w: f"/cases/{w.case.id}", ASSIGNED_VIEW),
    Route("cases.detail", "GET", lambda w: f"/cases/{w.letter.id}", ASSIGNED_VIEW),
    Route("letters.edit", "GET", lambda w: f"/letters/{w.letter.id}/edit", ASSIGNED_VIEW),
    Route("cases.transition", "POST", lambda w: f"/cases/{w.acting.id}/actions/consider_inclusion", ASSIGNED_EDIT,
          lambda w: {"version": w.acting.version}),
    Route("cases.assign", "POST", lambda w: f"/cases/{w.case.id}/assignments",
          answers(LOGIN, supervisor=303, admin=303, officer=403, others=404), lambda w: {"user_id": w.viewer_id}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", changing(ROUTES), ids=lambda r: f"{r.method} {r.endpoint} {r.url.__name__}")
def test_route_answers_role(route: Route, role: str, world: World, client, users):
    check_route(client, route, role, users, world)


@pytest.mark.parametrize("route", reading(ROUTES), ids=lambda r: f"{r.method} {r.endpoint} {r.url.__name__}")
def test_page_answers_every_role(route: Route, world: World, users, app):
    check_every_role(app, route, users, world)
