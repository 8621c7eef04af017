"""The backlog figures, and that each one links to a list showing exactly those cases."""
from __future__ import annotations

import re
from datetime import date, timedelta

from casework.communications import operations as ops
from casework.communications.backlog import backlog
from casework.communications.models import DecisionType
from casework.core.workflow import fire
from casework.extensions import db


def _listed(client, url: str) -> int:
    page = client.get(url.replace("&amp;", "&")).get_data(as_text=True)
    return int(re.search(r"(\d+) communications?", page).group(1))


def test_backlog_counts_by_stage_and_age_and_links_to_the_same_cases(make_communication, users, client_for):
    today = date.today()
    old = make_communication(received_on=today - timedelta(days=5 * 365), register=True)
    recent = make_communication(author=("Haddad", "Samir"), received_on=today - timedelta(days=30), register=True)
    make_communication(author=("Kaya", "Deniz"), received_on=today - timedelta(days=400))
    fire(old, "transmit", users["supervisor"], on=today - timedelta(days=300))  # observations overdue
    fire(recent, "transmit", users["supervisor"])
    db.session.commit()

    figures = backlog(users["officer"], old.committee_id)
    assert figures.by_stage["transmitted"] == {"over_4": 1, "under_1": 1}
    assert figures.by_stage["received"] == {"1_2": 1}
    assert figures.overdue_observations == 1
    assert backlog(users["outsider"], old.committee_id).stage_total("transmitted") == 0

    officer = client_for(users["officer"])
    page = officer.get(f"/communications/backlog?committee={old.committee_id}").get_data(as_text=True)
    links = dict(re.findall(r'href="(/communications/\?[^"]+)">(?:<strong>)?(\d+)(?:</strong>)?<', page))
    assert len(links) >= 8  # the three figures, the stages by age, the totals, the grades
    for url, count in links.items():
        assert _listed(officer, url) == int(count), url
    overdue_url = next(url for url in links if "overdue=state_observations" in url)
    assert old.title in officer.get(overdue_url.replace("&amp;", "&")).get_data(as_text=True)


def test_follow_up_cases_are_counted_by_their_latest_grade(make_communication, users):
    case = make_communication(register=True)
    fire(case, "transmit", users["supervisor"])
    fire(case, "mark_ready", users["officer"])
    ops.record_decision(case, ops.DecisionInput(DecisionType.VIEWS_VIOLATION, date.today(), 139,
                                                articles_violated=["CCPR-7"]), users["officer"])
    for event in ("notify_parties", "publish", "open_follow_up"):
        fire(case, event, users["officer"])
    db.session.commit()
    assert backlog(users["officer"], case.committee_id).follow_up_by_grade == {"none": 1}
    for grade in ("C", "B"):
        ops.record_follow_up_round(case, users["officer"], state_reply_on=None, author_comments_on=None, grade=grade,
                                   summary="")
    db.session.commit()
    assert backlog(users["officer"], case.committee_id).follow_up_by_grade == {"B": 1}


def test_the_backlog_is_offered_only_to_those_who_see_a_committee(make_user, users, client_for):
    from tests.pages import link

    nobody = client_for(make_user("nobody"))
    assert link(nobody.get("/communications/"), "Backlog") is None
    viewer = client_for(users["viewer"])
    assert viewer.get(link(viewer.get("/communications/"), "Backlog")).status_code == 200


def test_the_backlog_chart_bars_open_the_lists_of_what_they_count(make_communication, users, client_for):
    from tests.figures.chart_links import assert_each_bar_lists_what_it_counts

    today = date.today()
    old = make_communication(received_on=today - timedelta(days=5 * 365), register=True)
    make_communication(author=("Haddad", "Samir"), received_on=today - timedelta(days=30), register=True)
    make_communication(author=("Kaya", "Deniz"), received_on=today - timedelta(days=400))
    db.session.commit()
    officer = client_for(users["officer"])
    page = officer.get(f"/communications/backlog?committee={old.committee_id}").get_data(as_text=True)
    bars = assert_each_bar_lists_what_it_counts(officer, page, "backlog_by_age")
    # The older a case, the darker its segment: ages are told apart by tone, and named in the legend.
    assert {(bar.what, bar.tone) for bar in bars} == {
        ("Registered · over 4 years", "age-4"), ("Registered · under 1 year", "age-1"),
        ("Received · 1–2 years", "age-2")}
    assert '<text class="legend"' in page


def test_follow_up_grades_are_drawn_in_colours_that_say_how_the_state_complied(make_communication, users,
                                                                                client_for):
    from tests.figures.chart_links import assert_each_bar_lists_what_it_counts

    case = make_communication(register=True)
    fire(case, "transmit", users["supervisor"])
    fire(case, "mark_ready", users["officer"])
    ops.record_decision(case, ops.DecisionInput(DecisionType.VIEWS_VIOLATION, date.today(), 139,
                                                articles_violated=["CCPR-7"]), users["officer"])
    for event in ("notify_parties", "publish", "open_follow_up"):
        fire(case, event, users["officer"])
    ops.record_follow_up_round(case, users["officer"], state_reply_on=None, author_comments_on=None, grade="E",
                               summary="")
    db.session.commit()
    officer = client_for(users["officer"])
    page = officer.get(f"/communications/backlog?committee={case.committee_id}").get_data(as_text=True)
    bars = assert_each_bar_lists_what_it_counts(officer, page, "follow_up_by_grade")
    assert [(bar.what, bar.tone, bar.value) for bar in bars] == [
        ("E — measures contrary to the Views · Cases", "grave", 1)]


def test_each_age_of_a_stage_counts_only_its_own_cases_and_not_what_the_reader_may_not_see(make_communication,
                                                                                            users):
    today = date.today()
    days = {"under_1": [30, 200], "1_2": [500], "2_4": [1000, 1100, 1200], "over_4": [2000]}
    made = {bucket: [make_communication(author=(f"Age{bucket}{n}", "Ana"), received_on=today - timedelta(days=n))
                     for n in ages] for bucket, ages in days.items()}
    made["2_4"][0].confidential = True
    db.session.commit()
    committee_id = made["under_1"][0].committee_id

    assert backlog(users["officer"], committee_id).by_stage["received"] == {
        "under_1": 2, "1_2": 1, "2_4": 2, "over_4": 1}
    assert backlog(users["admin"], committee_id).by_stage["received"]["2_4"] == 3
