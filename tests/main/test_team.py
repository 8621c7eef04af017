"""A supervisor's team view: who holds which open cases, what is overdue, what nobody holds."""
from __future__ import annotations

import re
from datetime import date, timedelta

from casework.auth.models import Role
from casework.core.deadlines import Deadline
from casework.extensions import db
from tests.conftest import sign_in
from tests.pages import link, words


def add_deadline(case, days_late: int, label: str = "State observations due") -> None:
    due = date.today() - timedelta(days=days_late)
    db.session.add(Deadline(case_id=case.id, kind="observations", label=label, due_on=due, original_due_on=due))
    db.session.commit()


def row_of(page: str, name: str) -> list[str]:
    """The cells of the team table's row of `name`, as words."""
    match = re.search(rf"<tr[^>]*>\s*<th scope=\"row\">{re.escape(name)}</th>(.*?)</tr>", page, re.S)
    assert match, name
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in re.findall(r"<td[^>]*>(.*?)</td>", match[1], re.S)]


def browser(app, user):
    client = app.test_client()
    sign_in(client, user)
    return client


def test_the_team_view_counts_what_each_member_holds_and_what_nobody_does(app, users, make_case, make_user):
    officer = users["officer"]
    late = make_case(officer=officer, reference="HELD 1")
    add_deadline(late, 400)
    add_deadline(late, 3)
    make_case(assigned=(officer,), reference="HELD 2")
    make_case(officer=officer, reference="DONE 1", status="closed")  # closed: not counted
    hidden = make_case(officer=officer, reference="SECRET 1", confidential=True)  # the supervisor may not see it
    add_deadline(hidden, 900)
    make_case("CED", officer=officer, reference="ELSEWHERE 1")  # another unit's case
    nobody = make_case(reference="NOBODY 1")
    add_deadline(nobody, 10)

    page = browser(app, users["supervisor"]).get("/team")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    cells = row_of(html, "Officer")
    assert cells[1:3] == ["2", "2"] and "400 days late" in cells[3]
    assert row_of(html, "Viewer")[1:3] == ["0", "0"]
    assert row_of(html, "Nobody (unassigned)")[1:3] == ["1", "1"]
    assert "900 days late" not in html  # the confidential case's deadline is not counted either


def test_the_counts_link_to_the_cases_they_count(app, users, make_case):
    officer = users["officer"]
    late = make_case(officer=officer, reference="HELD 1")
    add_deadline(late, 20)
    make_case(officer=officer, reference="HELD 2")
    make_case(officer=officer, reference="SECRET 1", confidential=True)
    supervisor = browser(app, users["supervisor"])
    team = supervisor.get("/team")
    held = supervisor.get(link(team, "2"))
    shown = words(held)
    assert "Open cases held by Officer" in shown and "HELD 1" in shown and "HELD 2" in shown
    assert "SECRET 1" not in shown
    overdue = words(supervisor.get(f"/team/{late.unit_id}/cases?holder={officer.id}&overdue=1"))
    assert "HELD 1" in overdue and "HELD 2" not in overdue


def test_only_supervisors_have_a_team_view_and_only_of_their_units(app, users, units, make_case):
    assert browser(app, users["officer"]).get("/team").status_code == 403
    assert "My team" not in words(browser(app, users["officer"]).get("/"))
    outsider = browser(app, users["outsider"])  # supervises CED
    assert "My team" in words(outsider.get("/"))
    assert outsider.get(f"/team/{units['CCPR'].id}/cases").status_code == 403
    team = words(outsider.get("/team"))
    assert "Committee on Enforced Disappearances" in team and "Human Rights Committee" not in team


def test_a_member_of_another_unit_is_not_a_holder_here(app, users, units):
    supervisor = browser(app, users["supervisor"])
    assert supervisor.get(f"/team/{units['CCPR'].id}/cases?holder={users['outsider'].id}").status_code == 404
    assert supervisor.get(f"/team/{units['CCPR'].id}/cases?holder=none").status_code == 200
    assert supervisor.get(f"/team/{units['CCPR'].id}/cases?holder=x'").status_code == 200


def test_a_secretariat_member_is_no_supervisor_of_the_units(app, make_user):
    chief = make_user("chief", ("OHCHR", Role.SUPERVISOR))
    page = browser(app, chief).get("/team")
    assert page.status_code == 200 and "Human Rights Committee" not in words(page)
