"""Releases are reported as women, men and children, from individual cases and aggregate records,
and a person who is in both is counted once: the aggregate records' counts, plus the individual
releases no aggregate record covers."""
from __future__ import annotations

from datetime import date

import pytest

from casework.core.persons import Sex
from casework.core.writes import Refused
from casework.detention.cases import operations as releases
from casework.detention.cases.models import CaseIssue, CaseOutcome, ReleaseCategory, ReleaseSource
from casework.detention.cases.queries import release_totals
from casework.detention.figures import figures
from casework.detention.filters import Filters
from casework.detention.operations import Detainee, find_or_register_person
from casework.extensions import db
from tests.conftest import sign_in
from tests.pages import text


@pytest.fixture
def release(users, facility):
    """An individual case of the Colombia office, raised and released on a given day."""
    def make(name: str, sex: Sex, born: date, outcome=CaseOutcome.RELEASED, on=date(2025, 5, 2), place=None):
        place = place or facility
        officer = users["officer" if place.unit.code == "FO-COL" else "outsider"]
        person = find_or_register_person(place.unit_id, Detainee(name, "", sex, born), officer)
        case = releases.open_case(place, person, CaseIssue.EXCESSIVE_PRETRIAL, "", officer)
        releases.raise_case(case, date(2025, 3, 1), "The judge", "", officer)
        releases.record_outcome(case, outcome, on, None, "", officer)
        db.session.commit()
        return case

    return make


@pytest.fixture
def programme(users, units, states):
    """The 2025 decongestion plan in Colombia: 10 women, 50 men and 5 children released."""
    record = releases.save_aggregate(None, units["FO-COL"].id, releases.AggregateContent(
        state_id=states["COL"].id, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
        source=ReleaseSource.DECONGESTION, source_details="Plan 2025", women=10, men=50, children=5),
        users["supervisor"])
    db.session.commit()
    return record


def counts(user, **filters) -> tuple[int, int, int, int]:
    totals = release_totals(user, Filters(**filters))
    return totals.women, totals.men, totals.children, totals.total


def test_a_person_in_both_kinds_of_record_is_counted_once(users, release, programme):
    man = release("Muñoz", Sex.MALE, date(1990, 1, 1))
    other_man = release("Quiñones", Sex.MALE, date(1985, 6, 1))
    woman = release("Palacios", Sex.FEMALE, date(1996, 1, 30))
    child = release("Mosquera", Sex.MALE, date(2009, 8, 14))  # 15 on the day: a child
    release("Rentería", Sex.FEMALE, date(1979, 1, 1), outcome=CaseOutcome.MEDICAL_CARE)  # not a release
    assert (man.category, woman.category, child.category) == (
        ReleaseCategory.MAN, ReleaseCategory.WOMAN, ReleaseCategory.CHILD)
    officer = users["officer"]
    assert counts(officer) == (10 + 1, 50 + 2, 5 + 1, 69)  # nobody in both yet

    # Muñoz was released under the plan: he is one of its 50 men.
    releases.cover_case(programme, man, users["supervisor"])
    db.session.commit()
    assert counts(officer) == (11, 51, 6, 68)
    totals = release_totals(officer, Filters())
    assert (totals.aggregate, totals.individual, totals.covered) == (65, 3, 1)

    # The figures count the same way, per field office, country and year.
    rows, total = figures(officer, Filters())
    assert [(r.year, r.releases.women, r.releases.men, r.releases.children) for r in rows] == [(2025, 11, 51, 6)]
    assert total.releases.total == 68
    assert counts(officer, year=2025) == (11, 51, 6, 68) and counts(officer, year=2024) == (0, 0, 0, 0)
    del other_man


def test_the_releases_page_shows_the_totals_and_where_each_person_is_counted(client, users, release, programme):
    man = release("Muñoz", Sex.MALE, date(1990, 1, 1))
    releases.cover_case(programme, man, users["supervisor"])
    db.session.commit()
    sign_in(client, users["viewer"])
    page = text(client.get("/detention/releases/?year=2025"))
    assert "65</span> in all" in page  # 65 in the plan, Muñoz among them
    assert f"in record no. {programme.id}" in page
    assert "persons in aggregate records, 65 (of whom also individual cases: 1)" in page


def test_a_covered_release_that_is_no_longer_one_is_counted_in_the_record_only(users, release, programme):
    man = release("Muñoz", Sex.MALE, date(1990, 1, 1))
    releases.cover_case(programme, man, users["supervisor"])
    db.session.commit()
    # The outcome is corrected: he was transferred, not released. The plan still counts him.
    releases.update_case(man, releases.CaseContent(
        issue=man.issue, issue_details="", raised_with="The judge", actions="", category=ReleaseCategory.MAN,
        outcome=CaseOutcome.TRANSFERRED, outcome_on=date(2025, 5, 2)), users["officer"])
    db.session.commit()
    assert man.covered_by is None
    assert counts(users["officer"]) == (10, 50, 5, 65)


@pytest.mark.parametrize("what, message", [
    ("not a release", "Only an individual release"),
    ("already covered", "is already counted in aggregate record"),
    ("more than the record counts", "covers that many individual releases already"),
    ("another country", "not of this record's field office and country"),
])
def test_a_record_covers_only_releases_it_can_count(users, units, states, release, programme, make_facility,
                                                    what, message):
    supervisor = users["admin"]  # may change any case: the refusals below are about the records themselves
    if what == "not a release":
        case = release("Rentería", Sex.FEMALE, date(1979, 1, 1), outcome=CaseOutcome.MEDICAL_CARE)
    elif what == "already covered":
        case = release("Muñoz", Sex.MALE, date(1990, 1, 1))
        other = releases.save_aggregate(None, units["FO-COL"].id, releases.AggregateContent(
            state_id=states["COL"].id, period_start=date(2025, 1, 1), period_end=date(2025, 6, 30),
            source=ReleaseSource.COVID19, source_details="", women=0, men=3, children=0), supervisor)
        releases.cover_case(other, case, supervisor)
    elif what == "more than the record counts":
        programme.children = 0
        case = release("Mosquera", Sex.MALE, date(2009, 8, 14))
    else:
        case = release("Hernández", Sex.FEMALE, date(1990, 1, 1), place=make_facility("FO-MEX", "Norte"))
    with pytest.raises(Refused, match=message):
        releases.cover_case(programme, case, supervisor)


def test_a_record_cannot_count_fewer_than_the_cases_it_covers(users, release, programme):
    man = release("Muñoz", Sex.MALE, date(1990, 1, 1))
    releases.cover_case(programme, man, users["supervisor"])
    content = releases.AggregateContent(
        state_id=programme.state_id, period_start=programme.period_start, period_end=programme.period_end,
        source=programme.source, source_details="", women=10, men=0, children=5)
    with pytest.raises(Refused, match="covers 1 individual releases of men"):
        releases.save_aggregate(programme, programme.unit_id, content, users["supervisor"])


def test_a_release_is_reported_as_a_woman_a_man_or_a_child(users, facility):
    officer = users["officer"]
    person = find_or_register_person(facility.unit_id, Detainee("X", "", Sex.UNKNOWN), officer)
    case = releases.open_case(facility, person, CaseIssue.NO_LEGAL_BASIS, "", officer)
    releases.raise_case(case, date(2025, 3, 1), "The judge", "", officer)
    assert case.category is None
    with pytest.raises(Refused, match="woman, a man or a child"):
        releases.record_outcome(case, CaseOutcome.RELEASED, date(2025, 4, 1), None, "", officer)
