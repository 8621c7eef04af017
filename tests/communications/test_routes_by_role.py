"""Every page and action of the petitions procedure, for every role.

The CCPR unit's supervisor stands for the Special Rapporteur on new communications; the outsider
works for the CED, another committee, and sees none of the CCPR's cases.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pytest

from casework.communications import interim_measures as im, operations as ops
from casework.communications.models import Communication, InterimMeasure
from casework.core.workflow import fire
from casework.extensions import db
from tests.routes import (
    CASE_EDIT, CASE_EDIT_FORM, LOGIN, ROLES, SIGNED_IN, Route, answers, changing, check_every_role, check_route,
    reading,
)


@dataclass
class World:
    received: Communication
    examined: Communication
    follow_up: Communication
    joinable: Communication
    requested: InterimMeasure
    granted: InterimMeasure
    state_id: int


CASE_APPROVE = answers(LOGIN, supervisor=303, admin=303, outsider=404, others=403)
CREATE_FORM = answers(LOGIN, officer=200, supervisor=200, outsider=200, admin=200, others=403)
DECISION = {"decision_type": "inadmissible", "adopted_on": date.today().isoformat(), "session": "139"}

ROUTES = [
    Route("communications.index", "GET", lambda w: "/communications/", SIGNED_IN),
    Route("communications.backlog_view", "GET", lambda w: f"/communications/backlog?committee={w.received.unit_id}",
          SIGNED_IN),
    Route("communications.import_csv", "GET", lambda w: "/communications/import", CREATE_FORM),
    # The outsider may import for the CED only, so a CCPR row is reported and nothing is written.
    Route("communications.import_csv", "POST", lambda w: "/communications/import",
          answers(LOGIN, officer=303, supervisor=303, outsider=422, admin=303, others=403),
          lambda w: {"file": (io.BytesIO(b"committee,state,received_on,author_family_name\nCCPR,MEX,2026-01-05,Roe\n"),
                              "legacy.csv")}),
    Route("communications.new", "GET", lambda w: "/communications/new", CREATE_FORM),
    Route("communications.new", "POST", lambda w: "/communications/new",
          # The CED's supervisor may record correspondence, but only for the CED.
          answers(LOGIN, officer=303, supervisor=303, outsider=400, admin=303, others=403),
          lambda w: {"committee_id": w.received.unit_id, "state_id": w.state_id,
                     "received_on": "2026-05-02", "submission_language": "en", "authors-0-family_name": "Nguyen"}),
    Route("communications.edit_details", "GET", lambda w: f"/communications/{w.examined.id}/details", CASE_EDIT_FORM),
    Route("communications.edit_details", "POST", lambda w: f"/communications/{w.examined.id}/details", CASE_EDIT,
          lambda w: {"version": w.examined.version, "subject_matter": "Expulsion"}),
    Route("communications.register", "POST", lambda w: f"/communications/{w.received.id}/register", CASE_APPROVE,
          lambda w: {"registered_on": "2026-05-02"}),
    Route("communications.decline", "POST", lambda w: f"/communications/{w.received.id}/decline", CASE_APPROVE,
          lambda w: {"reason": "anonymous", "advice": "Asked for the author's name"}),
    Route("communications.split", "POST", lambda w: f"/communications/{w.received.id}/split", CASE_EDIT,
          lambda w: {"state_ids": "FRA"}),
    Route("communications.join", "POST", lambda w: f"/communications/{w.examined.id}/join", CASE_EDIT,
          lambda w: {"numbers": w.joinable.number_label}),
    Route("communications.request_measures", "POST", lambda w: f"/communications/{w.examined.id}/interim-measures",
          CASE_EDIT, lambda w: {"measure": "not to deport", "requested_on": "2026-05-02"}),
    Route("communications.decide_measures", "POST",
          lambda w: f"/communications/{w.examined.id}/interim-measures/{w.requested.id}/grant", CASE_APPROVE),
    Route("communications.measure_compliance", "POST",
          lambda w: f"/communications/{w.examined.id}/interim-measures/{w.granted.id}/compliance", CASE_EDIT,
          lambda w: {"compliance": "complied"}),
    Route("communications.decision", "POST", lambda w: f"/communications/{w.examined.id}/decision", CASE_EDIT,
          lambda w: DECISION),
    Route("communications.follow_up", "POST", lambda w: f"/communications/{w.follow_up.id}/follow-up", CASE_EDIT,
          lambda w: {"state_reply_on": "2028-01-10", "grade": "A"}),
    Route("communications.close_follow_up", "POST", lambda w: f"/communications/{w.follow_up.id}/follow-up/close",
          CASE_APPROVE, lambda w: {"outcome": "satisfactory"}),
]


@pytest.fixture
def world(make_communication, users, states) -> World:
    received = make_communication()
    examined = make_communication(author=("Haddad", "Samir"), register=True)
    requested = im.request_interim_measures(examined, "not to deport", date(2026, 4, 2), users["officer"])
    granted = im.request_interim_measures(examined, "medical care", date(2026, 4, 2), users["officer"])
    im.decide_interim_measures(granted, "grant", users["supervisor"])
    follow_up = make_communication(author=("Kaya", "Deniz"), register=True)
    fire(follow_up, "transmit", users["supervisor"])
    fire(follow_up, "mark_ready", users["officer"])
    ops.record_decision(follow_up, ops.DecisionInput(ops.DecisionType.VIEWS_VIOLATION, date.today(), 139,
                                                     articles_violated=["CCPR-7"]), users["officer"])
    for event in ("notify_parties", "publish", "open_follow_up"):
        fire(follow_up, event, users["officer"])
    ops.record_follow_up_round(follow_up, users["officer"], state_reply_on=date(2027, 9, 1), author_comments_on=None,
                               grade="B", summary="Partial")
    joinable = make_communication(author=("Haddad", "Leila"), register=True)
    db.session.commit()
    return World(received, examined, follow_up, joinable, requested, granted, states["MEX"].id)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", changing(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_route_answers_role(route: Route, role: str, world: World, users, client):
    check_route(client, route, role, users, world)


@pytest.mark.parametrize("route", reading(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_page_answers_every_role(route: Route, world: World, users, app):
    check_every_role(app, route, users, world)
