"""The daily deadline check, run "as of" chosen days: who is told what, and never twice."""
from __future__ import annotations

from datetime import date, timedelta

from casework.auth.models import Role
from casework.core.deadlines import extend_deadline
from casework.core.db import utcnow
from casework.extensions import db
from casework.reminders.deadline_check import check_deadlines
from casework.reminders.models import NotificationKind
from tests.reminders.conftest import TODAY, notifications_of


def test_overdue_deadlines_are_marked_and_the_officer_told(users, make_case, add_deadline):
    case = make_case(officer=users["officer"], reference="S 7/2027")
    late = add_deadline(case, TODAY - timedelta(days=3), label="Reply due")
    soon = add_deadline(case, TODAY + timedelta(days=5), label="Comments due")
    later = add_deadline(case, TODAY + timedelta(days=8), label="Follow-up due")

    result = check_deadlines(TODAY)
    db.session.commit()

    assert late.overdue_since == TODAY - timedelta(days=2)
    assert soon.overdue_since is None and later.overdue_since is None
    assert result["marked_overdue"] == 1
    texts = {n.kind: n.text for n in notifications_of(users["officer"])}
    assert texts == {
        NotificationKind.OVERDUE: "S 7/2027: “Reply due” was due on Mar 7, 2027 and is overdue.",
        NotificationKind.DUE_SOON: "S 7/2027: “Comments due” is due on Mar 15, 2027.",
    }
    for role in ("viewer", "supervisor", "outsider", "secretariat", "auditor", "admin"):
        assert notifications_of(users[role]) == [], role


def test_assigned_users_are_told_too_and_the_texts_name_no_title(users, make_user, make_case, add_deadline):
    colleague = make_user("colleague", ("CCPR", Role.CASE_OFFICER))
    case = make_case(officer=users["officer"], assigned=(colleague,), title="Detention of Ms. X in Y")
    add_deadline(case, TODAY - timedelta(days=1))
    check_deadlines(TODAY)
    db.session.commit()
    for user in (users["officer"], colleague):
        [notification] = notifications_of(user)
        assert notification.case_id == case.id
        assert "Ms. X" not in notification.text and "Detention" not in notification.text


def test_with_nobody_on_the_case_the_unit_supervisors_are_told(users, make_case, add_deadline):
    ccpr = make_case(reference="CCPR 1")
    ced = make_case("CED", reference="CED 1")
    add_deadline(ccpr, TODAY)
    add_deadline(ced, TODAY)
    check_deadlines(TODAY)
    db.session.commit()
    assert [n.case_id for n in notifications_of(users["supervisor"])] == [ccpr.id]
    assert [n.case_id for n in notifications_of(users["outsider"])] == [ced.id]  # CED's supervisor
    assert notifications_of(users["officer"]) == []


def test_nobody_is_told_about_a_case_they_may_not_see(users, make_user, make_case, add_deadline):
    """The officer named on a confidential case but not assigned to it may not see it: not told."""
    former = make_user("former", ("CCPR", Role.CASE_OFFICER))
    former.active = False
    db.session.commit()
    secret = make_case(confidential=True, officer=users["officer"], assigned=(former,))
    add_deadline(secret, TODAY - timedelta(days=1))
    check_deadlines(TODAY)
    db.session.commit()
    assert notifications_of(users["officer"]) == []
    assert notifications_of(former) == []  # inactive accounts are never told


def test_a_second_run_the_same_day_tells_nobody_again(users, make_case, add_deadline):
    case = make_case(officer=users["officer"])
    add_deadline(case, TODAY - timedelta(days=1))
    add_deadline(case, TODAY + timedelta(days=2))
    first = check_deadlines(TODAY)
    db.session.commit()
    second = check_deadlines(TODAY)
    db.session.commit()
    assert (first["notified"], second["notified"]) == (2, 0)
    assert second["marked_overdue"] == 0
    assert len(notifications_of(users["officer"])) == 2


def test_the_next_days_tell_only_what_is_new(users, make_case, add_deadline):
    case = make_case(officer=users["officer"])
    deadline = add_deadline(case, TODAY + timedelta(days=7))
    assert check_deadlines(TODAY)["notified"] == 1  # due in a week
    db.session.commit()

    assert check_deadlines(TODAY + timedelta(days=1))["notified"] == 0
    add_deadline(case, TODAY + timedelta(days=7), label="Comments due")  # opened the next day
    assert check_deadlines(TODAY + timedelta(days=1))["notified"] == 1
    db.session.commit()

    assert check_deadlines(deadline.due_on)["notified"] == 0  # due today is not late yet
    assert check_deadlines(deadline.due_on + timedelta(days=1))["notified"] == 2  # both now overdue
    db.session.commit()
    kinds = [n.kind for n in notifications_of(users["officer"])]
    assert kinds == [NotificationKind.DUE_SOON, NotificationKind.DUE_SOON, NotificationKind.OVERDUE,
                     NotificationKind.OVERDUE]


def test_an_extension_clears_the_overdue_mark_and_the_new_date_is_announced(users, make_case, add_deadline):
    case = make_case(officer=users["officer"])
    deadline = add_deadline(case, TODAY - timedelta(days=1))
    check_deadlines(TODAY)
    db.session.commit()
    assert deadline.overdue_since == TODAY
    extend_deadline(deadline, TODAY + timedelta(days=6), users["supervisor"], "Granted at the State's request")
    db.session.commit()

    assert check_deadlines(TODAY + timedelta(days=1))["notified"] == 1
    db.session.commit()
    assert deadline.overdue_since is None
    assert notifications_of(users["officer"])[-1].text.endswith("is due on Mar 16, 2027.")


def test_met_deadlines_are_left_alone(users, make_case, add_deadline):
    case = make_case(officer=users["officer"])
    deadline = add_deadline(case, TODAY - timedelta(days=1))
    deadline.closed_at = utcnow()
    db.session.commit()
    assert check_deadlines(TODAY) == {"marked_overdue": 0, "notified": 0, "emails": 0}
    assert deadline.overdue_since is None


def test_the_job_runs_for_the_day_it_is_given(users, make_case, add_deadline):
    from casework.reminders.deadline_check import run_deadline_check

    case = make_case(officer=users["officer"])
    add_deadline(case, date(2027, 1, 5))
    assert run_deadline_check("2027-01-04")["notified"] == 1
    assert notifications_of(users["officer"])[0].kind is NotificationKind.DUE_SOON


def test_an_old_backlog_is_marked_but_not_sent_as_alerts(users, make_case, add_deadline):
    case = make_case(officer=users["officer"])
    old = add_deadline(case, TODAY - timedelta(days=8))
    recent = add_deadline(case, TODAY - timedelta(days=7))
    result = check_deadlines(TODAY)
    db.session.commit()
    assert (old.overdue_since, recent.overdue_since) == (TODAY - timedelta(days=7), TODAY - timedelta(days=6))
    assert result["notified"] == 1
    assert [n.text for n in notifications_of(users["officer"])] == [
        "S 1/2026: “State observations due” was due on Mar 3, 2027 and is overdue."]
