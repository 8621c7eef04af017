"""Workflow actions through the API: what may be fired, the engine's refusals, optimistic locking."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from casework.core.audit import AuditEvent
from casework.core.deadlines import Deadline
from casework.core.workflow import CaseHistory
from casework.extensions import db


def test_the_actions_offered_are_those_of_the_role(world, api_as):
    url = f"/api/v1/cases/{world.communication.id}/transitions"
    offered = api_as(world.users["officer"]).get(url).json
    assert offered["status"] == "received" and offered["version"] == world.communication.version
    assert {t["event"]: t["allowed"] for t in offered["transitions"]} == {"request_clarification": True}
    assert api_as(world.users["viewer"]).get(url).json["transitions"] == []


def test_firing_an_action_changes_the_state_with_history_and_audit(world, api_as):
    case = world.communication
    response = api_as(world.users["officer"]).post(
        f"/api/v1/cases/{case.id}/transitions/request_clarification",
        {"version": case.version, "comment": "Which domestic remedies?"})
    assert response.status_code == 200, response.json
    assert (response.json["from_status"], response.json["to_status"]) == ("received", "clarification_requested")
    assert response.json["case"]["status"] == "clarification_requested"
    entry = db.session.scalar(select(CaseHistory).where(CaseHistory.case_id == case.id))
    assert entry.actor_id == world.users["officer"].id and entry.comment == "Which domestic remedies?"
    change = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "state_change",
                                                        AuditEvent.case_id == case.id))
    assert change.actor_id == world.users["officer"].id
    assert change.detail["event"] == "request_clarification" and change.detail["api_token"]["name"] == "script"


def test_a_stale_version_is_refused_with_409(world, api_as):
    case = world.communication
    api = api_as(world.users["officer"])
    stale = case.version
    assert api.post(f"/api/v1/cases/{case.id}/transitions/request_clarification", {"version": stale}).status_code == 200
    again = api.post(f"/api/v1/cases/{case.id}/transitions/receive_clarification", {"version": stale})
    assert again.status_code == 409 and "changed by someone else" in again.json["error"]["message"]


def test_refusals_carry_the_engine_s_reason(world, api_as):
    case = world.communication
    officer, viewer = api_as(world.users["officer"]), api_as(world.users["viewer"])
    wrong_state = officer.post(f"/api/v1/cases/{case.id}/transitions/receive_observations", {"version": case.version})
    assert wrong_state.status_code == 409 and "not possible while the case is received" in \
        wrong_state.json["error"]["message"]
    by_itself = officer.post(f"/api/v1/cases/{case.id}/transitions/register", {"version": case.version})
    assert by_itself.status_code == 409 and "happens by itself" in by_itself.json["error"]["message"]
    role = viewer.post(f"/api/v1/cases/{case.id}/transitions/request_clarification", {"version": case.version})
    assert role.status_code == 403 and "Your role does not allow" in role.json["error"]["message"]
    unknown = officer.post(f"/api/v1/cases/{case.id}/transitions/fly_away", {"version": case.version})
    assert unknown.status_code == 404
    no_version = officer.post(f"/api/v1/cases/{case.id}/transitions/request_clarification", {})
    assert no_version.status_code == 422 and "version" in no_version.json["error"]["fields"]
    hidden = api_as(world.users["viewer"]).post(
        f"/api/v1/cases/{world.secret_communication.id}/transitions/request_clarification", {"version": 1})
    assert hidden.status_code == 404
    db.session.refresh(case)
    assert case.status == "received"


def test_draft_a_letter_for_a_case_and_follow_its_pdf(world, api_as):
    officer = api_as(world.users["officer"])
    response = officer.post("/api/v1/letters", {"letter_type": "communication_acknowledgement", "language": "fr",
                                                "case_id": world.communication.id})
    assert response.status_code == 201, response.json
    letter = response.json
    assert letter["case_id"] == world.communication.id and letter["status"] == "draft"
    assert letter["pdf"] == {"final_available": False, "final_url": None, "final_rendered_at": None,
                             "rendering": None}
    assert officer.get(f"/api/v1/letters/{letter['id']}/pdf").status_code == 404
    assert [item["id"] for item in officer.get("/api/v1/letters", case_id=world.communication.id).json["items"]] \
        == [letter["id"]]
    viewer = api_as(world.users["viewer"])
    assert viewer.post("/api/v1/letters", {"letter_type": "letter", "case_id": world.communication.id}).status_code \
        == 403
    wrong = officer.post("/api/v1/letters", {"letter_type": "circular_letter", "case_id": world.communication.id})
    assert wrong.status_code == 422 and "letter_type" in wrong.json["error"]["fields"]


def test_letters_of_hidden_cases_stay_hidden(world, api_as):
    officer = api_as(world.users["officer"])
    secret_letter = officer.post("/api/v1/letters", {"letter_type": "letter",
                                                     "case_id": world.secret_communication.id}).json
    viewer = api_as(world.users["viewer"])
    assert viewer.get(f"/api/v1/letters/{secret_letter['id']}").status_code == 404
    assert viewer.get("/api/v1/letters").json["total"] == 0
    assert officer.get("/api/v1/letters").json["total"] == 1
    assert viewer.get(f"/api/v1/cases/{secret_letter['id']}").status_code == 404


def test_an_action_takes_the_day_it_happened(world, api_as):
    case = world.communication  # received on 1 March 2026
    officer = api_as(world.users["officer"])
    url = f"/api/v1/cases/{case.id}/transitions/request_clarification"
    before_receipt = officer.post(url, {"version": case.version, "on": "2026-02-27"})
    assert before_receipt.status_code == 409
    assert "before the case was received on Mar 1, 2026" in before_receipt.json["error"]["message"]
    future = officer.post(url, {"version": case.version, "on": "2099-01-01"})
    assert future.status_code == 422 and "on" in future.json["error"]["fields"]
    fired = officer.post(url, {"version": case.version, "on": "2026-03-10"})
    assert fired.status_code == 200 and fired.json["on"] == "2026-03-10"
    entry = db.session.scalar(select(CaseHistory).where(CaseHistory.case_id == case.id))
    assert entry.happened_on == date(2026, 3, 10)
    clock = db.session.scalar(select(Deadline).where(Deadline.case_id == case.id, Deadline.kind == "clarification"))
    assert clock.due_on == date(2026, 5, 10)  # two months from the day it was asked
