"""The backlog reads counts kept in step with the communications (casework.core.tallies): whatever
happens to a case, the stored counts equal a count taken from the cases, and a reader's figures
leave out what they may not see."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from casework.auth.models import Role
from casework.cases.operations import assign_user
from casework.communications import operations as ops
from casework.core import bulk
from casework.communications.backlog import GRADES, OPEN_REPLIES, STAGES, backlog
from casework.communications.models import DecisionType
from casework.core.deadlines import Deadline, extend_deadline
from casework.core.tallies import TallyCount, differences, rebuild
from casework.core.workflow import fire
from casework.extensions import db

TALLIES = (STAGES.name, OPEN_REPLIES.name, GRADES.name)


def assert_in_step() -> None:
    for name in TALLIES:
        assert differences(name) == {}, name


def test_every_step_of_a_communication_keeps_the_counts_in_step(make_communication, users):
    today = date.today()
    case = make_communication(received_on=today - timedelta(days=600))
    other = make_communication(author=("Haddad", "Samir"), received_on=today - timedelta(days=30), register=True)
    assert_in_step()
    assert backlog(users["officer"], case.committee_id).by_stage["received"] == {"1_2": 1}

    ops.register_communication(case, users["supervisor"], today - timedelta(days=500))
    fire(case, "transmit", users["supervisor"], on=today - timedelta(days=400))
    db.session.commit()
    assert_in_step()
    assert backlog(users["officer"], case.committee_id).overdue_observations == 1

    clock = db.session.scalar(db.select(Deadline).where(Deadline.case_id == case.id,
                                                        Deadline.kind == "state_observations"))
    extend_deadline(clock, today + timedelta(days=30), users["supervisor"], "Granted at the State's request.")
    db.session.commit()
    assert_in_step()
    assert backlog(users["officer"], case.committee_id).overdue_observations == 0

    case.received_on = today - timedelta(days=1900)
    db.session.commit()
    assert_in_step()
    assert backlog(users["officer"], case.committee_id).by_stage["transmitted"] == {"over_4": 1}

    fire(case, "mark_ready", users["officer"])
    ops.record_decision(case, ops.DecisionInput(DecisionType.VIEWS_VIOLATION, today, 139,
                                                articles_violated=["CCPR-7"]), users["officer"])
    for event in ("notify_parties", "publish", "open_follow_up"):
        fire(case, event, users["officer"])
    db.session.commit()
    assert_in_step()
    ops.record_follow_up_round(case, users["officer"], state_reply_on=None, author_comments_on=None, grade="C",
                               summary="")
    db.session.commit()
    assert_in_step()
    assert backlog(users["officer"], case.committee_id).follow_up_by_grade == {"C": 1}

    db.session.delete(other)
    db.session.commit()
    assert_in_step()
    assert "registered" not in backlog(users["officer"], case.committee_id).by_stage


def test_a_step_given_up_leaves_the_counts_as_they_were(make_communication, users):
    case = make_communication(register=True)
    counts = db.session.execute(db.select(TallyCount.tally, TallyCount.key, TallyCount.count)).all()
    fire(case, "transmit", users["supervisor"])
    db.session.flush()
    db.session.rollback()
    assert db.session.execute(db.select(TallyCount.tally, TallyCount.key, TallyCount.count)).all() == counts
    assert_in_step()


def test_a_savepoint_given_up_takes_back_only_its_own_steps(make_communication, users):
    first = make_communication(register=True)
    second = make_communication(author=("Haddad", "Samir"), register=True)
    fire(first, "transmit", users["supervisor"])
    savepoint = db.session.begin_nested()
    fire(second, "transmit", users["supervisor"])
    db.session.flush()
    savepoint.rollback()
    db.session.commit()
    assert_in_step()
    stages = backlog(users["officer"], first.committee_id)
    assert (stages.stage_total("transmitted"), stages.stage_total("registered")) == (1, 1)


def test_a_bulk_step_counts_the_records_done_and_not_those_refused(make_communication, users):
    cases = [make_communication(author=(f"Author{n}", "Ana"), register=True) for n in range(3)]
    seen = [(case.id, case.version) for case in cases]
    seen[1] = (cases[1].id, cases[1].version - 1)  # drawn before someone else changed it
    run = bulk.start(users["supervisor"], "transmit", seen)
    db.session.commit()
    assert [item.status.value for item in run.items] == ["done", "refused", "done"]
    assert_in_step()
    stages = backlog(users["officer"], cases[0].committee_id)
    assert (stages.stage_total("transmitted"), stages.stage_total("registered")) == (2, 1)


def test_a_confidential_case_counts_only_for_those_who_may_see_it(make_communication, make_user, users,
                                                                   client_for):
    case = make_communication(register=True)
    case.confidential = True
    db.session.commit()
    assigned = make_user("Assigned", ("CCPR", Role.CASE_OFFICER))
    outsider = make_user("Elsewhere", ("CED", Role.CASE_OFFICER))
    assign_user(case, assigned, users["admin"])
    db.session.commit()
    assert_in_step()

    def registered(user) -> int:
        return backlog(user, case.committee_id).stage_total("registered")

    assert (registered(users["officer"]), registered(assigned), registered(users["admin"])) == (0, 1, 1)
    listed = f"/communications/?committee={case.committee_id}&status=registered"  # counted from the tally too
    assert "1 communication<" in client_for(assigned).get(listed).get_data(as_text=True)
    assert "No communications match." in client_for(users["officer"]).get(listed).get_data(as_text=True)
    assert registered(outsider) == 0
    assign_user(case, outsider, users["admin"])
    db.session.commit()
    assert registered(outsider) == 1

    case.confidential = False
    db.session.commit()
    assert_in_step()
    assert registered(users["officer"]) == 1


@pytest.mark.parametrize("name", TALLIES)
def test_counts_that_drifted_are_found_and_counted_again(make_communication, users, name):
    case = make_communication(register=True)
    fire(case, "transmit", users["supervisor"], on=date.today())
    db.session.commit()
    db.session.add(TallyCount(tally=name, unit_id=case.committee_id, key="registered", day=date(2020, 1, 1),
                              confidential=False, count=5))
    db.session.commit()
    assert differences(name)
    rebuild([name])
    db.session.commit()
    assert differences(name) == {}


def test_flask_tallies_check_says_which_differ_and_repairs_them(app, make_communication, users):
    case = make_communication(register=True, received_on=date.today() - timedelta(days=60))
    db.session.execute(db.update(TallyCount).where(TallyCount.tally == STAGES.name).values(count=TallyCount.count + 1))
    db.session.commit()
    runner = app.test_cli_runner()

    checked = runner.invoke(args=["tallies", "check"])
    assert checked.exit_code == 1
    assert f"{STAGES.name}: differs" in checked.output and f"{GRADES.name}: in step" in checked.output
    repaired = runner.invoke(args=["tallies", "check", "--repair"])
    assert repaired.exit_code == 0 and f"Counted again: {STAGES.name}." in repaired.output
    assert runner.invoke(args=["tallies", "check"]).exit_code == 0
    assert backlog(users["officer"], case.committee_id).by_stage == {"registered": {"under_1": 1}}
