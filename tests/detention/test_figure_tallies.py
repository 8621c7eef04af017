"""The detention key figures for a period of whole months read counts kept in step with the visits
and cases (`casework.detention.tallies`); for any other period they count the visits and cases.
Both give every reader the same figures: a place visited twice once, a person an aggregate record
the reader sees already counts not again, and nothing the reader may not see."""
from __future__ import annotations

from dataclasses import astuple
from datetime import date

import pytest

from casework.cases.operations import assign_user
from casework.core.persons import Sex
from casework.core.tallies import differences
from casework.detention.cases import operations as releases
from casework.detention.cases.models import CaseIssue, CaseOutcome, ReleaseSource
from casework.detention.figures import _counted, _tallied
from casework.detention.filters import Filters
from casework.detention.operations import Detainee, find_or_register_person
from casework.detention.tallies import WORK
from casework.extensions import db
from casework.figures.period import Period

READERS = ("officer", "viewer", "outsider", "secretariat", "auditor", "admin")
PERIODS = (Period.year(2025), Period(date(2025, 4, 1), date(2025, 6, 30)), Period(date(2025, 5, 1), date(2025, 5, 31)),
           Period(date(2024, 1, 1), date(2025, 12, 31)))


def summary(user, period: Period, tallied: bool) -> tuple:
    """What the section shows: the totals, and the releases per country."""
    by_country, total = (_tallied(user, period) if tallied
                         else _counted(user, Filters(start=period.start, end=period.end)))
    return ((total.visits, total.facilities, sorted(total.outcomes.items()), astuple(total.releases)[:3]),
            sorted((line.state_id, line.state.name, astuple(line.releases)[:3]) for line in by_country))


@pytest.fixture
def work(users, units, states, make_facility, make_visit):
    """Two Colombian places, one visited twice in 2025; a Mexican one; releases of a woman and a man
    (the man also in an aggregate record of the Colombia office), a medical-care outcome; one
    confidential visit assigned to the officer, one confidential case not."""
    san_isidro, martires = make_facility("FO-COL", "San Isidro"), make_facility("FO-COL", "Los Mártires")
    frontera = make_facility("FO-MEX", "Frontera Sur")
    for place, day in ((san_isidro, date(2024, 5, 20)), (san_isidro, date(2025, 3, 12)),
                       (san_isidro, date(2025, 5, 3)), (martires, date(2025, 4, 8)), (frontera, date(2025, 5, 14))):
        make_visit(place, day)
    secret_visit = make_visit(martires, date(2025, 6, 9))
    secret_visit.confidential = True
    assign_user(secret_visit, users["officer"], users["supervisor"])

    def case(place, name: str, sex: Sex, outcome: CaseOutcome, on: date):
        officer = users["officer" if place.unit.code == "FO-COL" else "outsider"]
        person = find_or_register_person(place.unit_id, Detainee(name, "", sex, date(1990, 1, 1)), officer)
        opened = releases.open_case(place, person, CaseIssue.NO_LEGAL_BASIS, "", officer)
        releases.raise_case(opened, date(2025, 3, 1), "Fiscalía", "", officer)
        releases.record_outcome(opened, outcome, on, None, "", officer)
        return opened

    case(martires, "Palacios", Sex.FEMALE, CaseOutcome.RELEASED, date(2025, 4, 9))
    man = case(san_isidro, "Muñoz", Sex.MALE, CaseOutcome.RELEASED, date(2025, 5, 2))
    case(san_isidro, "Rentería", Sex.FEMALE, CaseOutcome.MEDICAL_CARE, date(2025, 5, 20))
    case(frontera, "López", Sex.MALE, CaseOutcome.RELEASED, date(2025, 6, 1))
    hidden = case(martires, "Quiñones", Sex.MALE, CaseOutcome.RELEASED, date(2025, 6, 2))
    hidden.confidential = True
    programme = releases.save_aggregate(None, units["FO-COL"].id, releases.AggregateContent(
        state_id=states["COL"].id, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
        source=ReleaseSource.DECONGESTION, source_details="Plan 2025", women=10, men=50, children=5),
        users["supervisor"])
    releases.cover_case(programme, man, users["supervisor"])
    db.session.commit()
    return {"san_isidro": san_isidro, "man": man, "programme": programme, "secret_visit": secret_visit}


@pytest.mark.parametrize("reader", READERS)
def test_the_tallied_figures_are_those_counted_from_the_visits_and_cases(work, users, reader):
    assert differences(WORK.name) == {}
    for period in PERIODS:
        assert summary(users[reader], period, True) == summary(users[reader], period, False), (reader, period)


def test_the_officer_counts_each_place_and_person_once(work, users):
    totals, by_country = summary(users["officer"], Period.year(2025), True)
    # Their office's three visits of 2025 and the confidential one assigned to them; two places.
    assert totals[:3] == (4, 2, [("medical_care", 1), ("released", 2)])
    # The aggregate record's 10 women, 50 men and 5 children, and the woman released; not the man again.
    assert totals[3] == (11, 50, 5)
    assert [line[1] for line in by_country] == ["Colombia"]


def test_the_counts_follow_a_place_moved_to_another_country_and_a_record_removed(work, users, states):
    work["san_isidro"].state_id = states["MEX"].id
    db.session.commit()
    assert differences(WORK.name) == {}
    db.session.delete(work["programme"])
    db.session.commit()
    assert differences(WORK.name) == {}
    for reader in ("officer", "secretariat"):
        assert summary(users[reader], Period.year(2025), True) == summary(users[reader], Period.year(2025), False)
    totals, by_country = summary(users["secretariat"], Period.year(2025), True)
    assert totals[3] == (1, 2, 0)  # the woman, the man (no longer covered) and the Mexican man
    assert dict((name, counts) for _id, name, counts in by_country)["Mexico"] == (0, 2, 0)
