"""The daily digest: what each user is given, and that nobody with nothing due gets one."""
from __future__ import annotations

from datetime import timedelta

from casework.auth.models import Role
from casework.extensions import db
from casework.reminders.digest import digest_for, digest_text, send_digests
from casework.reminders.models import NotificationKind
from tests.reminders.conftest import TODAY, notifications_of


def test_the_digest_lists_overdue_and_due_within_a_week_on_the_users_cases(users, make_case, add_deadline):
    mine = make_case(officer=users["officer"], reference="S 1/2027")
    other = make_case(officer=users["supervisor"], reference="S 2/2027")
    add_deadline(mine, TODAY - timedelta(days=4), label="Reply due")
    add_deadline(mine, TODAY, label="Comments due")
    add_deadline(mine, TODAY + timedelta(days=7), label="Observations due")
    add_deadline(mine, TODAY + timedelta(days=8), label="Far away")
    add_deadline(other, TODAY, label="Someone else's")

    digest = digest_for(users["officer"], TODAY)

    assert [d.label for d, _ in digest.overdue.rows] == ["Reply due"]
    assert [d.label for d, _ in digest.due_soon.rows] == ["Comments due", "Observations due"]
    text = digest_text(digest)
    assert "Overdue (1)\n- Mar 6, 2027  S 1/2027: Reply due" in text
    assert "Due within 7 days (2)\n- Mar 10, 2027  S 1/2027: Comments due\n- Mar 17, 2027  S 1/2027: Observations due" in text
    assert "Far away" not in text and "Someone else" not in text


def test_the_digest_leaves_out_cases_the_user_may_not_see(users, make_case, add_deadline):
    secret = make_case(confidential=True, officer=users["officer"], reference="CONF 1")
    add_deadline(secret, TODAY - timedelta(days=1))
    assert digest_for(users["officer"], TODAY).empty


def test_supervisors_watch_the_cases_nobody_is_on(users, make_case, add_deadline):
    add_deadline(make_case(reference="UNATTENDED"), TODAY + timedelta(days=1))
    add_deadline(make_case(officer=users["officer"], reference="TAKEN"), TODAY + timedelta(days=1))
    rows = digest_for(users["supervisor"], TODAY).due_soon.rows
    assert [case.reference for _, case in rows] == ["UNATTENDED"]


def test_one_digest_a_day_and_none_for_users_with_nothing_due(users, make_user, make_case, add_deadline):
    colleague = make_user("colleague", ("CCPR", Role.CASE_OFFICER))
    add_deadline(make_case(officer=users["officer"]), TODAY - timedelta(days=1))
    add_deadline(make_case(officer=colleague, reference="S 9/2027"), TODAY + timedelta(days=2))

    assert send_digests(TODAY) == {"digests": 2, "emails": 0}
    db.session.commit()
    assert send_digests(TODAY) == {"digests": 0, "emails": 0}  # run again the same day
    db.session.commit()

    [digest] = notifications_of(users["officer"])
    assert digest.kind is NotificationKind.DIGEST and digest.case_id is None
    assert digest.text == "Your deadlines for March 10, 2027: 1 overdue, 0 due within 7 days."
    for role in ("viewer", "supervisor", "outsider", "secretariat", "auditor", "admin"):
        assert notifications_of(users[role]) == [], role
    assert send_digests(TODAY + timedelta(days=1))["digests"] == 2  # a new day, a new digest


def test_a_long_digest_lists_fifty_and_counts_the_rest(users, make_case, add_deadline):
    case = make_case(officer=users["officer"])
    for day in range(55):
        add_deadline(case, TODAY - timedelta(days=day + 1), label=f"Item {day}")
    digest = digest_for(users["officer"], TODAY)
    assert (len(digest.overdue.rows), digest.overdue.total) == (50, 55)
    assert "… and 5 more." in digest_text(digest)
