"""Enforced disappearances: the urgent procedure's three months, transmittal, the six-month rule,
yearly reminders and discontinuation."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from casework.core.deadlines import add_months
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.working_groups import operations as ops
from casework.working_groups.models import Procedure, urgent_eligible
from casework.working_groups.workflow import OBJECTION_DEADLINE, REMINDER_DEADLINE, open_deadline
from tests.working_groups.conftest import days_ago


def test_urgent_means_within_three_months_of_the_disappearance():
    assert urgent_eligible(date(2026, 1, 31), date(2026, 4, 30))  # 31 Jan + 3 months = 30 Apr
    assert not urgent_eligible(date(2026, 1, 31), date(2026, 5, 1))
    assert not urgent_eligible(date(2026, 5, 2), date(2026, 5, 1))  # not yet disappeared when received


def test_urgent_is_refused_for_an_older_disappearance(make_disappearance):
    with pytest.raises(ops.Refused, match="until Apr 30, 2026"):
        make_disappearance(disappeared_on=date(2026, 1, 31), received_on=date(2026, 5, 1),
                           procedure=Procedure.URGENT)
    case = make_disappearance(disappeared_on=date(2026, 1, 31), received_on=date(2026, 4, 30),
                              procedure=Procedure.URGENT)
    assert case.procedure is Procedure.URGENT and case.urgent_eligible


def test_the_registration_page_says_why_urgent_is_refused(make_disappearance, users, states, login):
    client = login(users["officer"])
    response = client.post("/working-groups/disappearances/new", data={
        "family_name": "Lozano", "state_id": states["MEX"].id, "received_on": "2026-05-01", "language": "es",
        "source_name": "A relative", "disappeared_on": "2026-01-31", "place": "Xalapa", "procedure": "urgent",
        "sex": "unknown", "nationality_id": 0})
    assert response.status_code == 422  # as the same rule answers on the Edit details page and in the API
    assert "could be received as urgent until Apr 30, 2026" in response.get_data(as_text=True)


def test_the_chair_transmits_urgent_cases_and_a_session_the_standard_ones(make_disappearance, users):
    urgent = make_disappearance(disappeared_on=days_ago(20), received_on=days_ago(10), procedure=Procedure.URGENT)
    with pytest.raises(Refused) as refusal:
        ops.take_step(urgent, "transmit_urgent", days_ago(9), users["officer"])
    assert refusal.value.forbidden
    with pytest.raises(Refused, match="urgent case"):
        ops.take_step(urgent, "transmit_standard", days_ago(9), users["supervisor"], session=130)
    ops.take_step(urgent, "transmit_urgent", days_ago(9), users["supervisor"])
    assert urgent.status == "outstanding"
    standard = make_disappearance(family="Standard")
    with pytest.raises(Refused, match="session"):
        ops.take_step(standard, "transmit_standard", days_ago(200), users["officer"])
    ops.take_step(standard, "transmit_standard", days_ago(200), users["officer"], session=129)
    assert standard.session == 129
    assert open_deadline(standard, REMINDER_DEADLINE).due_on == add_months(days_ago(200), 12)


def _forwarded_as_clarifying(make_disappearance, users, forwarded_on: date):
    case = make_disappearance(received_on=min(days_ago(300), forwarded_on - timedelta(days=70)),
                              disappeared_on=min(days_ago(320), forwarded_on - timedelta(days=90)))
    officer = users["officer"]
    ops.take_step(case, "transmit_standard", forwarded_on - timedelta(days=60), officer, session=128)
    ops.take_step(case, "record_reply", forwarded_on - timedelta(days=5), officer)
    ops.take_step(case, "forward_clarifying_reply", forwarded_on, officer,
                  note="Held at the Pachuca prison, where her family has visited her.")
    return case


def test_six_month_rule_clarified_on_the_governments_information_only_after_six_months(make_disappearance, users):
    forwarded = add_months(date.today(), -6)  # six months ago today: the source may still object today
    case = _forwarded_as_clarifying(make_disappearance, users, forwarded)
    assert case.status == "awaiting_objection"
    assert open_deadline(case, OBJECTION_DEADLINE).due_on == date.today()
    with pytest.raises(Refused, match="may object until"):
        ops.take_step(case, "clarify_on_government_reply", date.today(), users["officer"])
    older = _forwarded_as_clarifying(make_disappearance, users, forwarded - timedelta(days=1))
    with pytest.raises(Refused, match="clarified after that date"):
        ops.take_step(older, "clarify_on_government_reply", date.today() - timedelta(days=1), users["officer"])
    ops.take_step(older, "clarify_on_government_reply", date.today(), users["officer"])
    assert older.status == "clarified" and older.clarified_on == date.today()
    assert open_deadline(older, REMINDER_DEADLINE) is None and open_deadline(older, OBJECTION_DEADLINE) is None


def test_an_objection_stops_the_clock_and_keeps_the_case_outstanding(make_disappearance, users):
    case = _forwarded_as_clarifying(make_disappearance, users, days_ago(300))
    fire(case, "record_objection", users["officer"], comment="The family was refused a visit.")
    assert case.status == "outstanding" and open_deadline(case, OBJECTION_DEADLINE) is None
    with pytest.raises(Refused, match="not possible while the case is outstanding"):
        ops.take_step(case, "clarify_on_government_reply", date.today(), users["officer"])
    assert open_deadline(case, REMINDER_DEADLINE) is not None


def test_a_reply_that_clarifies_nothing_goes_back_to_outstanding(make_disappearance, users):
    case = make_disappearance()
    ops.take_step(case, "transmit_standard", days_ago(100), users["officer"], session=129)
    ops.take_step(case, "record_reply", days_ago(20), users["officer"])
    ops.take_step(case, "forward_reply", days_ago(18), users["officer"])
    assert case.status == "outstanding" and case.reply_forwarded_on == days_ago(18)
    assert open_deadline(case, OBJECTION_DEADLINE) is None


def test_a_yearly_reminder_when_due_then_the_next_a_year_later(make_disappearance, users):
    case = make_disappearance()
    ops.take_step(case, "transmit_standard", days_ago(100), users["officer"], session=129)
    with pytest.raises(Refused, match="next yearly reminder is due"):
        fire(case, "send_yearly_reminder", users["officer"])
    open_deadline(case, REMINDER_DEADLINE).due_on = days_ago(1)
    fire(case, "send_yearly_reminder", users["officer"])
    assert open_deadline(case, REMINDER_DEADLINE).due_on == add_months(date.today(), 12)


def test_discontinued_only_by_the_supervisor_and_with_a_reason(make_disappearance, users):
    case = make_disappearance()
    ops.take_step(case, "transmit_standard", days_ago(100), users["officer"], session=129)
    with pytest.raises(Refused) as refusal:
        ops.take_step(case, "discontinue", days_ago(1), users["officer"], note="Lost contact.")
    assert refusal.value.forbidden
    with pytest.raises(Refused, match="Reason for discontinuation"):
        ops.take_step(case, "discontinue", days_ago(1), users["supervisor"])
    ops.take_step(case, "discontinue", days_ago(1), users["supervisor"], note="No relative can be traced.")
    assert case.status == "discontinued" and open_deadline(case, REMINDER_DEADLINE) is None
