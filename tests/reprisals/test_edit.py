"""Correcting a case's details after registration: the page, its refusals and the audit trail."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from casework.core.audit import AuditEvent
from casework.core.cases import CaseAssignment
from casework.core.workflow import fire
from casework.extensions import db
from casework.reprisals import operations as ops
from casework.reprisals.models import Annex
from tests.conftest import sign_in
from tests.reprisals.conftest import TITLE

NEW_SUMMARY = "She was released on bail and her passport was seized."


def _details(case, **changes) -> dict:
    """What the page posts: the case's details as they are, with `changes`."""
    data = {"version": case.version, "title": case.title, "state_id": case.state_id,
            "received_on": case.received_on.isoformat(), "engaged_body": case.engaged_body.value,
            "engaged_body_name": case.engaged_body_name, "engagement_type": case.engagement_type,
            "summary": case.summary, "trigger": case.trigger, "raised_by": ""}
    data.update(changes)
    return data


def test_the_officer_corrects_the_details_and_the_trail_keeps_both_versions(make_reprisal, client, users, states):
    case = make_reprisal("verified")
    old_summary = case.summary
    sign_in(client, users["officer"])
    form = client.get(f"/reprisals/{case.id}/edit")
    assert form.status_code == 200
    assert TITLE in form.get_data(as_text=True) and "Committee against Torture" in form.get_data(as_text=True)

    response = client.post(f"/reprisals/{case.id}/edit", data=_details(
        case, title="Defender detained after briefing CAT", state_id=states["MEX"].id, summary=NEW_SUMMARY,
        raised_by="special_procedure", raised_by_name="Special Rapporteur on human rights defenders"))
    assert response.status_code == 303

    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert NEW_SUMMARY in page and "Defender detained after briefing CAT" in page and "Mexico" in page
    assert "Special Rapporteur on human rights defenders" in page
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.case_id == case.id, AuditEvent.action == "update", AuditEvent.object_type == "reprisal_cases",
        AuditEvent.actor_id == users["officer"].id).order_by(AuditEvent.id.desc()))
    assert event.changes["summary"] == [old_summary, NEW_SUMMARY]
    assert event.changes["title"] == [TITLE, "Defender detained after briefing CAT"]
    assert event.changes["state_id"] == [states["EGY"].id, states["MEX"].id]


def test_bad_input_comes_back_with_the_message_and_what_was_typed(make_reprisal, client, users):
    case = make_reprisal("received")
    sign_in(client, users["officer"])
    response = client.post(f"/reprisals/{case.id}/edit", data=_details(
        case, title="", engaged_from="3 June", summary=NEW_SUMMARY))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    title_field = page.split('id="title"')[1].split("</div>")[0]
    assert "This field is required." in title_field
    engaged_field = page.split('id="engaged_from"')[1].split("</div>")[0]
    assert "Not a valid date value." in engaged_field and 'value="3 June"' in page
    assert NEW_SUMMARY in page
    db.session.refresh(case)
    assert case.title == TITLE and case.summary != NEW_SUMMARY


def test_a_change_made_meanwhile_answers_409_and_keeps_the_input(make_reprisal, client, users):
    case = make_reprisal("received")
    loaded = case.version
    fire(case, "assess", users["supervisor"])  # someone else moves the case on meanwhile
    db.session.commit()
    sign_in(client, users["officer"])
    response = client.post(f"/reprisals/{case.id}/edit", data=_details(case, version=loaded, summary=NEW_SUMMARY))
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "was changed by someone else while you were working on it" in page and NEW_SUMMARY in page
    db.session.refresh(case)
    assert case.summary != NEW_SUMMARY


def test_a_closed_case_is_not_corrected_and_the_reason_is_given(make_reprisal, client, users):
    case = make_reprisal("received")
    fire(case, "close", users["supervisor"])
    db.session.commit()
    sign_in(client, users["officer"])
    opened = client.get(f"/reprisals/{case.id}/edit", follow_redirects=True).get_data(as_text=True)
    assert "The case is closed: reopen it to correct its details." in opened and "Edit details" not in opened

    response = client.post(f"/reprisals/{case.id}/edit", data=_details(case, summary=NEW_SUMMARY))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "The case is closed: reopen it to correct its details." in page and NEW_SUMMARY in page
    db.session.refresh(case)
    assert case.summary != NEW_SUMMARY


def test_a_case_in_a_published_report_keeps_what_the_report_tells(make_reprisal, client, users, states):
    case = make_reprisal("included", year=2025, act_on=date(2024, 9, 2))
    sign_in(client, users["officer"])
    form = client.get(f"/reprisals/{case.id}/edit").get_data(as_text=True)
    assert "The case is in the 2025 report, already published" in form
    assert 'name="summary"' not in form and 'name="title"' in form

    response = client.post(f"/reprisals/{case.id}/edit", data=_details(
        case, title="Corrected title", summary=NEW_SUMMARY, state_id=states["MEX"].id))
    assert response.status_code == 303
    db.session.refresh(case)
    assert case.title == "Corrected title" and case.summary != NEW_SUMMARY and case.state_id == states["EGY"].id


def test_the_report_details_stay_as_published_whoever_calls(make_reprisal, users):
    case = make_reprisal("included", year=2025, act_on=date(2024, 9, 2))
    allegation = ops.Allegation(title=case.title, state_id=case.state_id, received_on=case.received_on,
                                engaged_body=case.engaged_body, engaged_body_name=case.engaged_body_name,
                                engagement_type=case.engagement_type, summary=NEW_SUMMARY)
    with pytest.raises(ops.Refused, match="in the 2025 report, already published"):
        ops.update_details(case, allegation, users["officer"])


def test_a_report_still_being_drafted_can_be_corrected(make_reprisal, client, users):
    case = make_reprisal("included", year=2027, annex=Annex.NEW)
    sign_in(client, users["officer"])
    response = client.post(f"/reprisals/{case.id}/edit", data=_details(case, summary=NEW_SUMMARY))
    assert response.status_code == 303
    db.session.refresh(case)
    assert case.summary == NEW_SUMMARY


def test_an_outsider_finds_nothing(make_reprisal, client, users):
    case = make_reprisal("received")
    sign_in(client, users["outsider"])
    assert client.get(f"/reprisals/{case.id}/edit").status_code == 404
    assert client.post(f"/reprisals/{case.id}/edit", data=_details(case, summary=NEW_SUMMARY)).status_code == 404
    db.session.refresh(case)
    assert case.summary != NEW_SUMMARY


def test_a_viewer_assigned_to_the_case_sees_it_but_may_not_edit_it(make_reprisal, client, users):
    case = make_reprisal("received")
    db.session.add(CaseAssignment(case_id=case.id, user_id=users["viewer"].id,
                                  assigned_by_id=users["supervisor"].id))
    db.session.commit()
    sign_in(client, users["viewer"])
    page = client.get(f"/cases/{case.id}")
    assert page.status_code == 200 and "Edit details" not in page.get_data(as_text=True)
    assert client.get(f"/reprisals/{case.id}/edit").status_code == 403
    assert client.post(f"/reprisals/{case.id}/edit", data=_details(case, summary=NEW_SUMMARY)).status_code == 403
    db.session.refresh(case)
    assert case.summary != NEW_SUMMARY


def test_the_case_page_links_to_the_form_for_those_who_may_edit(make_reprisal, client, users):
    case = make_reprisal("received")
    sign_in(client, users["officer"])
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert f'href="/reprisals/{case.id}/edit"' in page
