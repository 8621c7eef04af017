"""The urgent actions' key figures for a period of whole months read counts kept in step with the
urgent actions (`casework.urgent_actions.tallies`); for any other period they count the urgent
actions. Both give every reader the same figures, without what the reader may not see."""
from __future__ import annotations

from datetime import date

import pytest

from casework.cases.operations import assign_user
from casework.core.tallies import differences
from casework.extensions import db
from casework.figures.period import Period
from casework.urgent_actions import operations as ops
from casework.urgent_actions.figures import _counted, _tallied
from casework.urgent_actions.models import Located
from casework.urgent_actions.queries import statistics
from casework.urgent_actions.tallies import LOCATED, PERSONS, REGISTERED, STATISTICS

READERS = ("officer", "viewer", "outsider", "secretariat", "auditor", "admin")
PERIODS = (Period.year(2026), Period(date(2026, 1, 1), date(2026, 3, 31)), Period(date(2026, 4, 1), date(2026, 4, 30)),
           Period(date(2025, 1, 1), date(2026, 12, 31)))


def assert_in_step() -> None:
    for tally in (REGISTERED, PERSONS, LOCATED, STATISTICS):
        assert differences(tally.name) == {}, tally.name


@pytest.fixture
def registered(make_ua, users, states):
    """Urgent actions registered in two months, one a parallel registration, one located, one
    confidential and assigned to the officer, one confidential and not."""
    first = make_ua(on=date(2026, 1, 12))
    parallel = make_ua(on=date(2026, 2, 3), given="Ana", second_state_id=states["IRQ"].id)
    ops.record_outcome(first, first.disappeared[0].id, Located.ALIVE_AND_FREE, users["officer"], on=date(2026, 4, 9))
    hidden = make_ua(on=date(2026, 2, 10), given="Luis")
    hidden.confidential = True
    shown = make_ua(on=date(2026, 2, 11), given="Rosa")
    shown.confidential = True
    assign_user(shown, users["officer"], users["supervisor"])
    ops.record_outcome(shown, shown.disappeared[0].id, Located.IN_DETENTION, users["officer"], on=date(2026, 3, 1))
    db.session.commit()
    return {"first": first, "parallel": parallel, "hidden": hidden, "shown": shown}


@pytest.mark.parametrize("reader", READERS)
def test_the_tallied_figures_are_those_counted_from_the_urgent_actions(registered, users, reader):
    assert_in_step()
    for period in PERIODS:
        assert _tallied(users[reader], period) == _counted(users[reader], period), (reader, period)


def test_the_officer_sees_the_assigned_confidential_request_and_not_the_other(registered, users, states):
    counts = _tallied(users["officer"], Period.year(2026))
    assert sum(counts.registered.values()) == 3
    assert counts.registered[states["MEX"].id, states["IRQ"].id, 2026, 2] == 1
    assert counts.located == {Located.ALIVE_AND_FREE: 1, Located.IN_DETENTION: 1}
    mexico, iraq = states["MEX"].id, states["IRQ"].id
    assert counts.persons == {(mexico, None, Located.ALIVE_AND_FREE): 1, (mexico, iraq, None): 1,
                              (mexico, None, Located.IN_DETENTION): 1}
    assert _tallied(users["viewer"], Period.year(2026)).located == {Located.ALIVE_AND_FREE: 1}


def test_the_counts_follow_an_outcome_changed_and_a_request_redated(registered, users):
    ops.record_outcome(registered["parallel"], registered["parallel"].disappeared[0].id, Located.DECEASED,
                       users["officer"], on=date(2026, 5, 2))
    registered["first"].registered_on = date(2025, 12, 30)
    db.session.commit()
    assert_in_step()
    counts = _tallied(users["viewer"], Period.year(2026))
    assert counts.located == {Located.ALIVE_AND_FREE: 1, Located.DECEASED: 1}
    assert sum(counts.registered.values()) == 1 and counts.located_to_date == 2
    assert _tallied(users["viewer"], Period.year(2026)) == _counted(users["viewer"], Period.year(2026))


def test_the_statistics_count_what_each_reader_sees_and_follow_each_step(registered, users):
    officer, viewer = statistics(users["officer"]).total, statistics(users["viewer"]).total
    assert (officer["registered"], officer["located"], officer["located_alive"]) == (3, 2, 2)
    assert (viewer["registered"], viewer["located"]) == (2, 1)
    assert statistics(users["outsider"]).total["registered"] == 0
    ops.record_outcome(registered["parallel"], registered["parallel"].disappeared[0].id, Located.DECEASED,
                       users["officer"], on=date(2026, 5, 2))
    db.session.commit()
    assert_in_step()
    viewer = statistics(users["viewer"]).total
    assert (viewer["located_deceased"], viewer["open"], viewer["closed"]) == (1, 1, 1)  # "first" closed when found
