"""The urgent action pages as a CED officer uses them: receive, check, register a group, follow up,
and the lists and statistics whose figures open the matching list."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from casework.extensions import db
from casework.urgent_actions.models import Criterion, UrgentAction, UrgentActionStatus as S
from casework.urgent_actions.workflow import open_reply_deadline
from tests.conftest import sign_in
from tests.pages import cases_linked, form_with, rows_by_next, rows_by_number, words

CRITERIA = {f"criterion_{c.value}": "y" for c in Criterion}


def _event_form(states, **changes) -> dict:
    data = {"state_id": states["IRQ"].id, "second_state_id": 0, "received_on": "2026-05-04", "language": "en",
            "last_seen_on": "2026-04-30", "last_seen_place": "Al-Razzaza checkpoint",
            "circumstances": "Taken at the checkpoint.", "complaint_authority": "Investigating court",
            "complaint_filed_on": "2026-05-01", "complaint_file_number": "BGD/77",
            "author_family_name": "Nour", "author_given_names": "Samira", "authors_relationship": "Sister"}
    data.update(changes)
    return data


def test_receive_then_register_through_the_checklist(client, users, states):
    sign_in(client, users["officer"])
    response = client.post("/urgent-actions/new", data=_event_form(
        states, family_name="Al-Rawi", given_names="Bilal", sex="male", age="30", nationality_id=states["IRQ"].id))
    assert response.status_code == 303
    ua = db.session.scalar(select(UrgentAction))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Registration check" in page and "Not anonymous" in page
    refused = client.post(f"/urgent-actions/{ua.id}/registration", data={"decision": "register"})
    assert refused.status_code == 422 and "Registration needs every criterion met" in refused.get_data(as_text=True)
    done = client.post(f"/urgent-actions/{ua.id}/registration", data={"decision": "register", **CRITERIA})
    assert done.status_code == 303
    db.session.expire_all()
    assert ua.status == S.REGISTERED and ua.reference == f"UA 1/{date.today().year}"


def test_a_form_with_mistakes_comes_back_with_what_was_typed(client, users, states):
    sign_in(client, users["officer"])
    response = client.post("/urgent-actions/groups/new", data=_event_form(
        states, title="Event", persons="Only; One; male; 20", **CRITERIA))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "at least two persons" in page and "Only; One; male; 20" in page


def test_a_group_registered_from_the_form(client, users, states):
    sign_in(client, users["officer"])
    persons = "\n".join(f"Family{i}; Given{i}; male; {18 + i}" for i in range(5))
    response = client.post("/urgent-actions/groups/new", data=_event_form(
        states, title="Five taken at Al-Razzaza", persons=persons, letters="combined", **CRITERIA))
    assert response.status_code == 303 and "group=" in response.headers["Location"]
    listing = client.get(response.headers["Location"]).get_data(as_text=True)
    assert listing.count("badge\">group") == 5


def test_follow_up_and_the_response_to_each_recommendation(client, users, make_ua):
    ua = make_ua(events=("transmit_to_state", "record_state_reply"))
    sign_in(client, users["officer"])
    due = (date.today() + timedelta(days=30)).isoformat()
    response = client.post(f"/urgent-actions/{ua.id}/follow-up", data={
        "recommendations": "search | Search the hospitals and morgues of Guerrero.\nKeep the family informed.",
        "due_on": due})
    assert response.status_code == 303
    db.session.expire_all()
    assert ua.status == S.AWAITING_REPLY and open_reply_deadline(ua).due_on.isoformat() == due
    latest = [r for r in ua.recommendations if r.round == 1]
    assert [(r.kind.value, r.text) for r in latest] == [
        ("search", "Search the hospitals and morgues of Guerrero."), ("other", "Keep the family informed.")]
    client.post(f"/urgent-actions/{ua.id}/recommendations/{latest[0].id}",
                data={"response_status": "implemented", "state_response": "Searched 12 morgues."})
    db.session.expire_all()
    assert latest[0].response_status.value == "implemented"


def test_overdue_replies_and_reminders_due(client, users, make_ua):
    waiting = make_ua(events=("transmit_to_state",), family="Waiting")
    late = make_ua(events=("transmit_to_state",), family="Late")
    exhausted = make_ua(events=("transmit_to_state",), family="Exhausted")
    for ua, reminders in ((late, 1), (exhausted, 3)):
        deadline = open_reply_deadline(ua)
        deadline.due_on, deadline.reminders_sent = date.today() - timedelta(days=2), reminders
    db.session.commit()
    sign_in(client, users["viewer"])

    def listed(query: str) -> set[str]:
        page = client.get(f"/urgent-actions/?{query}").get_data(as_text=True)
        return {ua.reference for ua in (waiting, late, exhausted) if ua.reference + "<" in page}

    assert listed("due=overdue") == {late.reference, exhausted.reference}
    assert listed("due=reminder") == {late.reference}
    assert listed("due=meeting") == {exhausted.reference}


def test_statistics_count_per_year_and_state_and_link_to_their_lists(client, users, make_ua, states):
    make_ua(on=date(2024, 5, 1), events=("transmit_to_state", "locate_alive"))
    make_ua(on=date(2025, 5, 1), events=("transmit_to_state", "close_deceased"), family="B")
    make_ua(on=date(2025, 6, 1), family="C", state_id=states["IRQ"].id)
    make_ua(register=False, family="Not yet")
    sign_in(client, users["viewer"])
    page = client.get("/urgent-actions/statistics").get_data(as_text=True)
    assert "66.7%" in page and "33.3%" in page  # Mexico 2 of 3, Iraq 1 of 3
    link = f"/urgent-actions/?bucket=located_deceased&amp;year=2025&amp;state={states['MEX'].id}"
    assert link in page
    listing = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert "UA 1/2025" in listing and "UA 2/2025" not in listing


def test_the_table_by_year_and_state_shows_a_year_at_a_time_the_latest_first(client, users, make_ua, states):
    """Every year and State together would be some 2,500 lines; the table shows one year, and the
    reader moves to another through the years named above it."""
    make_ua(on=date(2024, 5, 1), state_id=states["IRQ"].id)
    make_ua(on=date(2025, 5, 1), family="B")
    sign_in(client, users["viewer"])
    iraq_2024 = f"year=2024&amp;state={states['IRQ'].id}"

    page = client.get("/urgent-actions/statistics").get_data(as_text=True)
    table = page[page.index('id="by-year-and-state"'):]
    assert "Registered in 2025, per State" in table and "Mexico" in table
    assert iraq_2024 not in table and "Iraq" not in table
    assert "bucket=registered&amp;year=2024" in page  # the table per year still opens 2024's list

    earlier = re.search(r'href="([^"]*year=2024[^"]*)"', table)[1]
    table = client.get(earlier.replace("&amp;", "&")).get_data(as_text=True)
    table = table[table.index('id="by-year-and-state"'):]
    assert "Registered in 2024, per State" in table and iraq_2024 in table and "Mexico" not in table
    for wrong in ("1999", "next", ""):
        shown = client.get(f"/urgent-actions/statistics?year={wrong}")
        assert shown.status_code == 200 and "Registered in 2025, per State" in shown.get_data(as_text=True)


def test_statistics_and_lists_count_only_what_the_reader_may_see(client, users, make_ua):
    make_ua()
    sign_in(client, users["outsider"])
    assert "UA 1/" not in client.get("/urgent-actions/").get_data(as_text=True)
    assert "No urgent actions match" in client.get("/urgent-actions/").get_data(as_text=True)
    assert "UA 1/" not in client.get("/urgent-actions/export.csv").get_data(as_text=True)


def test_the_second_state_is_offered_in_words_not_as_a_python_none(client, users, make_ua):
    ua = make_ua()
    sign_in(client, users["officer"])
    for url in ("/urgent-actions/new", "/urgent-actions/groups/new", f"/urgent-actions/{ua.id}/edit"):
        page = words(client.get(url))
        assert "Second State (parallel registration) No second State Iraq Mexico" in page, url
        assert "None" not in page, url


def test_a_criterion_left_unticked_is_named_as_the_checklist_names_it(client, users, make_ua):
    ua = make_ua(register=False)
    sign_in(client, users["officer"])
    form = form_with(client.get(ua.url), "reason")
    form.update({f"criterion_{c.value}": ["y"] for c in Criterion if c is not Criterion.NOT_BEFORE_OTHER_PROCEDURE})
    form["decision"] = ["register"]
    refused = client.post(f"/urgent-actions/{ua.id}/registration", data=form)
    assert refused.status_code == 422
    assert ("not met: Not being examined under another procedure of the same nature." in words(refused))


def test_the_audit_trail_shows_the_criteria_ticked_in_words(client, users, make_ua):
    ua = make_ua(register=False)
    sign_in(client, users["officer"])
    form = form_with(client.get(ua.url), "reason")
    form.update({f"criterion_{c.value}": ["y"] for c in Criterion if c is not Criterion.NOT_AN_ABUSE})
    form["decision"], form["reason"] = ["request_information"], ["Is the request made in good faith?"]
    assert client.post(f"/urgent-actions/{ua.id}/registration", data=form).status_code == 303
    page = words(client.get(ua.url))
    assert "In writing: yes; Not anonymous: yes;" in page and "Not an abuse: no;" in page
    assert "{'" not in page and "True" not in page


def test_a_request_from_several_relatives_names_every_author(client, users, states):
    """The mother files with two of her children: all three are the authors, as the form draws it."""
    sign_in(client, users["officer"])
    values = form_with(client.get("/urgent-actions/new"), "other_authors")
    values.update(_event_form(states, family_name="Al-Rawi", given_names="Bilal", sex="male", age="30",
                              other_authors="Al-Rawi; Huda\n\nAl-Rawi; Omar"))
    values["nationality_id"] = str(states["IRQ"].id)

    assert client.post("/urgent-actions/new", data=values).status_code == 303

    ua = db.session.scalar(select(UrgentAction))
    authors = [link.person.full_name for link in sorted(ua.person_links, key=lambda link: link.id)
               if link.role.value == "author"]
    assert authors == ["Samira NOUR", "Huda AL-RAWI", "Omar AL-RAWI"]


def test_an_other_author_line_that_cannot_be_read_is_refused_with_the_input_kept(client, users, states):
    sign_in(client, users["officer"])
    response = client.post("/urgent-actions/new", data=_event_form(
        states, family_name="Al-Rawi", other_authors="Al-Rawi; Huda; sister"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Line 1: write" in page and "Al-Rawi; Huda; sister" in page
    assert db.session.scalar(select(UrgentAction)) is None


@pytest.mark.parametrize("reader", ["officer", "secretariat"])
@pytest.mark.parametrize("direction", ["desc", "asc"])
def test_next_and_numbered_pages_hold_each_urgent_action_once_registered_or_not(app, client, users, make_ua,
                                                                                monkeypatch, direction, reader):
    """The list by day registered holds urgent actions not registered yet (no day), and confidential
    ones its reader may not see. "Next" starts from the last row where the empty days come before
    it in that order, and a numbered page skips the rows before it and counts the confidential ones
    among them; otherwise both count the rows out. Either way each urgent action the reader may see
    comes once, "Next" and the numbered pages agreeing."""
    from casework.cases.operations import assign_user

    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    days = [date(2026, 3, 2), date(2026, 3, 9), None, date(2026, 3, 9), None, date(2026, 3, 20), date(2026, 3, 2),
            date(2026, 3, 5), None, date(2026, 3, 25)]
    made = [make_ua(register=day is not None, on=day, family=f"Family{n}") for n, day in enumerate(days)]
    for index in (0, 2, 5, 9):
        made[index].confidential = True
    assign_user(made[5], users[reader], users["supervisor"])
    db.session.commit()
    sign_in(client, users[reader])
    address = f"/urgent-actions/?sort=registered&dir={direction}"
    seen = rows_by_next(client, address, cases_linked)
    numbered = rows_by_number(client, address, cases_linked, 4)
    visible = [ua for n, ua in enumerate(made) if n not in (0, 2, 9)]  # the confidential ones, but the assigned
    assert sorted(seen, key=int) == sorted((str(ua.id) for ua in visible), key=int)
    assert seen == numbered
