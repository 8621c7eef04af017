"""Steps recorded after the day they happened, through the pages as a secretariat records them: the
date in the Actions panel dates the step and the clocks it opens; a date that cannot be is refused
with the reason, and what was typed is kept."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from casework.communications import interim_measures as im
from casework.core.deadlines import Deadline, add_months
from casework.core.workflow import CaseHistory, fire
from casework.core.writes import Refused
from casework.extensions import db
from tests.pages import form_with, words


def _actions_form(client, case) -> dict:
    """What the Actions panel submits, as the page draws it."""
    return form_with(client.get(case.url), "comment")


def _actions_form_of(response) -> dict:
    return form_with(response, "comment")


def _clock(case, kind: str) -> Deadline | None:
    return db.session.scalar(select(Deadline).where(Deadline.case_id == case.id, Deadline.kind == kind))


def test_a_transmittal_dated_three_months_ago_opens_its_clock_from_that_date(make_communication, users, client_for):
    case = make_communication(register=True)
    supervisor = client_for(users["supervisor"])
    form = _actions_form(supervisor, case)
    assert form["on"] == [date.today().isoformat()]  # the page offers today, ready to change
    transmitted = add_months(date.today(), -3)
    response = supervisor.post(f"/cases/{case.id}/actions/transmit", data={**form, "on": transmitted.isoformat()})
    assert response.status_code == 303
    assert _clock(case, "state_observations").due_on == add_months(transmitted, 6)
    entry = db.session.scalar(select(CaseHistory).where(CaseHistory.case_id == case.id,
                                                        CaseHistory.event == "transmit"))
    assert entry.happened_on == transmitted
    page = supervisor.get(case.url)
    history = page.get_data(as_text=True).split('id="history-h"')[1].split("</section>")[0]
    assert f'<time datetime="{transmitted.isoformat()}">' in history and "recorded on" in history


def test_a_step_dated_in_the_future_is_refused(make_communication, users, client_for):
    case = make_communication(register=True)
    supervisor = client_for(users["supervisor"])
    later = (date.today() + timedelta(days=5)).isoformat()
    refused = supervisor.post(f"/cases/{case.id}/actions/transmit", data={**_actions_form(supervisor, case),
                                                                          "on": later})
    assert refused.status_code == 400
    assert "This date is in the future" in words(refused)
    assert _actions_form_of(refused)["on"] == [later]
    db.session.refresh(case)
    assert case.status == "registered" and _clock(case, "state_observations") is None


def test_a_step_dated_before_the_step_it_follows_is_refused(make_communication, users, client_for):
    case = make_communication(register=True)  # registered on 1 April 2026
    supervisor = client_for(users["supervisor"])
    refused = supervisor.post(f"/cases/{case.id}/actions/transmit", data={**_actions_form(supervisor, case),
                                                                          "on": "2026-03-20"})
    assert refused.status_code == 422
    assert "cannot be dated Mar 20, 2026, before the step it follows (registered, on Apr 1, 2026)" in words(refused)
    assert _actions_form_of(refused)["on"] == ["2026-03-20"]


def test_a_registration_before_receipt_is_refused_and_takes_no_number(make_communication, users, client_for):
    case = make_communication()  # received on 2 March 2026
    supervisor = client_for(users["supervisor"])
    form = form_with(supervisor.get(case.url), "registered_on")
    refused = supervisor.post(f"/communications/{case.id}/register", data={**form, "registered_on": "2026-02-27"})
    assert refused.status_code == 422
    assert "cannot be dated Feb 27, 2026, before the case was received on Mar 2, 2026" in words(refused)
    assert form_with(refused, "registered_on")["registered_on"] == ["2026-02-27"]
    db.session.refresh(case)
    assert case.status == "received" and case.reference is None
    registered = supervisor.post(f"/communications/{case.id}/register", data={**form, "registered_on": "2026-03-05"})
    assert registered.status_code == 303
    db.session.refresh(case)
    assert case.number_label == "1/2026"  # the refused attempt used no number


def test_a_decision_dated_before_the_recorded_transmittal_is_refused(make_communication, users, client_for):
    case = make_communication(register=True)
    supervisor = client_for(users["supervisor"])
    assert supervisor.post(f"/cases/{case.id}/actions/transmit",
                           data={**_actions_form(supervisor, case), "on": "2026-05-04"}).status_code == 303
    form = form_with(supervisor.get(case.url), "adopted_on")
    refused = supervisor.post(f"/communications/{case.id}/decision", data={
        **form, "decision_type": "inadmissible", "adopted_on": "2026-04-20", "session": "139"})
    assert refused.status_code == 422
    assert "“Declare inadmissible” cannot be dated Apr 20, 2026, before the step it follows (transmitted, on May 4, 2026)" \
        in words(refused)
    assert form_with(refused, "adopted_on")["adopted_on"] == ["2026-04-20"]
    db.session.refresh(case)
    assert case.status == "transmitted" and not case.decisions


def test_interim_measures_are_dated_after_their_own_steps_not_the_case_s(make_communication, users):
    """A part's steps follow its own: interim measures granted before a later transmittal is recorded
    are accepted, but they cannot be lifted before they were granted."""
    case = make_communication(register=True)
    entry = im.request_interim_measures(case, "Not to deport the author", date(2026, 4, 2), users["officer"])
    fire(case, "transmit", users["supervisor"], on=date(2026, 4, 10))
    im.decide_interim_measures(entry, "grant", users["supervisor"], date(2026, 4, 5))
    with pytest.raises(Refused, match="before the step it follows"):
        im.decide_interim_measures(entry, "lift", users["supervisor"], date(2026, 4, 4))
