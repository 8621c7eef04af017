"""The person picker: found by any spelling the registry knows, only among the persons the user may
see, and showing no more than the link needs (the name and the registry number)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from casework.core.persons import CasePerson
from casework.core.units import Unit, UnitKind
from casework.extensions import db
from tests.sample_workflow import SampleCase


@pytest.fixture
def reprisals_team() -> Unit:
    team = Unit(code="REPRISALS", name="Reprisals team", kind=UnitKind.REPRISALS_TEAM)
    db.session.add(team)
    db.session.commit()
    return team


@pytest.fixture
def hassans(make_person, make_case, reprisals_team):
    """Three men of the same name: one on a case of the officer's committee, one the victim of a
    confidential reprisals case, one on a case of another committee."""
    ours = make_person("Mohammed", "Al-Hassan", names=(("محمد الحسن", "Arab"), ("Muhammad al-Hasan", "Latn")),
                       cases=(make_case("CCPR", reference="CCPR 2751/2016"),))
    reprisal = SampleCase(unit=reprisals_team, confidential=True, status="draft", reference="REP 1/2026",
                          title="Arrested on his return from Geneva")
    db.session.add(reprisal)
    db.session.commit()
    secret = make_person("Mohamed", "Hassan", unit="CED", cases=(reprisal,))
    other = make_person("Mohammad", "Hassani", unit="CED", cases=(make_case("CED", reference="CED 4/2025"),))
    return ours, secret, other


def _ask(client, typed: str) -> list[dict]:
    response = client.get("/persons/lookup", query_string={"q": typed})
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


@pytest.mark.parametrize("typed", ["muhammad hasan", "الحسن", "MOHAMMED al-hassan", "hasan"])
def test_the_picker_finds_a_person_by_any_spelling_the_registry_knows(client, login, users, hassans, typed):
    ours = hassans[0]
    login(users["officer"])

    assert _ask(client, typed) == [{"value": ours.id, "label": f"Mohammed AL-HASSAN (no. {ours.id})"}]


def test_the_picker_never_offers_a_confidential_reprisals_victim_nor_a_person_of_another_committee(
        client, login, users, hassans):
    ours, secret, other = hassans
    login(users["officer"])

    found = _ask(client, "hassan")

    assert [item["value"] for item in found] == [ours.id]
    assert set(found[0]) == {"value", "label"}  # nothing of the case the person is known from
    assert "REP 1/2026" not in str(found) and "Hassani" not in str(found)


def test_a_person_out_of_sight_cannot_be_linked_by_number_either(client, login, users, make_case, hassans):
    _ours, secret, _other = hassans
    case = make_case("CCPR", reference="CCPR 9/2026")
    login(users["officer"])

    response = client.post(f"/cases/{case.id}/persons", data={"person_id": str(secret.id), "role": "witness"})

    assert response.status_code == 400
    assert f"There is no person number {secret.id} in the registry you can see." in response.get_data(as_text=True)
    assert db.session.scalars(select(CasePerson).where(CasePerson.case_id == case.id)).all() == []


def test_fewer_than_two_letters_find_nobody(client, login, users, hassans):
    login(users["officer"])

    assert _ask(client, "m") == []


@pytest.mark.parametrize("typed", ["²", "٣", "9" * 40, "(no. 99999999999)"])
def test_numbers_of_every_kind_are_answered_without_an_error(client, login, users, make_case, typed):
    case = make_case("CCPR", reference="CCPR 9/2026")
    login(users["officer"])

    assert _ask(client, typed) == []
    response = client.post(f"/cases/{case.id}/persons", data={"person_id": typed, "role": "witness"})
    assert response.status_code == 400
