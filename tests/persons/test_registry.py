"""The persons registry through its pages: register, correct mistakes, search, who sees whom,
protected identities and the audit trail of changes."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from casework.core.audit import AuditEvent
from casework.core.persons import Person, Sex
from casework.core.states import State, UNStatus
from casework.extensions import db
from tests.pages import statements_sent


def _form(units, **values) -> dict:
    data = {
        "family_name": "Haddad",
        "given_names": "Samir",
        "other_names": "Sameer Hadad\nسمير حداد | Arabic",
        "sex": "male",
        "date_of_birth": "1980-04-02",
        "nationality_id": "0",
        "contact": "c/o counsel in Beirut",
        "unit_id": str(units["CCPR"].id),
    }
    data.update(values)
    return data


def _persons_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Person))


def _events(action: str, person: Person) -> list[AuditEvent]:
    return list(db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == action, AuditEvent.object_type == "persons",
               AuditEvent.object_id == str(person.id))
        .order_by(AuditEvent.id)
    ))


def test_register_a_person_with_other_spellings(units, users, login):
    client = login(users["officer"])
    assert client.get("/persons/new").status_code == 200

    response = client.post("/persons/new", data=_form(units))

    assert response.status_code == 303
    person = db.session.scalars(select(Person)).one()
    assert response.headers["Location"].endswith(f"/persons/{person.id}")
    assert person.unit_id == units["CCPR"].id
    assert sorted((n.name, n.script) for n in person.names) == [("Sameer Hadad", ""), ("سمير حداد", "Arabic")]

    page = client.get(f"/persons/{person.id}").get_data(as_text=True)
    assert "Samir HADDAD registered." in page
    assert "Samir HADDAD" in page
    assert "Sameer Hadad" in page
    assert "سمير حداد" in page and "(Arabic)" in page
    assert "Apr 2, 1980" in page
    assert "c/o counsel in Beirut" in page


def test_a_refused_registration_shows_why_and_keeps_what_was_typed(units, users, login):
    client = login(users["officer"])
    next_year = (date.today() + timedelta(days=366)).isoformat()

    response = client.post("/persons/new", data=_form(units, family_name="", date_of_birth=next_year))

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This field is required." in page
    assert "The date of birth cannot be in the future." in page
    assert 'value="Samir"' in page
    assert f'value="{next_year}"' in page
    assert "Sameer Hadad" in page and "سمير حداد | Arabic" in page
    assert "c/o counsel in Beirut" in page
    assert _persons_count() == 0


def test_search_finds_a_person_by_another_spelling(users, login, make_person):
    make_person("Samir", "Haddad", names=(("Sameer Hadad", ""), ("سمير حداد", "Arabic")))
    make_person("Ahmed", "Youssef", names=(("Ahmad Yusuf", ""),))
    client = login(users["officer"])

    for query in ("Sameer", "hadad", "حداد"):
        page = client.get("/persons/", query_string={"q": query}).get_data(as_text=True)
        assert "Samir HADDAD" in page, query
        assert "Ahmed YOUSSEF" not in page, query

    page = client.get("/persons/", query_string={"q": "Yusuf"}).get_data(as_text=True)
    assert "Ahmed YOUSSEF" in page
    assert "Samir HADDAD" not in page


def test_the_registry_lists_only_persons_the_user_may_see(users, login, make_person, make_case):
    ccpr_case = make_case("CCPR", reference="CCPR 1/2026")
    samir = make_person("Samir", "Haddad", unit="CCPR", cases=(ccpr_case,))
    make_person("Marta", "Quispe", unit="CED")
    client = login(users["outsider"])

    page = client.get("/persons/").get_data(as_text=True)
    assert "Marta QUISPE" in page
    assert "Samir HADDAD" not in page
    assert "1 record" in page and "2 records" not in page

    searched = client.get("/persons/", query_string={"q": "Haddad"}).get_data(as_text=True)
    assert "Samir HADDAD" not in searched
    assert "No persons match." in searched
    assert client.get(f"/persons/{samir.id}").status_code == 404


def test_a_person_page_shows_only_the_cases_the_user_may_see(users, login, client_for, make_person, make_case):
    ccpr = make_case("CCPR", reference="CCPR 1/2026", title="Arrest of a journalist")
    ced = make_case("CED", reference="CED 7/2026", title="Disappearance after the arrest")
    secret = make_case("CCPR", reference="CCPR 9/2026", title="Threats against the family",
                       confidential=True, assigned=(users["supervisor"],))
    samir = make_person("Samir", "Haddad", unit="CCPR", cases=(ccpr, ced, secret))
    url = f"/persons/{samir.id}"

    def cases_seen(page: str) -> set[str]:
        return {ref for ref in ("CCPR 1/2026", "CED 7/2026", "CCPR 9/2026") if ref in page}

    officer_page = login(users["officer"]).get(url).get_data(as_text=True)
    assert cases_seen(officer_page) == {"CCPR 1/2026"}
    assert "Threats against the family" not in officer_page

    secretariat_page = client_for(users["secretariat"]).get(url).get_data(as_text=True)
    assert cases_seen(secretariat_page) == {"CCPR 1/2026", "CED 7/2026"}

    assigned_page = client_for(users["supervisor"]).get(url).get_data(as_text=True)
    assert cases_seen(assigned_page) == {"CCPR 1/2026", "CCPR 9/2026"}


@pytest.mark.parametrize(("given", "family", "initials"), [
    ("Samir", "Haddad", "S.H."),
    ("Jean-Paul", "Mbeki Dlamini", "J.P.M.D."),
    ("", "Haddad", "H."),
])
def test_initials_stand_for_a_protected_name(given, family, initials):
    person = Person(given_names=given, family_name=family, protected_identity=True)
    assert person.initials == initials
    assert person.public_name == initials


def test_a_protected_person_shows_initials_and_every_view_is_audited(users, login, make_person):
    protected = make_person("Samir", "Haddad", protected=True)
    ordinary = make_person("Marta", "Quispe")
    client = login(users["officer"])

    page = client.get(f"/persons/{protected.id}").get_data(as_text=True)
    client.get(f"/persons/{protected.id}")
    client.get(f"/persons/{ordinary.id}")

    assert "protected identity · S.H." in page
    views = _events("view", protected)
    assert [e.actor_id for e in views] == [users["officer"].id, users["officer"].id]
    assert _events("view", ordinary) == []


def test_editing_a_person_records_the_changed_fields_before_and_after(units, users, login, make_person):
    samir = make_person("Samir", "Haddad", sex=Sex.MALE, date_of_birth=date(1980, 4, 2),
                        contact="c/o counsel in Beirut",
                        names=(("Sameer Hadad", ""), ("سمير حداد", "Arabic")))
    client = login(users["officer"])
    assert client.get(f"/persons/{samir.id}/edit").status_code == 200

    response = client.post(f"/persons/{samir.id}/edit",
                           data=_form(units, family_name="Haddad-Khoury", contact="Geneva office"))

    assert response.status_code == 303
    [update] = _events("update", samir)
    assert update.actor_id == users["officer"].id
    assert update.changes == {
        "family_name": ["Haddad", "Haddad-Khoury"],
        "contact": ["c/o counsel in Beirut", "Geneva office"],
    }
    page = client.get(f"/persons/{samir.id}").get_data(as_text=True)
    assert "Samir HADDAD-KHOURY" in page


def test_a_person_of_a_confidential_case_is_hidden_from_the_rest_of_the_unit(users, client_for, make_person,
                                                                             make_case):
    secret = make_case(confidential=True, assigned=(users["officer"],))
    person = make_person("Leyla", "Qasemi", cases=(secret,), contact="safe house address")
    for role in ("viewer", "supervisor"):  # same unit, not assigned
        browser = client_for(users[role])
        assert browser.get(f"/persons/{person.id}").status_code == 404
        assert "No persons match." in browser.get("/persons/?q=Qasemi").get_data(as_text=True)
        assert browser.get(f"/persons/{person.id}/edit").status_code == 404
    assert client_for(users["officer"]).get(f"/persons/{person.id}").status_code == 200


def test_names_compare_without_accents_case_or_order():
    from casework.core.persons import fold_name

    assert fold_name("José Ángel PÉREZ") == fold_name("Perez, Jose  Angel") == "angel jose perez"
    assert fold_name("Łukasz Wróbel") != fold_name("Lukas Wrobel")  # a different name stays different


def test_the_registry_counts_to_the_bound_and_still_pages_past_it(app, users, login, make_person, monkeypatch):
    """Past the bound the registry says "more than", and the reader still reaches every person."""
    monkeypatch.setitem(app.config, "COUNT_BOUND", 3)
    for family in ("Abad", "Bello", "Cano", "Diaz", "Eche"):
        make_person("Ana", family, unit="CED")
    client = login(users["outsider"])

    first = client.get("/persons/").get_data(as_text=True)
    assert "More than 3 records" in first and "5 records" not in first
    assert all(f"Ana {family.upper()}" in first for family in ("ABAD", "BELLO", "CANO", "DIAZ", "ECHE"))
    monkeypatch.setitem(app.config, "COUNT_BOUND", 10)
    assert "5 records" in client.get("/persons/").get_data(as_text=True)


def test_the_registry_asks_the_same_number_of_questions_for_two_nationalities_as_for_six(users, login, make_person):
    """Each row shows the person's nationality: read for the whole page at once, not row by row."""
    nations = [State(iso2=f"Q{i}", iso3=f"QQ{i}", name=f"Nation {i}", un_status=UNStatus.MEMBER,
                     mission_name=f"Permanent Mission of Nation {i}") for i in range(6)]
    db.session.add_all(nations)
    db.session.commit()
    client = login(users["outsider"])
    for nation in nations[:2]:
        make_person("Ana", nation.name.replace(" ", ""), unit="CED", nationality=nation)
    few = statements_sent(client, "/persons/")
    for nation in nations[2:]:
        make_person("Ana", nation.name.replace(" ", ""), unit="CED", nationality=nation)
    assert statements_sent(client, "/persons/") == few
    listed = client.get("/persons/").get_data(as_text=True)
    assert all(f"Nation {i}" in listed for i in range(6))
