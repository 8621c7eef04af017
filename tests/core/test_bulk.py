"""Bulk actions: each record through the same operation, permission and version check as its own
page, one savepoint each, and a result per record."""
from __future__ import annotations

from datetime import date

import pytest

from casework.auth.models import Role
from casework.core import bulk
from casework.core.bulk import BulkRun, ItemStatus
from casework.core.cases import Case
from casework.core.jobs import JobRecord, JobStatus
from casework.core.workflow import history
from casework.extensions import db
from tests.pages import form_with, words
from tests.sample_workflow import SampleStatus


@pytest.fixture
def officer(make_user):
    """A case officer of CCPR who also reads everything of the secretariat (so sees CED's cases)."""
    return make_user("bulkofficer", ("CCPR", Role.CASE_OFFICER), ("OHCHR", Role.VIEWER))


def _outcome(run: BulkRun) -> dict[int, tuple[ItemStatus, str | None]]:
    db.session.expire_all()
    return {item.record_id: (item.status, item.reason) for item in db.session.get(BulkRun, run.id).items}


def _forty(make_case, officer, users):
    """40 records: 30 drafts that can be submitted, and 10 that cannot, each for its own reason."""
    drafts = [make_case(reference=f"S {n}/2026") for n in range(30)]
    submitted = [make_case(reference=f"S {n}/2026", status=SampleStatus.SUBMITTED) for n in range(30, 33)]
    elsewhere = [make_case("CED", reference=f"S {n}/2026") for n in range(33, 36)]  # seen, but only as a viewer
    hidden = [make_case(reference=f"S {n}/2026", confidential=True) for n in range(36, 39)]  # not assigned
    unnumbered = [make_case(reference=None)]  # "submit" needs a reference
    return drafts, submitted, elsewhere, hidden, unnumbered


def test_forty_records_each_done_or_refused_with_its_reason(make_case, officer, users):
    drafts, submitted, elsewhere, hidden, unnumbered = _forty(make_case, officer, users)
    stale = drafts[:2]
    chosen = [(case.id, case.version - 1 if case in stale else case.version)
              for case in drafts + submitted + elsewhere + hidden + unnumbered]
    assert len(chosen) == 40

    run = bulk.start(officer, "submit", chosen, on=date(2026, 6, 1), comment="Batch of June")
    db.session.commit()  # more than INLINE_LIMIT: a job, run as the request commits (inline in tests)

    outcome = _outcome(run)
    done = [case.id for case in drafts[2:]]
    assert all(outcome[case_id] == (ItemStatus.DONE, None) for case_id in done)
    assert all(outcome[case.id][1].startswith("Changed by someone else since the list was drawn") for case in stale)
    assert all("not possible while the case is submitted" in outcome[case.id][1] for case in submitted)
    assert all("Your role does not allow" in outcome[case.id][1] for case in elsewhere)
    assert all(outcome[case.id][1] == "There is no such record, or you may not see it." for case in hidden)
    assert "Fill in “Reference”" in outcome[unnumbered[0].id][1]
    for case_id in done:
        case = db.session.get(Case, case_id)
        assert case.status == SampleStatus.SUBMITTED
        assert (history(case)[0].happened_on, history(case)[0].comment) == (date(2026, 6, 1), "Batch of June")
    for case in stale + elsewhere + hidden:
        assert db.session.get(Case, case.id).status == SampleStatus.DRAFT
    assert db.session.get(BulkRun, run.id).job.status is JobStatus.DONE


def test_a_few_records_are_done_within_the_request(make_case, officer, users):
    cases = [make_case(reference=f"S {n}/2026") for n in range(3)]
    run = bulk.start(officer, "submit", [(case.id, case.version) for case in cases])
    db.session.commit()
    assert run.job_id is None
    assert set(status for status, _reason in _outcome(run).values()) == {ItemStatus.DONE}


def test_a_record_the_user_may_not_see_cannot_be_acted_on_by_posting_its_id(client, login, make_case, officer,
                                                                              users):
    secret = make_case(reference="S 99/2026", confidential=True, title="Secret title")
    login(officer)
    response = client.post("/bulk", data={"action": "submit", "record": f"{secret.id}:{secret.version}",
                                          "back": "/"})
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert "There is no such record, or you may not see it." in words(page)
    assert "Secret title" not in words(page) and "S 99/2026" not in words(page)
    db.session.expire_all()
    assert db.session.get(Case, secret.id).status == SampleStatus.DRAFT


def test_assign_needs_the_role_that_assigns_on_each_record(make_case, officer, users):
    cases = [make_case(reference=f"S {n}/2026") for n in range(2)]
    run = bulk.start(users["supervisor"], "assign", [(case.id, case.version) for case in cases],
                     assignee=officer)
    refused = bulk.start(officer, "assign", [(cases[0].id, cases[0].version)], assignee=officer)
    db.session.commit()
    assert {status for status, _reason in _outcome(run).values()} == {ItemStatus.DONE}
    assert all(any(a.user_id == officer.id for a in db.session.get(Case, case.id).assignments) for case in cases)
    assert "Your role does not allow assigning" in _outcome(refused)[cases[0].id][1]


def test_the_result_is_shown_only_to_who_asked(client, login, make_case, officer, users):
    case = make_case()
    run = bulk.start(officer, "submit", [(case.id, case.version)])
    db.session.commit()
    login(users["supervisor"])
    assert client.get(f"/bulk/{run.id}").status_code == 404


def test_a_stopped_run_goes_on_with_the_records_still_waiting(client, login, make_case, officer, users, app):
    cases = [make_case(reference=f"S {n}/2026") for n in range(bulk.INLINE_LIMIT + 1)]
    app.config["JOB_QUEUE_MODE"] = "thread-never-started"
    try:
        run = bulk.start(officer, "submit", [(case.id, case.version) for case in cases])
        run.job.status = JobStatus.FAILED
        db.session.commit()
    finally:
        app.config["JOB_QUEUE_MODE"] = "inline"
    login(officer)
    page = client.get(f"/bulk/{run.id}")
    assert "26 waiting" in words(page)
    response = client.post(f"/bulk/{run.id}/resume", data=form_with(page, "next"))
    assert response.status_code == 303
    assert "26 records done" in words(client.get(f"/bulk/{run.id}"))
    assert db.session.get(JobRecord, run.job_id).status is JobStatus.DONE


@pytest.mark.parametrize("posted", ["{id}", "{id}:", "{id}:x", "99999999999999999999999:1", "{id}:²"])
def test_a_row_without_the_version_it_was_drawn_from_is_not_taken(client, login, make_case, officer, posted):
    case = make_case()
    login(officer)
    response = client.post("/bulk", data={"action": "submit", "record": posted.format(id=case.id),
                                          "back": "/"}, follow_redirects=True)
    assert "The list sent was not understood." in words(response)
    assert db.session.scalar(db.select(db.func.count(BulkRun.id))) == 0
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == SampleStatus.DRAFT
