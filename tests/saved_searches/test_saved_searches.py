"""Saved searches: saved from a list's page as drawn, shared within a unit, opened as the reader."""
from __future__ import annotations

from datetime import date

import pytest

from casework.communications import operations as ops
from casework.communications.models import Communication
from casework.core.cases import CaseAssignment
from casework.extensions import db
from casework.saved_searches.models import SavedSearch
from tests.conftest import sign_in
from tests.pages import form_with, link, words


@pytest.fixture
def communication(users, states):
    def make(name: str, *, confidential: bool = False, state: str = "MEX") -> Communication:
        case = ops.receive_communication(users["officer"].memberships[0].unit, ops.Intake(
            state_id=states[state].id, received_on=date(2026, 3, 2), authors=[ops.NameInput(name, "Ana")],
            articles_invoked=["CCPR-7"], subject_matter="Deportation to a risk of torture"), users["officer"])
        case.title = f"{name} v. {states[state].name}"
        case.confidential = confidential
        if confidential:
            db.session.add(CaseAssignment(case_id=case.id, user_id=users["officer"].id))
        db.session.commit()
        return case

    return make


def browser(app, user):
    client = app.test_client()
    sign_in(client, user)
    return client


def save_from_list(client, address: str, name: str, share: str | None = None):
    """On the list, fill in "Save this search" as the page draws it and send it."""
    page = client.get(address)
    assert page.status_code == 200
    form = form_with(page, "list_name")
    form["name"] = [name]
    if share is not None:
        form["unit"] = [share]
    return client.post("/saved-searches/new", data=form)


def test_a_search_saved_on_a_list_reopens_its_filters(app, users, states, communication):
    communication("Pérez")
    communication("Haddad", state="IRQ")
    officer = browser(app, users["officer"])
    saved = save_from_list(officer, f"/communications/?state={states['MEX'].id}&page=1", "Mexico files")
    assert saved.status_code == 303
    opened = officer.get(saved.headers["Location"])
    assert opened.status_code == 303 and opened.headers["Location"] == f"/communications/?state={states['MEX'].id}"
    shown = words(officer.get(opened.headers["Location"]))
    assert "Pérez v. Mexico" in shown and "Haddad v. Iraq" not in shown
    assert "Mexico files" in words(officer.get("/communications/"))  # the list's saved-search menu
    assert "Mexico files" in words(officer.get("/"))  # and My work


def test_a_search_without_a_name_is_drawn_again_with_its_filters_kept(app, users, states):
    officer = browser(app, users["officer"])
    answer = save_from_list(officer, f"/communications/?state={states['MEX'].id}", "")
    assert answer.status_code == 400
    assert "Give the search a name." in words(answer)
    assert form_with(answer, "list_name")["query"] == [f"state={states['MEX'].id}"]


def test_a_shared_search_shows_each_member_only_what_they_may_see(app, users, states, communication):
    communication("Pérez")
    communication("Secreto", confidential=True)  # the officer is assigned to it; the viewer is not
    officer, viewer = browser(app, users["officer"]), browser(app, users["viewer"])
    ccpr = str(users["officer"].memberships[0].unit_id)
    saved = save_from_list(officer, f"/communications/?state={states['MEX'].id}", "Mexico, all", share=ccpr)
    search_url = saved.headers["Location"]
    assert "Secreto" in words(officer.get(officer.get(search_url).headers["Location"]))

    assert "Mexico, all" in words(viewer.get("/communications/"))
    opened = viewer.get(search_url)
    assert opened.status_code == 303
    shown = words(viewer.get(opened.headers["Location"]))
    assert "Pérez v. Mexico" in shown and "Secreto" not in shown
    assert browser(app, users["outsider"]).get(search_url).status_code == 404  # not a member of the unit


def test_an_unshared_search_is_its_owners_alone(app, users, states):
    officer = browser(app, users["officer"])
    search_url = save_from_list(officer, "/communications/?q=P", "Mine").headers["Location"]
    viewer = browser(app, users["viewer"])
    assert viewer.get(search_url).status_code == 404
    assert "Mine" not in words(viewer.get("/saved-searches"))


def test_only_the_owner_renames_shares_or_deletes(app, users):
    officer, viewer = browser(app, users["officer"]), browser(app, users["viewer"])
    ccpr = str(users["officer"].memberships[0].unit_id)
    save_from_list(officer, "/communications/?q=P", "Shared", share=ccpr)
    search = db.session.scalar(db.select(SavedSearch))
    assert viewer.get(f"/saved-searches/{search.id}/edit").status_code == 403
    assert viewer.post(f"/saved-searches/{search.id}/delete", data=form_with(
        viewer.get("/saved-searches"), "csrf_token")).status_code == 403

    edit = officer.get(f"/saved-searches/{search.id}/edit")
    form = form_with(edit, "name")
    form.update(name=["Renamed"], unit=["0"])
    assert officer.post(f"/saved-searches/{search.id}/edit", data=form).status_code == 303
    assert "Renamed" in words(officer.get("/saved-searches"))
    assert "Renamed" not in words(viewer.get("/saved-searches"))  # no longer shared

    page = officer.get("/saved-searches")
    delete = link(page, "Renamed")
    assert delete is not None
    answer = officer.post(f"/saved-searches/{search.id}/delete", data=form_with(page, "csrf_token"))
    assert answer.status_code == 303 and db.session.scalar(db.select(SavedSearch)) is None


def test_a_search_cannot_be_shared_with_a_unit_of_someone_else(app, users, units):
    officer = browser(app, users["officer"])
    page = officer.get("/communications/")
    form = form_with(page, "list_name")
    form.update(name=["Elsewhere"], unit=[str(units["CED"].id)])
    answer = officer.post("/saved-searches/new", data=form)
    assert answer.status_code == 400 and db.session.scalar(db.select(SavedSearch)) is None


def test_filters_the_list_no_longer_reads_are_dropped_with_a_message(app, users, states):
    officer = browser(app, users["officer"])
    search = SavedSearch(owner_id=users["officer"].id, name="Old one", list_name="communications",
                         query=f"state=Mexico&colour=blue&status=withdrawn&q=P%C3%A9rez&committee={10**12}")
    db.session.add(search)
    db.session.commit()
    opened = officer.get(f"/saved-searches/{search.id}")
    assert opened.status_code == 303 and opened.headers["Location"] == "/communications/?q=P%C3%A9rez"
    listed = officer.get(opened.headers["Location"])
    assert listed.status_code == 200
    assert "no longer apply and were left out: colour, committee, state, status." in words(listed)


def test_a_search_of_a_list_that_is_gone_says_so(app, users):
    search = SavedSearch(owner_id=users["officer"].id, name="Gone", list_name="retired_list", query="q=x")
    db.session.add(search)
    db.session.commit()
    officer = browser(app, users["officer"])
    opened = officer.get(f"/saved-searches/{search.id}")
    assert opened.status_code == 303
    assert "no longer exists" in words(officer.get(opened.headers["Location"]))


def test_a_second_search_of_the_same_name_on_the_same_list_is_refused_by_the_name(app, users):
    officer = browser(app, users["officer"])
    assert save_from_list(officer, "/communications/?q=P", "Pending").status_code == 303
    again = save_from_list(officer, "/communications/?q=Q", " pending ")
    assert again.status_code == 400
    assert "You already have a search of this list named “pending”" in words(again)
    assert form_with(again, "list_name")["name"] == [" pending "]
    assert db.session.scalar(db.select(db.func.count(SavedSearch.id))) == 1


def test_every_case_list_checks_a_saved_query_against_its_own_form(app, users):
    """Each list a search may be saved from builds its filter form for the check, as its page does."""
    from casework.saved_searches.lists import check_query, saved_lists

    officer = browser(app, users["officer"])
    lists = saved_lists()
    assert set(lists) == {"communications", "urgent_actions", "detention_cases", "special_procedures", "reprisals",
                          "wgad", "wgeid"}
    for saved in lists.values():
        with app.test_request_context("/"):
            from flask_login import login_user

            login_user(users["officer"])
            checked = check_query(saved, "state=not-a-number&nonsense=1&sort=received&page=3&from=2026-01-01")
        assert "nonsense" in checked.dropped and "page" not in checked.query, saved.name
        assert "sort=received" in checked.query and "from=2026-01-01" in checked.query, saved.name
        assert "state" in checked.dropped, saved.name  # not a number, or (detention) not a filter of the list
    assert officer.get("/communications/").status_code == 200
