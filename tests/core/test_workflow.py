"""The workflow engine: refusals with reasons, history, audit trail, deadlines, conflicts."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from casework.core.audit import AuditEvent
from casework.core.deadlines import Deadline, Period, add_months
from casework.core.permissions import Permission
from casework.core.workflow import (
    _WORKFLOWS, CaseHistory, Transition, Workflow, available, enter, fire, register_workflow,
)
from casework.core.writes import EditConflict, Refused
from casework.extensions import db
from tests.sample_workflow import SampleStatus


def _reload(case):
    db.session.expire_all()
    return db.session.get(type(case), case.id)


def test_case_officer_submits_and_it_is_recorded_everywhere(users, make_case):
    case = make_case()
    fire(case, "submit", users["officer"], expected_version=1, comment="Ready for review")
    db.session.commit()

    case = _reload(case)
    assert case.status == SampleStatus.SUBMITTED
    assert case.version == 2
    entry = db.session.scalars(select(CaseHistory).where(CaseHistory.case_id == case.id)).one()
    assert (entry.from_status, entry.to_status, entry.actor_id, entry.comment) == (
        "draft", "submitted", users["officer"].id, "Ready for review")
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.case_id == case.id, AuditEvent.action == "state_change")).one()
    assert event.actor_id == users["officer"].id
    assert event.changes["status"] == ["draft", "submitted"]
    assert event.detail == {"event": "submit", "comment": "Ready for review", "on": date.today().isoformat()}


def test_approval_opens_the_reply_deadline_six_months_later(users, make_case):
    case = make_case(status=SampleStatus.SUBMITTED)
    fire(case, "approve_and_send", users["supervisor"], on=date(2026, 8, 31))
    db.session.commit()

    deadline = db.session.scalars(select(Deadline).where(Deadline.case_id == case.id)).one()
    assert deadline.label == "Reply due"
    assert deadline.due_on == date(2027, 2, 28)  # 31 August + 6 months, clamped to February's end
    assert deadline.is_open
    assert db.session.scalars(select(AuditEvent).where(
        AuditEvent.object_type == "deadlines", AuditEvent.action == "create")).one().case_id == case.id


def test_recording_the_reply_closes_the_deadline(users, make_case):
    case = make_case(status=SampleStatus.SUBMITTED)
    fire(case, "approve_and_send", users["supervisor"])
    fire(case, "record_reply", users["officer"])
    db.session.commit()

    deadline = db.session.scalars(select(Deadline).where(Deadline.case_id == case.id)).one()
    assert not deadline.is_open
    assert deadline.closed_by_event == "record_reply"


def test_case_officer_may_not_approve_and_nothing_changes(users, make_case):
    case = make_case(status=SampleStatus.SUBMITTED)
    with pytest.raises(Refused, match="Your role does not allow “Approve and send”") as refused:
        fire(case, "approve_and_send", users["officer"])
    db.session.rollback()
    assert refused.value.forbidden

    case = _reload(case)
    assert case.status == SampleStatus.SUBMITTED and case.version == 1
    assert db.session.scalars(select(CaseHistory)).all() == []
    assert db.session.scalars(select(Deadline)).all() == []
    assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "state_change")).all() == []


def test_event_from_the_wrong_state_is_refused_with_the_state(users, make_case):
    case = make_case(status=SampleStatus.DRAFT)
    with pytest.raises(Refused, match="not possible while the case is draft") as refused:
        fire(case, "record_reply", users["supervisor"])
    assert not refused.value.forbidden


def test_unknown_event_is_refused(users, make_case):
    with pytest.raises(Refused, match="not an action"):
        fire(make_case(), "publish", users["admin"])


def test_required_fields_must_be_filled_first(users, make_case):
    case = make_case(reference=None)
    with pytest.raises(Refused, match="Fill in “Reference” before “Submit for approval”"):
        fire(case, "submit", users["officer"])


def test_guard_reason_is_given(users, make_case):
    case = make_case(status=SampleStatus.REPLIED, title="")
    with pytest.raises(Refused, match="needs a title"):
        fire(case, "close", users["supervisor"])


def test_stale_version_is_a_conflict_not_an_overwrite(users, make_case):
    case = make_case()
    fire(case, "submit", users["officer"], expected_version=1)
    db.session.commit()
    with pytest.raises(EditConflict, match="changed by someone else"):
        fire(_reload(case), "return_to_draft", users["supervisor"], expected_version=1)


def test_concurrent_update_in_the_database_is_refused(users, make_case, app):
    """Two sessions load version 1; the second write is refused by the version column."""
    from sqlalchemy.orm import Session
    from sqlalchemy.orm.exc import StaleDataError

    case = make_case()
    with Session(db.engine) as other:
        theirs = other.get(type(case), case.id)
        theirs.title = "Changed elsewhere"
        mine = _reload(case)
        other.commit()
    mine.title = "Changed here"
    with pytest.raises(StaleDataError):
        db.session.commit()
    db.session.rollback()
    assert _reload(case).title == "Changed elsewhere"


def test_available_lists_only_what_the_role_may_do_with_reasons(users, make_case):
    case = make_case(reference=None)
    officer_actions = [(t.event, reason) for t, reason in available(case, users["officer"])]
    assert officer_actions == [("submit", "Fill in “Reference” before “Submit for approval”.")]
    assert available(case, users["viewer"]) == []
    submitted = make_case(status=SampleStatus.SUBMITTED, reference="S 9/2026")
    assert [t.event for t, _ in available(submitted, users["supervisor"])] == ["approve_and_send", "return_to_draft"]
    assert available(submitted, users["officer"]) == []


def test_workflow_declaration_rejects_unknown_states():
    with pytest.raises(ValueError, match="unknown states"):
        Workflow("broken", SampleStatus, "draft", (Transition("go", "Go", frozenset({"draft"}), "nowhere"),))


@pytest.mark.parametrize("start, period, due", [
    (date(2026, 1, 31), Period(months=1), date(2026, 2, 28)),
    (date(2026, 11, 15), Period(months=3), date(2027, 2, 15)),
    (date(2026, 3, 1), Period(days=14), date(2026, 3, 15)),
    (date(2024, 2, 29), Period(months=12), date(2025, 2, 28)),
])
def test_periods_are_calendar_periods(start, period, due):
    assert period.after(start) == due


def test_add_months_keeps_the_day_when_it_exists():
    assert add_months(date(2026, 5, 15), 6) == date(2026, 11, 15)


# ---- A case's parts, and cases brought in at a stage ---------------------------------------------

class ReviewStatus(enum.StrEnum):
    ASKED = "asked"
    GIVEN = "given"
    WITHDRAWN = "withdrawn"


@dataclass
class Review:
    """A part of a case with states of its own (as an interim-measures request is)."""

    id: int
    part_of: object
    status: str = ReviewStatus.ASKED
    workflow_key = "sample_review"


REVIEW_WORKFLOW = Workflow(
    case_type="sample_review", states=ReviewStatus, initial=ReviewStatus.ASKED, title="Review",
    labels={ReviewStatus.GIVEN: "Given by the supervisor"},
    transitions=(
        Transition("give", "Give the review", frozenset({ReviewStatus.ASKED}), ReviewStatus.GIVEN,
                   Permission.APPROVE),
        Transition("withdraw", "Withdraw", frozenset({ReviewStatus.GIVEN}), ReviewStatus.WITHDRAWN),
    ),
)


@pytest.fixture
def review(make_case):
    register_workflow(REVIEW_WORKFLOW)
    yield Review(id=7, part_of=make_case())
    _WORKFLOWS.pop(REVIEW_WORKFLOW.case_type)  # the other tests see only the workflows the app installs


def test_a_part_moves_through_its_own_workflow_and_the_case_keeps_the_history(users, review, login):
    fire(review, "give", users["supervisor"], comment="Granted on the papers")
    db.session.commit()

    assert review.status == ReviewStatus.GIVEN
    assert review.part_of.status == SampleStatus.DRAFT  # the case's own state does not move
    entry = db.session.scalars(select(CaseHistory).where(CaseHistory.case_id == review.part_of.id)).one()
    assert (entry.event, entry.from_status, entry.to_status, entry.part, entry.part_id) == (
        "give", "asked", "given", "sample_review", 7)
    page = login(users["officer"]).get(f"/cases/{review.part_of.id}").get_data(as_text=True)
    assert "Review: Asked → Given by the supervisor" in page


def test_a_part_follows_its_case_permissions_and_states(users, review):
    with pytest.raises(Refused) as refusal:
        fire(review, "give", users["officer"])  # a case officer may not approve
    assert refusal.value.status == 403
    with pytest.raises(Refused, match="not possible now: Review asked") as refusal:
        fire(review, "withdraw", users["supervisor"])
    assert refusal.value.status == 422
    assert [t.event for t, _reason in available(review, users["supervisor"])] == ["give"]
    assert [t.event for t, _reason in available(review, users["officer"])] == []


def test_a_case_brought_in_enters_its_stage_with_a_history_row(users, make_case):
    case = make_case()
    enter(case, SampleStatus.SENT, users["officer"], comment="Imported from the 2019 register")
    db.session.commit()

    case = _reload(case)
    assert case.status == SampleStatus.SENT
    entry = db.session.scalars(select(CaseHistory).where(CaseHistory.case_id == case.id)).one()
    assert (entry.event, entry.from_status, entry.to_status, entry.comment) == (
        "enter", "draft", "sent", "Imported from the 2019 register")
    with pytest.raises(Refused, match="not a stage"):
        enter(case, "archived", users["officer"], comment="")


def test_a_conflict_on_a_record_the_page_did_not_name_says_so_in_words():
    assert str(EditConflict(None)).startswith("Someone else changed this while you were working on it.")


def test_a_step_is_dated_neither_in_the_future_nor_before_the_step_it_follows(users, make_case):
    case = make_case()
    with pytest.raises(Refused, match="in the future"):
        fire(case, "submit", users["officer"], on=date.today() + timedelta(days=2))
    fire(case, "submit", users["officer"], on=date(2026, 5, 4))
    with pytest.raises(Refused, match=r"before the step it follows \(submitted, on May 4, 2026\)"):
        fire(case, "approve_and_send", users["supervisor"], on=date(2026, 5, 3))
    entry = fire(case, "approve_and_send", users["supervisor"], on=date(2026, 5, 4))  # the same day is fine
    assert entry.happened_on == date(2026, 5, 4) and entry.recorded_later


def test_a_case_brought_in_from_elsewhere_enters_its_stage_on_the_day_it_reached_it(users, make_case):
    case = make_case()
    entry = enter(case, "sent", users["officer"], comment="Imported", on=date(2019, 3, 1))
    assert entry.happened_on == date(2019, 3, 1)
    fire(case, "record_reply", users["officer"], on=date(2019, 9, 2))
