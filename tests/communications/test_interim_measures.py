"""Interim measures move through a workflow of their own: each decision is in the case's history
and audit trail, and a decision that cannot be taken says why, pressed as the page draws it."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from casework.communications import interim_measures as im
from casework.communications.models import InterimMeasure, MeasureStatus
from casework.core.audit import AuditEvent
from casework.core.workflow import CaseHistory
from casework.extensions import db
from tests.pages import buttons, read_page, words

MEASURE = "not to deport the author"


@pytest.fixture
def requested(make_communication, users) -> InterimMeasure:
    """CCPR 1/2026, registered, with the author's request for interim measures logged."""
    case = make_communication(register=True)
    entry = im.request_interim_measures(case, MEASURE, date(2026, 4, 2), users["officer"])
    db.session.commit()
    return entry


def _press(client, page, entry: InterimMeasure, decision: str):
    """Press the button of `decision` on `page`, with what its form carries."""
    action = f"/interim-measures/{entry.id}/{decision}"
    [form] = [f for f in read_page(page).forms if f["action"].endswith(action)]
    return client.post(form["action"], data=dict(form["fields"]))


def _history(entry: InterimMeasure) -> list[tuple[str, str, str]]:
    rows = db.session.scalars(select(CaseHistory).where(
        CaseHistory.case_id == entry.communication_id, CaseHistory.part == "interim_measure",
        CaseHistory.part_id == entry.id).order_by(CaseHistory.id))
    return [(row.event, row.from_status, row.to_status) for row in rows]


@pytest.mark.parametrize(("decisions", "shown"), [
    (["grant"], "Interim measures: Requested → Granted"),
    (["refuse"], "Interim measures: Requested → Refused"),
    (["grant", "lift"], "Interim measures: Granted → Lifted"),
])
def test_each_decision_on_interim_measures_is_in_the_case_history(client_for, users, requested, decisions, shown):
    rapporteur = client_for(users["supervisor"])
    case = requested.communication
    for decision in decisions:
        response = _press(rapporteur, rapporteur.get(case.url), requested, decision)
        assert response.status_code == 303, words(response)[:2000]
    page = rapporteur.get(case.url)
    assert shown in words(page)

    db.session.expire_all()
    entry = db.session.get(InterimMeasure, requested.id)
    assert [event for event, _from, _to in _history(entry)] == decisions
    assert entry.status == _history(entry)[-1][2]
    assert entry.decided_by_id == users["supervisor"].id and entry.decided_on == date.today()
    trail = db.session.scalars(select(AuditEvent).where(
        AuditEvent.case_id == case.id, AuditEvent.object_type == "interim_measures",
        AuditEvent.action == "state_change").order_by(AuditEvent.id)).all()
    assert [event.detail["event"] for event in trail] == decisions
    assert all(event.actor_id == users["supervisor"].id for event in trail)


def test_lifting_records_the_day_and_keeps_the_grant(client_for, users, requested):
    im.decide_interim_measures(requested, "grant", users["supervisor"], date(2026, 4, 3))
    im.decide_interim_measures(requested, "lift", users["supervisor"], date(2026, 5, 1))
    db.session.commit()
    assert (requested.status, requested.decided_on, requested.lifted_on) == (
        MeasureStatus.LIFTED, date(2026, 4, 3), date(2026, 5, 1))
    assert _history(requested) == [("grant", "requested", "granted"), ("lift", "granted", "lifted")]


def test_a_decision_pressed_on_a_page_drawn_before_another_says_why_and_changes_nothing(
        client_for, users, requested):
    rapporteur = client_for(users["supervisor"])
    case = requested.communication
    before = rapporteur.get(case.url)  # a second tab, left open with Grant and Refuse
    assert _press(rapporteur, before, requested, "grant").status_code == 303
    response = _press(rapporteur, before, requested, "refuse")
    assert response.status_code == 422
    assert "“Refuse interim measures” is not possible now: Interim measures granted." in words(response)
    db.session.expire_all()
    entry = db.session.get(InterimMeasure, requested.id)
    assert entry.status == MeasureStatus.GRANTED
    assert _history(entry) == [("grant", "requested", "granted")]


@pytest.mark.parametrize("role", ["officer", "viewer"])
def test_only_the_special_rapporteur_decides_and_the_page_says_why(client_for, users, requested, role):
    rapporteur_page = client_for(users["supervisor"]).get(requested.communication.url)
    client = client_for(users[role])
    assert "Grant" not in buttons(client.get(requested.communication.url))  # not offered to the role
    response = _press(client, rapporteur_page, requested, "grant")
    assert response.status_code == 403
    assert "Your role does not allow “Grant interim measures” on this case." in words(response)
    db.session.expire_all()
    entry = db.session.get(InterimMeasure, requested.id)
    assert (entry.status, entry.decided_on, entry.decided_by_id) == (MeasureStatus.REQUESTED, None, None)
    assert _history(entry) == []
