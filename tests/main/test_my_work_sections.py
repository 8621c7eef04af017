"""My work in sections: counted, the first rows shown, overdue most recent first, the rest paged."""
from __future__ import annotations

import re
from datetime import date, timedelta

from casework.core.deadlines import Deadline
from casework.extensions import db
from tests.conftest import sign_in
from tests.pages import link, words


def add_deadline(case, days: int, label: str) -> None:
    due = date.today() + timedelta(days=days)
    db.session.add(Deadline(case_id=case.id, kind="observations", label=label, due_on=due, original_due_on=due))


def section(page: str, section_id: str) -> str:
    match = re.search(rf'<section class="panel" id="{section_id}">(.*?)</section>', page, re.S)
    assert match, section_id
    return match.group(1)


def test_overdue_opens_on_the_most_recent_and_counts_the_rest_by_how_late(app, users, make_case):
    case = make_case(officer=users["officer"], reference="MINE 1")
    for late in range(1, 26):  # 25 overdue: 1 to 25 days late
        add_deadline(case, -late, f"Late by {late}")
    add_deadline(case, -2488, "Ancient step")
    db.session.commit()
    client = app.test_client()
    sign_in(client, users["officer"])
    page = client.get("/").get_data(as_text=True)
    overdue = section(page, "overdue")
    assert re.search(r"Overdue <span[^>]*>26</span>", overdue)
    labels = re.findall(r"<td>(Late by \d+|Ancient step)</td>", overdue)
    assert labels == [f"Late by {n}" for n in range(1, 11)]  # the ten most recent, newest first
    assert "Ancient step" not in overdue
    bands = " ".join(words_of(overdue).split())
    assert "Late by up to a week 7" in bands and "Late by up to a month 18" in bands and "Late by over a year 1" in bands
    assert "Showing the first 10 of 26." in words_of(overdue)


def words_of(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


def test_show_all_pages_a_section_and_a_band(app, users, make_case):
    app.config["PAGE_SIZE"], size = 10, app.config["PAGE_SIZE"]
    try:
        case = make_case(officer=users["officer"], reference="MINE 1")
        for late in range(1, 26):
            add_deadline(case, -late, f"Late by {late}")
        add_deadline(case, -2488, "Ancient step")
        db.session.commit()
        client = app.test_client()
        sign_in(client, users["officer"])
        home = client.get("/")
        everything = client.get(link(home, "Show all 26"))
        assert "Page 1 of 3" in words(everything) and "Late by 1 " in words(everything) + " "
        last = words(client.get("/my-work/overdue?page=3"))
        assert "Ancient step" in last and "Late by 1 " not in last
        ancient = words(client.get(link(home, "Late by over a year")))
        assert "Ancient step" in ancient and "Late by 25" not in ancient
    finally:
        app.config["PAGE_SIZE"] = size


def test_later_deadlines_and_approvals_have_their_sections(app, users, make_case):
    case = make_case(officer=users["officer"], reference="MINE 1")
    add_deadline(case, 3, "This week")
    add_deadline(case, 40, "Next month")
    db.session.commit()
    client = app.test_client()
    sign_in(client, users["officer"])
    page = client.get("/").get_data(as_text=True)
    assert "This week" in section(page, "due-soon") and "Next month" not in section(page, "due-soon")
    assert "Next month" in section(page, "later")
    assert "Nothing overdue on your cases." in section(page, "overdue")
    assert client.get("/my-work/awaiting").status_code == 200
    assert client.get("/my-work/nonsense").status_code == 404


def test_my_cases_show_the_most_recent_and_page_the_rest(app, users, make_case):
    for n in range(1, 13):
        make_case(officer=users["officer"], reference=f"MINE {n}")
    client = app.test_client()
    sign_in(client, users["officer"])
    home = client.get("/")
    mine = section(home.get_data(as_text=True), "my-cases")
    assert "MINE 12" in mine and "MINE 2<" not in mine and "MINE 1<" not in mine
    everything = words(client.get(link(home, "Show all 12")))
    assert "MINE 1 " in everything and "MINE 12" in everything
