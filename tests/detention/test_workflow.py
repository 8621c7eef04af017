"""The workflows of visits and individual cases as truth tables: state × event × role."""
from __future__ import annotations

from datetime import date

import pytest

from casework.core.persons import Sex
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.detention.cases import operations as releases
from casework.detention.cases.models import CaseIssue
from casework.detention.cases.workflow import CASE_WORKFLOW
from casework.detention.operations import Detainee, find_or_register_person
from casework.detention.visits import operations as ops
from casework.detention.visits.models import Access
from casework.detention.visits.workflow import VISIT_WORKFLOW
from casework.extensions import db
from tests.conftest import sign_in
from tests.routes import ROLES

EDITORS = {"officer", "supervisor", "admin"}
APPROVERS = {"supervisor", "admin"}  # the head of office: supervisor of the field office

VISIT_TABLE = [  # event, from, who may, to
    ("submit", "draft", EDITORS, "submitted"),
    ("withdraw", "submitted", EDITORS, "draft"),
    ("return_to_officer", "submitted", APPROVERS, "draft"),
    ("review", "submitted", APPROVERS, "reviewed"),
    ("reopen", "reviewed", APPROVERS, "draft"),
]


def visit_in(state: str, users, facility, make_visit):
    """A visit recorded and, where needed, submitted by the case officer, now in `state`."""
    visit = make_visit(facility, pop_total=120)
    if state != "draft":
        fire(visit, "submit", users["officer"])
    if state in ("reviewed", "final"):
        fire(visit, "review", users["supervisor"])
    visit.status = state
    db.session.commit()
    return visit


def test_the_table_covers_every_manual_event():
    manual = {t.event for t in VISIT_WORKFLOW.transitions if t.manual} - {"finalise"}  # finalise: its own test
    assert {row[0] for row in VISIT_TABLE} == manual


@pytest.mark.parametrize("role", ROLES[1:])
@pytest.mark.parametrize("event, source, allowed, target", VISIT_TABLE, ids=[row[0] for row in VISIT_TABLE])
def test_visit_events_by_role(users, facility, make_visit, role, event, source, allowed, target):
    visit = visit_in(source, users, facility, make_visit)
    if role in allowed:
        fire(visit, event, users[role])
        assert visit.status == target
    else:
        with pytest.raises(Refused) as refusal:
            fire(visit, event, users[role])
        assert refusal.value.forbidden


@pytest.mark.parametrize("event, source, allowed, target", VISIT_TABLE, ids=[row[0] for row in VISIT_TABLE])
def test_visit_events_are_refused_in_every_other_state(users, facility, make_visit, event, source, allowed, target):
    for state in ("draft", "submitted", "reviewed", "final"):
        if state == source:
            continue
        visit = visit_in(state, users, facility, make_visit)
        with pytest.raises(Refused, match="not possible while"):
            fire(visit, event, users["admin"])


def test_the_head_of_office_does_not_review_their_own_visit(users, facility, make_visit):
    visit = make_visit(facility, actor=users["supervisor"], pop_total=120)
    fire(visit, "submit", users["supervisor"])
    with pytest.raises(Refused, match="not by the officer who recorded it"):
        fire(visit, "review", users["supervisor"])


def test_a_visit_is_submitted_with_its_population_or_a_refusal_explained(users, facility, make_visit):
    visit = make_visit(facility)
    with pytest.raises(Refused, match="population on the day"):
        fire(visit, "submit", users["officer"])
    visit.access = Access.REFUSED
    with pytest.raises(Refused, match="why it was refused"):
        fire(visit, "submit", users["officer"])
    visit.access_notes = "No authorisation from the ministry."
    fire(visit, "submit", users["officer"])
    assert visit.submitted_by_id == users["officer"].id


def test_a_visit_is_final_once_its_summary_report_is_issued(app, users, facility, make_visit):
    visit = visit_in("reviewed", users, facility, make_visit)
    with pytest.raises(Refused, match="summary report must be approved"):
        fire(visit, "finalise", users["supervisor"])
    report = ops.draft_visit_report(visit, "en", users["officer"])
    fire(report, "submit", users["officer"])
    db.session.commit()
    fire(report, "approve", users["supervisor"])
    db.session.commit()  # the job renders the final PDF (inline in the tests)
    db.session.refresh(report)
    assert report.final_pdf_sha256
    fire(visit, "finalise", users["supervisor"])
    assert visit.status == "final"


def test_saving_a_submitted_visit_withdraws_it_and_a_reviewed_one_cannot_be_changed(users, facility, make_visit):
    visit = visit_in("submitted", users, facility, make_visit)
    content = ops.VisitContent(
        facility_id=facility.id, started_on=visit.started_on, ended_on=None, team="", announced=False,
        visit_kind=visit.visit_kind, access=visit.access, access_notes="", capacity=100,
        population={"pop_total": 130}, conditions={}, issues_raised="", authority_response="")
    ops.update_visit(visit, content, users["officer"])
    assert visit.status == "draft" and visit.pop_total == 130
    visit = visit_in("reviewed", users, facility, make_visit)
    with pytest.raises(Refused, match="reopen it"):
        ops.update_visit(visit, content, users["officer"])


# ---- Individual cases ----------------------------------------------------------------------------

CASE_TABLE = [  # event, from, who may, to
    ("close", "open", EDITORS, "closed"),
    ("close", "raised", EDITORS, "closed"),
    ("close", "outcome_recorded", EDITORS, "closed"),
    ("reopen", "closed", APPROVERS, "raised"),
]


@pytest.fixture
def detention_case(users, facility):
    def make(state: str):
        person = find_or_register_person(facility.unit_id, Detainee("Muñoz", "", Sex.MALE), users["officer"])
        case = releases.open_case(facility, person, CaseIssue.NO_LEGAL_BASIS, "", users["officer"])
        case.status = state
        db.session.commit()
        return case

    return make


@pytest.mark.parametrize("role", ROLES[1:])
@pytest.mark.parametrize("event, source, allowed, target", CASE_TABLE,
                         ids=[f"{row[0]}-from-{row[1]}" for row in CASE_TABLE])
def test_case_events_by_role(users, detention_case, role, event, source, allowed, target):
    case = detention_case(source)
    if role in allowed:
        fire(case, event, users[role])
        assert case.status == target
    else:
        with pytest.raises(Refused):
            fire(case, event, users[role])


def test_a_case_moves_open_raised_outcome_closed(users, detention_case):
    officer, case = users["officer"], detention_case("open")
    with pytest.raises(Refused, match="Fill in “Raised on” and “Raised with”"):
        fire(case, "raise", officer)
    releases.raise_case(case, date(2025, 3, 1), "Juzgado de Popayán", "Letter to the judge.", officer)
    assert case.status == "raised" and case.actions == "2025-03-01: Letter to the judge."
    with pytest.raises(Refused, match="cannot come before the case was raised"):
        releases.record_outcome(case, releases.CaseOutcome.RELEASED, date(2025, 2, 1), None, "", officer)
    releases.record_outcome(case, releases.CaseOutcome.RELEASED, date(2025, 4, 2), None, "Released.", officer)
    assert case.status == "outcome_recorded" and case.category is releases.ReleaseCategory.MAN
    fire(case, "close", officer)
    assert case.status == "closed"
    assert {t.event for t in CASE_WORKFLOW.transitions} == {"raise", "record_outcome", "close", "reopen"}


def test_steps_that_take_a_form_are_not_buttons(client, users, detention_case):
    case = detention_case("open")
    sign_in(client, users["officer"])
    response = client.post(f"/cases/{case.id}/actions/raise", data={"version": case.version})
    assert response.status_code == 422
    assert "happens by itself" in response.get_data(as_text=True)
