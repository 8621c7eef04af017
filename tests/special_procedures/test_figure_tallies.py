"""The special-procedures key figures for a period of whole months read counts kept in step with
the letters (`casework.special_procedures.tallies`); for any other period they count the letters.
Both give every reader the same figures, without what the reader may not see."""
from __future__ import annotations

from datetime import date

import pytest

from casework.cases.operations import assign_user
from casework.core.tallies import differences
from casework.extensions import db
from casework.figures.period import Period
from casework.special_procedures import operations as ops
from casework.special_procedures.figures import _counted, _tallied
from casework.special_procedures.models import CommunicationType
from casework.special_procedures.tallies import LETTERS, REPLIES
from tests.special_procedures.conftest import reply_file

READERS = ("officer", "viewer", "outsider", "secretariat", "auditor", "admin")
PERIODS = (Period.year(2026), Period(date(2026, 1, 1), date(2026, 3, 31)), Period(date(2026, 6, 1), date(2026, 6, 30)),
           Period(date(2025, 1, 1), date(2026, 12, 31)))


def assert_in_step() -> None:
    for tally in (LETTERS, REPLIES):
        assert differences(tally.name) == {}, tally.name


@pytest.fixture
def letters(make_comm, states, users):
    """Letters to States and companies (one twice, spelled two ways), one addressed and copied to
    the same State, replies; one confidential letter assigned to the officer, one not."""
    col, per, phl = (ops.AddresseeInput(state_id=states[c].id) for c in ("COL", "PER", "PHL"))
    acme = ops.AddresseeInput(name="Acme Mining Ltd.", copy_state_ids=[states["CAN"].id])
    acme_again = ops.AddresseeInput(name="ACME MINING LTD.", copy_state_ids=[states["PER"].id])
    made = {
        "first": make_comm(until="sent", sent_on=date(2026, 1, 10), addressees=[col]),
        "two": make_comm(until="sent", sent_on=date(2026, 2, 10), addressees=[col, per]),
        "company": make_comm(until="sent", sent_on=date(2026, 6, 1), addressees=[acme, phl],
                             comm_type=CommunicationType.AL),
        "again": make_comm(until="published", sent_on=date(2026, 3, 1), addressees=[acme_again, per]),
        "older": make_comm(until="sent", sent_on=date(2025, 11, 3), addressees=[phl]),
        "hidden": make_comm(until="sent", sent_on=date(2026, 6, 2), addressees=[ops.AddresseeInput(
            state_id=states["CAN"].id)]),
        "shown": make_comm(until="sent", sent_on=date(2026, 6, 3), addressees=[phl],
                           comm_type=CommunicationType.OL, legislation="Bill 45"),
    }
    make_comm(addressees=[col])  # a draft
    officer = users["officer"]
    for name, day in (("first", date(2026, 2, 1)), ("first", date(2026, 4, 1)), ("two", date(2026, 3, 3)),
                      ("older", date(2026, 1, 20)), ("shown", date(2026, 6, 20)), ("hidden", date(2026, 6, 21))):
        ops.record_reply(made[name], day, "en", reply_file(), officer)
    made["hidden"].confidential = made["shown"].confidential = True
    assign_user(made["shown"], officer, users["supervisor"])
    db.session.commit()
    return made


@pytest.mark.parametrize("reader", READERS)
def test_the_tallied_figures_are_those_counted_from_the_letters(letters, users, reader):
    assert_in_step()
    for period in PERIODS:
        assert _tallied(users[reader], period) == _counted(users[reader], period), (reader, period)


def test_each_state_and_actor_counts_once(letters, users, states):
    year, per_state = _tallied(users["officer"], Period.year(2026))
    assert (year.letters_sent, year.states_addressed, year.non_state_actors_addressed,
            year.replies_received) == (5, 3, 1, 5)
    assert year.by_type == {"UA": 3, "AL": 1, "OL": 1}
    # Peru: addressed by two letters, copied on one of them (counted once) — one answered.
    assert per_state[states["PER"].id] == (2, 1)
    assert states["CAN"].id in per_state  # copied on the company's letter; the hidden letter is not counted
    assert per_state[states["CAN"].id] == (1, 0)


def test_the_counts_follow_a_reply_removed_an_addressee_changed_and_a_letter_redated(letters, users, states):
    db.session.delete(letters["two"].replies[0])
    letters["company"].addressees[0].name = "Andean Development Bank"
    letters["first"].sent_on = date(2025, 12, 20)
    db.session.commit()
    assert_in_step()
    year, per_state = _tallied(users["viewer"], Period.year(2026))
    assert (year.letters_sent, year.non_state_actors_addressed, year.replies_received) == (3, 2, 3)
    assert per_state[states["PER"].id] == (2, 0)
