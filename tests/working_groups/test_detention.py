"""Arbitrary detention: the 60-day clock and its one extension, opinions and their numbers, the
categories, the members who may not take part, follow-up and review requests."""
from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from casework.core.deadlines import add_months, extend_deadline
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.extensions import db
from casework.working_groups import operations as ops
from casework.working_groups.models import DetentionCommunication, Outcome
from casework.working_groups.workflow import FOLLOW_UP_DEADLINE, REPLY_DEADLINE, open_deadline
from tests.working_groups.conftest import adopt, days_ago


def test_transmittal_opens_a_60_day_reply_clock(make_detention, users):
    case = make_detention(received_on=date(2026, 1, 2))
    ops.take_step(case, "transmit", date(2026, 1, 10), users["officer"])
    deadline = open_deadline(case, REPLY_DEADLINE)
    assert case.status == "transmitted" and case.transmitted_on == date(2026, 1, 10)
    assert deadline.due_on == date(2026, 3, 11)  # 60 days


def test_one_extension_of_one_month_and_never_a_second(make_detention, users):
    case = make_detention(steps=("transmit",))
    deadline = open_deadline(case, REPLY_DEADLINE)
    original = deadline.due_on
    new_due = ops.extend_reply_deadline(case, users["officer"], "Requested by the Mission; granted by the Chair.")
    assert new_due == add_months(original, 1) and deadline.extended_by_id == users["officer"].id
    with pytest.raises(Refused, match="already had its one extension"):
        ops.extend_reply_deadline(case, users["officer"], "Asked again.")
    with pytest.raises(Refused, match="already had its one extension"):
        extend_deadline(deadline, new_due + timedelta(days=5), users["supervisor"], "Any other path is refused too.")
    assert deadline.due_on == new_due


def test_the_shared_extension_form_cannot_give_more_than_a_month(make_detention, users, login):
    case = make_detention(steps=("transmit",))
    deadline = open_deadline(case, REPLY_DEADLINE)
    client = login(users["officer"])
    too_late = add_months(deadline.original_due_on, 1) + timedelta(days=1)
    response = client.post(f"/cases/{case.id}/deadlines/{deadline.id}/extend",
                           data={f"deadline-{deadline.id}-due_on": too_late.isoformat(),
                                 f"deadline-{deadline.id}-note": "Asked for six weeks."})
    assert response.status_code == 400 and "one month at most" in response.get_data(as_text=True)
    db.session.refresh(deadline)
    assert deadline.due_on == deadline.original_due_on


def test_no_reply_is_recorded_only_once_the_time_limit_has_passed(make_detention, users):
    case = make_detention(steps=("transmit",))
    deadline = open_deadline(case, REPLY_DEADLINE)
    deadline.due_on = date.today()
    with pytest.raises(Refused, match="due on"):
        fire(case, "no_reply", users["officer"])
    deadline.due_on = date.today() - timedelta(days=1)
    fire(case, "no_reply", users["officer"])
    assert case.status == "no_reply" and not deadline.is_open


def test_categories_are_required_when_arbitrary_and_only_then(make_detention, users, members):
    case = make_detention(steps=("transmit", "reply"))
    with pytest.raises(Refused, match="categories"):
        adopt(case, users, members, categories=())
    with pytest.raises(Refused, match="only when the detention is found arbitrary"):
        adopt(case, users, members, outcome=Outcome.NOT_ARBITRARY, categories=("II",))
    assert case.status == "reply_received" and case.opinion is None
    opinion = adopt(case, users, members, categories=("V", "I"))
    assert opinion.categories == "I,V" and case.status == "opinion_adopted"


def test_a_member_does_not_take_part_in_a_case_of_their_own_state(make_detention, users, members):
    case = make_detention(state="MEX", steps=("transmit", "reply"))
    everyone = ops.OpinionInput(session=101, adopted_on=days_ago(5), outcome=Outcome.NOT_ARBITRARY,
                                taking_part=[m.id for m in members.values()])
    with pytest.raises(Refused, match="Rosa Mexicana, Other Member cannot take part"):
        ops.adopt_opinion(case, everyone, users["supervisor"])
    opinion = ops.adopt_opinion(case, ops.OpinionInput(session=101, adopted_on=days_ago(5),
                                                       outcome=Outcome.NOT_ARBITRARY,
                                                       taking_part=[members["iraqi"].id]), users["supervisor"])
    assert {m.name for m in opinion.not_taking_part} == {"Rosa Mexicana", "Other Member"}


def test_only_the_supervisor_adopts_an_opinion(make_detention, users, members):
    case = make_detention(steps=("transmit", "reply"))
    with pytest.raises(Refused) as refusal:
        ops.adopt_opinion(case, ops.OpinionInput(session=101, adopted_on=days_ago(5), outcome=Outcome.FILED,
                                                 taking_part=[members["mexican"].id]), users["officer"])
    assert refusal.value.forbidden


def test_opinion_numbers_run_per_year_of_adoption(make_detention, users, members):
    cases = [make_detention(family=f"Person{i}", received_on=date(2025, 6, 1), steps=("transmit", "reply"))
             for i in range(3)]
    first = adopt(cases[0], users, members, on=date(2025, 12, 30))
    second = adopt(cases[1], users, members, on=date(2026, 1, 5))
    third = adopt(cases[2], users, members, on=date(2026, 1, 6))
    assert [o.label for o in (first, second, third)] == ["Opinion No. 1/2025", "Opinion No. 1/2026",
                                                         "Opinion No. 2/2026"]


def test_opinions_adopted_at_once_get_different_numbers(app, make_detention, users, members):
    ids = [make_detention(family=f"Detainee{i}", received_on=date(2025, 12, 1), steps=("transmit", "reply")).id
           for i in range(6)]
    taking_part = [members["mexican"].id]
    errors: list[BaseException] = []
    start = threading.Barrier(len(ids))

    def adopt_one(case_id: int) -> None:
        try:
            with app.app_context():
                from casework.auth.models import User

                case = db.session.get(DetentionCommunication, case_id)
                start.wait()
                ops.adopt_opinion(case, ops.OpinionInput(session=101, adopted_on=date(2026, 4, 2),
                                                         outcome=Outcome.ARBITRARY, categories=["II"],
                                                         taking_part=taking_part),
                                  db.session.get(User, users["supervisor"].id))
                db.session.commit()
                db.session.remove()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=adopt_one, args=(case_id,)) for case_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db.session.expire_all()
    assert sorted(db.session.get(DetentionCommunication, i).opinion.number for i in ids) == [1, 2, 3, 4, 5, 6]


def test_follow_up_is_due_six_months_after_the_opinion_is_sent(make_detention, users, members):
    case = make_detention(received_on=date(2025, 11, 1), steps=("transmit", "reply"))
    adopt(case, users, members, on=date(2026, 2, 20))
    with pytest.raises(Refused, match="request for follow-up"):
        ops.take_step(case, "send_to_government_no_follow_up", date(2026, 2, 27), users["officer"])
    ops.take_step(case, "send_to_government", date(2026, 2, 27), users["officer"])
    assert open_deadline(case, FOLLOW_UP_DEADLINE).due_on == date(2026, 8, 27)
    assert case.opinion.sent_to_government_on == date(2026, 2, 27)
    ops.take_step(case, "send_to_source", date(2026, 3, 2), users["officer"])
    ops.take_step(case, "publish", date(2026, 4, 1), users["officer"])
    with pytest.raises(Refused, match="followed up before"):
        fire(case, "close", users["supervisor"])
    fire(case, "start_follow_up", users["officer"])
    fire(case, "close", users["supervisor"])
    assert case.status == "closed" and open_deadline(case, FOLLOW_UP_DEADLINE) is None


def test_a_review_request_is_recorded_only_after_an_opinion(make_detention, users, members):
    case = make_detention(steps=("transmit", "reply"))
    with pytest.raises(ops.Refused):
        ops.record_review_request(case, "government", days_ago(1), "New facts.", users["officer"])
    adopt(case, users, members, on=days_ago(10))
    request = ops.record_review_request(case, "government", days_ago(1), "New facts.", users["officer"])
    assert case.reviews == [request]


def test_filing_is_for_the_supervisor_and_stops_the_clock(make_detention, users):
    case = make_detention(steps=("transmit",))
    with pytest.raises(Refused):
        fire(case, "file", users["officer"])
    fire(case, "file", users["supervisor"], comment="Released.")
    assert case.status == "filed" and open_deadline(case, REPLY_DEADLINE) is None
