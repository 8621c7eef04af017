"""The team links a reprisals case to what the Office already knows: a person of the registry and a
case of another procedure, through the type-ahead picker or typed as a plain field."""
from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest

from casework.core.persons import CasePerson, Person, PersonRole
from casework.extensions import db
from casework.reprisals.models import ReprisalCase
from tests.pages import form_with, words
from tests.sample_workflow import SampleCase


@pytest.fixture
def other_procedure(units) -> SimpleNamespace:
    """A working group's case about a disappeared son, whose mother is in the registry; beside it, a
    confidential case and a protected identity that no picker may reveal to the team."""
    ced = units["CED"]
    case = SampleCase(unit=ced, confidential=False, status="draft", reference="WGEID 1/2014",
                      title="Disappearance of Luis Ruiz")
    secret = SampleCase(unit=ced, confidential=True, status="draft", reference="WGEID 2/2014",
                        title="Disappearance of a witness")
    mother = Person(family_name="Ruiz Soto", given_names="Guadalupe", unit_id=ced.id)
    protected = Person(family_name="Ruiz Velasco", given_names="Eva", unit_id=ced.id, protected_identity=True)
    hidden = Person(family_name="Ruiz Medina", given_names="Ana", unit_id=ced.id)
    db.session.add_all([case, secret, mother, protected, hidden])
    db.session.flush()
    db.session.add_all([CasePerson(case_id=case.id, person_id=mother.id, role=PersonRole.FAMILY_MEMBER),
                        CasePerson(case_id=case.id, person_id=protected.id, role=PersonRole.WITNESS),
                        CasePerson(case_id=secret.id, person_id=hidden.id, role=PersonRole.FAMILY_MEMBER)])
    db.session.commit()
    return SimpleNamespace(case=case, secret=secret, mother=mother, protected=protected, hidden=hidden)


def _picker_url(response, field_id: str) -> str:
    markup = response.get_data(as_text=True)
    tag = re.search(rf'<input[^>]*id="{re.escape(field_id)}"[^>]*>', markup).group(0)
    return html.unescape(re.search(r'data-picker="([^"]+)"', tag).group(1))


def _ask(client, url: str, typed: str) -> list[dict]:
    response = client.get(f"{url}&q={typed}")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


def test_a_team_member_opens_a_case_on_a_person_already_in_the_registry(client, login, users, states,
                                                                        other_procedure):
    login(users["officer"])
    page = client.get("/reprisals/new")
    mother = other_procedure.mother
    found = _ask(client, _picker_url(page, "person_id"), "ruiz")
    # Only the name and the number: nothing of the case she is known from, nobody out of reach.
    assert found == [{"value": mother.id, "label": f"Guadalupe RUIZ SOTO (no. {mother.id})"}]

    form = form_with(page, "person_id")
    form.update(title=["Mother of a disappeared man arrested on her way to Geneva"], state_id=[str(states["MEX"].id)],
                received_on=["2026-10-01"], engaged_body=["special_procedure"], person_id=[str(found[0]["value"])])
    response = client.post("/reprisals/new", data=form)
    assert response.status_code == 303, words(response)[:1500]
    case = db.session.scalars(db.select(ReprisalCase)).one()
    assert [v.person_id for v in case.victims] == [mother.id]


@pytest.mark.parametrize("who", ["protected", "hidden"])
def test_a_person_out_of_reach_is_refused_under_the_number_typed(client, login, users, make_reprisal,
                                                                 other_procedure, who):
    case = make_reprisal("received")
    login(users["officer"])
    person = getattr(other_procedure, who)
    form = {**form_with(client.get(case.url), "victim-person_id"), "victim-person_id": [str(person.id)]}
    response = client.post(f"/reprisals/{case.id}/victims", data=form)
    assert response.status_code == 400
    markup = response.get_data(as_text=True)
    error = re.search(r'<p class="error" id="victim-person_id-error">([^<]*)</p>', markup)
    assert error and f"no person number {person.id} in the registry you can see" in error.group(1)
    assert f'value="{person.id}"' in markup  # what was typed is still there
    assert person.family_name.upper() not in markup.upper()


def test_a_team_member_adds_a_known_person_by_number_without_javascript(client, login, users, make_reprisal,
                                                                       other_procedure):
    case = make_reprisal("received")
    login(users["officer"])
    mother = other_procedure.mother
    form = {**form_with(client.get(case.url), "victim-person_id"), "victim-person_id": [str(mother.id)]}
    assert client.post(f"/reprisals/{case.id}/victims", data=form).status_code == 303
    db.session.refresh(case)
    assert mother.id in [v.person_id for v in case.victims]


def test_a_team_member_links_a_case_of_another_procedure_by_its_reference(client, login, users, make_reprisal,
                                                                          other_procedure):
    case = make_reprisal("received")
    login(users["officer"])
    page = client.get(case.url)
    found = _ask(client, _picker_url(page, "related_case"), "wgeid")
    assert found == [{"value": "WGEID 1/2014", "label": "WGEID 1/2014"}]  # not the confidential one

    form = {**form_with(page, "related_case"), "related_case": ["wgeid  1/2014"], "note": ["Her son"]}
    assert client.post(f"/reprisals/{case.id}/links", data=form).status_code == 303
    db.session.refresh(case)
    assert [link.related_case_id for link in case.links] == [other_procedure.case.id]
    assert "WGEID 1/2014 (not open to you) · Her son" in words(client.get(case.url))

    refused = client.post(f"/reprisals/{case.id}/links", data={**form, "related_case": ["WGEID 2/2014"]})
    assert refused.status_code == 400
    markup = refused.get_data(as_text=True)
    assert re.search(r'id="related_case-error">There is no other case WGEID 2/2014 you can link to\.', markup)
    assert 'value="WGEID 2/2014"' in markup and "Disappearance of a witness" not in markup


def test_the_pickers_reach_no_further_for_those_who_cannot_link(client, login, users, make_reprisal, other_procedure):
    case = make_reprisal("received")
    login(users["viewer"])  # a team member not assigned to the case, who may open none
    assert _ask(client, f"/cases/lookup?for={case.id}", "wgeid") == []
    assert _ask(client, f"/persons/lookup?for={case.id}", "ruiz") == []
    assert _ask(client, f"/persons/lookup?unit={case.unit_id}", "ruiz") == []


def test_opening_a_case_on_a_person_out_of_reach_says_so_under_the_number(client, login, users, states,
                                                                          other_procedure):
    login(users["officer"])
    form = form_with(client.get("/reprisals/new"), "person_id")
    form.update(title=["Witness threatened"], state_id=[str(states["MEX"].id)], received_on=["2026-10-01"],
                engaged_body=["special_procedure"], person_id=[str(other_procedure.protected.id)])
    response = client.post("/reprisals/new", data=form)
    assert response.status_code == 400
    markup = response.get_data(as_text=True)
    assert re.search(r'id="person_id-error">There is no person number \d+ in the registry you can see', markup)
    assert not re.search(r'id="family_name-error"', markup)
    assert db.session.scalars(db.select(ReprisalCase)).first() is None
