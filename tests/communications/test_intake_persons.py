"""A complaint recorded with all the persons it names: several authors, alleged victims and counsel,
each new or picked from the registry, through the intake page as it is drawn (without JavaScript)."""
from __future__ import annotations

import html

from sqlalchemy import func, select

from casework.communications.models import Communication
from casework.core.cases import Case
from casework.core.persons import CasePerson, Person, PersonRole
from casework.extensions import db
from tests.pages import form_with, read_page
from tests.sample_workflow import SampleCase


def _one_more(client, page, label: str, typed: dict[str, str]):
    """Press a "one more" button of the intake form, with what has been typed so far."""
    form = read_page(page).forms
    intake = next(f for f in form if any(b["label"] == label for b in f["buttons"]))
    button = next(b for b in intake["buttons"] if b["label"] == label)
    data = {**form_with(page, "authors-0-family_name"), **{name: [value] for name, value in typed.items()}}
    return client.post(button["formaction"], data=data)


def _links(case: Case) -> list[tuple[str, str]]:
    rows = db.session.execute(select(CasePerson.role, Person.family_name).join(Person)
                              .where(CasePerson.case_id == case.id).order_by(CasePerson.id)).all()
    return [(role.value, family) for role, family in rows]


def test_two_authors_a_known_victim_and_counsel_are_recorded_in_one_intake(client, login, users, states):
    officer = users["officer"]
    victim = Person(family_name="Quispe Mamani", given_names="Rosa Elena", unit_id=officer.memberships[0].unit_id)
    db.session.add(victim)
    db.session.commit()
    login(officer)
    page = client.get("/communications/new")
    typed = {"committee_id": str(officer.memberships[0].unit_id), "state_id": str(states["MEX"].id),
             "received_on": "2026-03-02", "authors-0-family_name": "Mamani", "authors-0-given_names": "Luis"}

    page = _one_more(client, page, "One more author", typed)
    assert page.status_code == 200
    assert 'value="Mamani"' in page.get_data(as_text=True)  # what was typed is kept
    form = form_with(page, "authors-1-family_name")
    form.update({"authors-1-family_name": ["Quispe"], "authors-1-given_names": ["Ana"],
                 "victims-0-person": [str(victim.id)],  # as the picker fills it in
                 "counsel-0-family_name": ["Ortega"], "counsel-0-given_names": ["Marta"]})
    response = client.post("/communications/new", data=form)

    assert response.status_code == 303, html.unescape(response.get_data(as_text=True))[-3000:]
    case = db.session.scalars(select(Communication)).one()
    assert _links(case) == [("author", "Mamani"), ("author", "Quispe"), ("alleged_victim", "Quispe Mamani"),
                            ("counsel", "Ortega")]
    assert db.session.scalar(select(func.count()).select_from(Person)) == 4  # the victim was not registered twice


def test_with_no_victim_given_the_authors_are_the_victims(client, login, users, states):
    officer = users["officer"]
    login(officer)
    form = form_with(client.get("/communications/new"), "authors-0-family_name")
    form.update({"committee_id": [str(officer.memberships[0].unit_id)], "state_id": [str(states["MEX"].id)],
                 "received_on": ["2026-03-02"], "authors-0-family_name": ["Mamani"]})

    assert client.post("/communications/new", data=form).status_code == 303

    case = db.session.scalars(select(Communication)).one()
    assert sorted(role for role, _name in _links(case)) == [PersonRole.ALLEGED_VICTIM.value, PersonRole.AUTHOR.value]


def test_a_person_the_officer_may_not_see_is_refused_by_their_row_and_nothing_is_recorded(client, login, users,
                                                                                         units, states):
    officer = users["officer"]
    secret_case = SampleCase(unit=units["CED"], confidential=True, status="draft", reference="CED 1/2026",
                             title="A confidential case")
    hidden = Person(family_name="Velasco", given_names="Eva", unit_id=units["CED"].id)
    db.session.add_all([secret_case, hidden])
    db.session.flush()
    db.session.add(CasePerson(case_id=secret_case.id, person_id=hidden.id, role=PersonRole.WITNESS))
    db.session.commit()
    login(officer)
    form = form_with(client.get("/communications/new"), "authors-0-family_name")
    form.update({"committee_id": [str(officer.memberships[0].unit_id)], "state_id": [str(states["MEX"].id)],
                 "received_on": ["2026-03-02"], "authors-0-family_name": ["Mamani"],
                 "victims-0-person": [str(hidden.id)]})

    response = client.post("/communications/new", data=form)

    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert f'id="victims-0-person-error">There is no person number {hidden.id} in the registry you can see.' in page
    assert "Velasco" not in page
    assert db.session.scalars(select(Communication)).all() == []


def test_a_row_naming_both_a_registry_person_and_a_new_name_says_which_to_keep(client, login, users, states):
    officer = users["officer"]
    login(officer)
    form = form_with(client.get("/communications/new"), "authors-0-family_name")
    form.update({"committee_id": [str(officer.memberships[0].unit_id)], "state_id": [str(states["MEX"].id)],
                 "received_on": ["2026-03-02"], "authors-0-family_name": ["Mamani"], "authors-0-person": ["12"]})

    response = client.post("/communications/new", data=form)

    assert response.status_code == 400
    assert "Choose a person of the registry or type a new name, not both." in html.unescape(
        response.get_data(as_text=True))
