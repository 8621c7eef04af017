"""The case page: actions the user may take now, refusals shown with the reason, conflicts."""
from __future__ import annotations

from casework.extensions import db
from tests.sample_workflow import SampleStatus


def test_case_page_shows_the_actions_of_the_role(login, users, make_case):
    case = make_case(status=SampleStatus.SUBMITTED)
    page = login(users["supervisor"]).get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Approve and send" in page and "Return to drafter" in page
    assert "Record reply" not in page


def test_viewer_sees_no_actions(login, users, make_case):
    case = make_case(status=SampleStatus.SUBMITTED)
    page = login(users["viewer"]).get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Approve and send" not in page
    assert "There is nothing you can do on this case" in page


def test_refused_transition_shows_reason_and_keeps_comment(login, users, make_case):
    case = make_case(status=SampleStatus.SUBMITTED)
    client = login(users["officer"])
    response = client.post(f"/cases/{case.id}/actions/approve_and_send",
                           data={"version": 1, "comment": "Please send today"})
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert "Your role does not allow “Approve and send” on this case." in page
    assert "Please send today" in page
    db.session.expire_all()
    assert db.session.get(type(case), case.id).status == SampleStatus.SUBMITTED


def test_successful_transition_appears_in_history_and_trail(login, users, make_case):
    case = make_case(status=SampleStatus.SUBMITTED)
    client = login(users["supervisor"])
    response = client.post(f"/cases/{case.id}/actions/approve_and_send", data={"version": 1, "comment": "Sent"})
    assert response.status_code == 303
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Done: Approve and send." in page
    assert "Submitted → Sent" in page
    assert "Reply due" in page
    assert "Case moved to a new state" in page


def test_second_writer_gets_a_conflict_message(login, users, make_case):
    case = make_case(status=SampleStatus.SUBMITTED)
    client = login(users["supervisor"])
    assert client.post(f"/cases/{case.id}/actions/return_to_draft", data={"version": 1}).status_code == 303
    response = client.post(f"/cases/{case.id}/actions/submit", data={"version": 1, "comment": "mine"})
    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(type(case), case.id).status == SampleStatus.DRAFT


def test_events_the_system_fires_cannot_be_chosen(login, users, make_case):
    from dataclasses import replace

    from casework.core.workflow import register_workflow, workflow_for

    case = make_case(status=SampleStatus.SUBMITTED)
    workflow = workflow_for(case)
    automatic = replace(workflow.transition("approve_and_send"), manual=False)
    register_workflow(replace(workflow, transitions=tuple(
        automatic if t.event == "approve_and_send" else t for t in workflow.transitions)))
    try:
        response = login(users["supervisor"]).post(f"/cases/{case.id}/actions/approve_and_send",
                                                   data={"version": 1})
        assert response.status_code == 422
        assert "happens by itself" in response.get_data(as_text=True)
    finally:
        register_workflow(workflow)
    db.session.expire_all()
    assert db.session.get(type(case), case.id).status == SampleStatus.SUBMITTED


def test_the_assigned_panel_names_the_case_officer_the_header_names(users, make_case, login):
    from tests.pages import words

    case = make_case(officer=users["officer"])
    page = words(login(users["supervisor"]).get(f"/cases/{case.id}"))
    assert f"Assigned Case officer: {users['officer'].name} Nobody else is assigned." in page
