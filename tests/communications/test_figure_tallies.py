"""The key figures of a period of whole months read counts kept in step with the communications
(`casework.communications.tallies`); for any other period they count the communications. Both
must give every reader the same figures: each communication once however many decisions or
requests it has in the period, and nothing the reader may not see."""
from __future__ import annotations

from datetime import date

import pytest

from casework.cases.operations import assign_user
from casework.communications import operations as ops
from casework.communications.figures import _counted, _tallied, key_figures
from casework.communications.models import Decision, DecisionType, InterimMeasure
from casework.communications.queries import communications_list
from casework.communications.tallies import DECIDED, INTERIM_MEASURES, REGISTERED
from casework.core.tallies import differences
from casework.core.workflow import fire
from casework.extensions import db
from casework.figures.period import Period
from casework.figures.sections import count

READERS = ("officer", "viewer", "outsider", "secretariat", "auditor", "admin")
PERIODS = (Period.year(2026), Period(date(2026, 4, 1), date(2026, 6, 30)), Period(date(2026, 9, 1), date(2026, 9, 30)),
           Period(date(2025, 1, 1), date(2026, 12, 31)), Period(date(2026, 5, 1), date(2027, 2, 28)))


def decide(communication, kind: DecisionType, on: date) -> Decision:
    decision = Decision(communication=communication, decision_type=kind, adopted_on=on, session=140,
                        symbol=f"D/{communication.id}/{on.isoformat()}")
    db.session.add(decision)
    return decision


def assert_in_step() -> None:
    for tally in (REGISTERED, DECIDED, INTERIM_MEASURES):
        assert differences(tally.name) == {}, tally.name


@pytest.fixture
def decided(make_communication, users):
    """Communications decided once, twice in one month, in two months, twice in two types; one
    confidential and assigned to the officer, one confidential and not."""
    twice = make_communication(register=True, received_on=date(2026, 1, 5))
    decide(twice, DecisionType.ADMISSIBLE, date(2026, 5, 10))
    decide(twice, DecisionType.VIEWS_VIOLATION, date(2026, 9, 20))
    same_month = make_communication(author=("Haddad", "Samir"), register=True, received_on=date(2025, 11, 3))
    decide(same_month, DecisionType.INADMISSIBLE, date(2026, 5, 2))
    decide(same_month, DecisionType.INADMISSIBLE, date(2026, 5, 28))
    across_years = make_communication(author=("Okafor", "Ada"), register=True, received_on=date(2025, 2, 1))
    decide(across_years, DecisionType.ADMISSIBLE, date(2025, 12, 1))
    decide(across_years, DecisionType.VIEWS_NO_VIOLATION, date(2026, 6, 1))
    for requested in (date(2026, 2, 3), date(2026, 5, 4), date(2026, 5, 30)):
        db.session.add(InterimMeasure(communication=twice, measure="Do not deport", requested_on=requested))
    hidden = make_communication(author=("Silva", "Ana"), register=True, received_on=date(2026, 2, 2))
    hidden.confidential = True
    decide(hidden, DecisionType.DISCONTINUED, date(2026, 5, 3))
    shown = make_communication(author=("Ito", "Ken"), register=True, received_on=date(2026, 3, 3))
    shown.confidential = True
    decide(shown, DecisionType.FRIENDLY_SETTLEMENT, date(2026, 9, 3))
    assign_user(shown, users["officer"], users["supervisor"])
    db.session.commit()
    return {"twice": twice, "same_month": same_month, "hidden": hidden, "shown": shown}


@pytest.mark.parametrize("reader", READERS)
def test_the_tallied_figures_are_those_counted_from_the_communications(decided, users, reader):
    for period in PERIODS:
        assert _tallied(users[reader], period) == _counted(users[reader], period), (reader, period)


def test_each_communication_counts_once_in_a_period_and_once_in_its_month(decided, users):
    counts = _tallied(users["officer"], Period.year(2026))
    # twice, same_month, across_years (its 2026 decision), shown; not hidden.
    assert sum(counts.decided.values()) == 4
    assert counts.by_type[DecisionType.INADMISSIBLE] == 1
    assert DecisionType.DISCONTINUED not in counts.by_type
    assert counts.decided_per_month[2026, 5] == 2  # twice and same_month (once)
    assert counts.interim_measures == 1
    quarter = _tallied(users["officer"], Period(date(2026, 4, 1), date(2026, 6, 30)))
    assert sum(quarter.decided.values()) == 3 and quarter.interim_measures == 1


def test_the_counts_follow_a_decision_moved_or_removed_and_a_case_made_confidential(decided, users):
    decided["same_month"].decisions[1].adopted_on = date(2026, 8, 1)
    db.session.commit()
    assert_in_step()
    assert _tallied(users["officer"], Period(date(2026, 8, 1), date(2026, 8, 31))).decided_per_month[2026, 8] == 1
    db.session.delete(decided["twice"].decisions[0])
    decided["twice"].interim_measures[0].requested_on = date(2026, 6, 1)
    db.session.commit()
    assert_in_step()
    decided["twice"].confidential = True
    db.session.commit()
    assert_in_step()
    year = Period.year(2026)
    assert _tallied(users["officer"], year) == _counted(users["officer"], year)
    assert sum(_tallied(users["officer"], year).decided.values()) == 3


def test_the_section_reads_the_same_for_a_year_and_for_the_same_days_not_in_whole_months(decided, users):
    """A period one day short of the year is counted from the communications; it misses nothing decided."""
    year = key_figures(users["officer"], Period.year(2026))
    almost = key_figures(users["officer"], Period(date(2026, 1, 1), date(2026, 12, 30)))
    assert [(f.label, f.value) for f in year.figures] == [(f.label, f.value) for f in almost.figures]


def follow_up(communication, users) -> None:
    """Take a registered communication through its decision to follow-up, as the secretariat does."""
    fire(communication, "transmit", users["supervisor"], on=date(2026, 4, 10))
    fire(communication, "mark_ready", users["officer"])
    ops.record_decision(communication, ops.DecisionInput(DecisionType.VIEWS_VIOLATION, date.today(), 140,
                                                         articles_violated=["CCPR-7"]), users["officer"])
    for event in ("notify_parties", "publish", "open_follow_up"):
        fire(communication, event, users["officer"])


@pytest.mark.parametrize("reader", READERS)
def test_under_follow_up_today_counts_what_the_list_shows_the_reader(make_communication, users, reader):
    """Read from the grades' tally: two graded differently, one confidential and assigned to the
    officer, one confidential and not, and one still pending."""
    cases = [make_communication(author=(name, "A"), register=True) for name in ("Ruiz", "Haddad", "Silva", "Ito", "Ng")]
    for case in cases[:4]:
        follow_up(case, users)
    ops.record_follow_up_round(cases[1], users["officer"], state_reply_on=None, author_comments_on=None, grade="B",
                               summary="")
    cases[2].confidential = cases[3].confidential = True
    assign_user(cases[3], users["officer"], users["supervisor"])
    db.session.commit()

    figures = {f.label: f.value for f in key_figures(users[reader], Period.year(2026)).figures}
    listed = count(communications_list(users[reader], committee_id=None, status="follow_up", state_id=None,
                                       q=None)[1])
    assert figures["Under follow-up today"] == listed
    assert listed == {"officer": 3, "outsider": 0, "admin": 4}.get(reader, listed)
