"""Changes to individual cases and releases through their pages: a page drawn before someone else's
change is refused with the reason (409) and nothing is saved; a refusal answers on the page it
came from, with its reason and its status."""
from __future__ import annotations

from datetime import date

import pytest

from casework.core.persons import Sex
from casework.detention.cases import operations as cases
from casework.detention.cases.models import AggregateRelease, CaseIssue, DetentionCase, ReleaseSource
from casework.detention.operations import Detainee
from casework.extensions import db
from tests.conftest import sign_in
from tests.pages import text

CHANGED = "was changed by someone else"


@pytest.fixture
def case(users, facility) -> DetentionCase:
    made = cases.open_case(facility, Detainee("Muñoz", "", Sex.MALE), CaseIssue.NO_LEGAL_BASIS, "", users["officer"])
    db.session.commit()
    return made


def changed_meanwhile(case: DetentionCase) -> int:
    """Someone else saves the case after this user's page was drawn: the version that page holds."""
    drawn = case.version
    case.issue_details = "Held without a warrant since March."
    db.session.commit()
    return drawn


def saved(case: DetentionCase) -> DetentionCase:
    db.session.expire_all()
    return db.session.get(DetentionCase, case.id)


@pytest.mark.parametrize("page, sent, typed", [
    ("edit", {"issue": "ill_treatment", "issue_details": "Beaten."}, "Beaten.</textarea>"),
    ("raise", {"raised_on": "2025-03-20", "raised_with": "The judge"}, 'value="The judge"'),
], ids=["the case's details", "a step on its page"])
def test_a_change_from_an_old_page_is_refused_and_nothing_is_saved(client, users, case, page, sent, typed):
    drawn = changed_meanwhile(case)
    sign_in(client, users["officer"])
    response = client.post(f"/detention/cases/{case.id}/{page}", data={"version": drawn, **sent})
    assert response.status_code == 409 and CHANGED in text(response)
    assert typed in text(response)  # what was typed is kept
    now = saved(case)
    assert (now.issue, now.issue_details, now.status, now.raised_on) == (
        CaseIssue.NO_LEGAL_BASIS, "Held without a warrant since March.", "open", None)


def test_a_release_the_record_cannot_count_is_refused_on_the_records_page(client, users, units, states, case):
    """The case is not a release: the record's page says why, with 422, and the record covers nothing."""
    record = cases.save_aggregate(None, units["FO-COL"].id, cases.AggregateContent(
        state_id=states["COL"].id, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
        source=ReleaseSource.DECONGESTION, source_details="", women=1, men=1, children=0), users["supervisor"])
    db.session.commit()
    sign_in(client, users["supervisor"])
    response = client.post(f"/detention/releases/{record.id}/cases", data={"case_id": case.id})
    assert response.status_code == 422
    assert "Only an individual release" in text(response) and "Persons released" in text(response)
    db.session.expire_all()
    assert db.session.get(AggregateRelease, record.id).covered == []
