"""Picking on the case page: a person linked by name (the type-ahead, or the name typed without
JavaScript), and cases found by their reference in the order an officer reads references."""
from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from casework.cases.lookup import find_cases, reference_order
from casework.core.persons import CasePerson
from casework.extensions import db
from tests.pages import form_with


def _picker_url(response, field_id: str) -> str:
    markup = response.get_data(as_text=True)
    tag = re.search(rf'<input[^>]*id="{re.escape(field_id)}"[^>]*>', markup).group(0)
    return html.unescape(re.search(r'data-picker="([^"]+)"', tag).group(1))


def _linked(case) -> list[tuple[int, str]]:
    return [(link.person_id, link.role.value) for link in
            db.session.scalars(select(CasePerson).where(CasePerson.case_id == case.id))]


def test_a_person_is_linked_by_choosing_their_name_in_the_picker(client, login, users, make_case, make_person):
    case = make_case("CCPR", reference="CCPR 2751/2016")
    person = make_person("Rosa Elena", "Quispe Mamani", names=(("Rosa Kispi", "Latn"),),
                         cases=(make_case("CCPR", reference="CCPR 12/2015"),))
    login(users["officer"])
    page = client.get(case.url)

    found = client.get(_picker_url(page, "person_id") + "&q=kispi").get_json()
    assert found == [{"value": person.id, "label": f"Rosa Elena QUISPE MAMANI (no. {person.id})"}]
    form = {**form_with(page, "person_id"), "person_id": [str(found[0]["value"])], "role": ["counsel"]}
    response = client.post(f"/cases/{case.id}/persons", data=form)

    assert response.status_code == 303
    assert _linked(case) == [(person.id, "counsel")]


def test_without_javascript_a_name_typed_links_the_only_person_of_that_name(client, login, users, make_case,
                                                                            make_person):
    case = make_case("CCPR", reference="CCPR 2751/2016")
    person = make_person("José Ángel", "Pérez", cases=(make_case("CCPR", reference="CCPR 12/2015"),))
    login(users["officer"])

    form = {**form_with(client.get(case.url), "person_id"), "person_id": ["jose perez"], "role": ["author"]}
    response = client.post(f"/cases/{case.id}/persons", data=form)

    assert response.status_code == 303
    assert _linked(case) == [(person.id, "author")]


def test_a_name_shared_by_two_persons_asks_for_the_number_and_keeps_what_was_typed(client, login, users,
                                                                                  make_case, make_person):
    case = make_case("CCPR", reference="CCPR 2751/2016")
    known = make_case("CCPR", reference="CCPR 12/2015")
    first = make_person("Ana", "Ruiz", cases=(known,))
    second = make_person("Ana María", "Ruiz", cases=(known,))
    login(users["officer"])

    form = {**form_with(client.get(case.url), "person_id"), "person_id": ["ana ruiz"], "role": ["author"]}
    response = client.post(f"/cases/{case.id}/persons", data=form)

    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert f"Ana RUIZ (no. {first.id})" in page and f"Ana María RUIZ (no. {second.id})" in page
    assert 'value="ana ruiz"' in page
    assert _linked(case) == []


def test_references_sort_by_series_then_year_then_number():
    typed = ["WGEID 10/2014", "WGEID 1/2015", "WGEID 2/2014", "CCPR 2751/2016", "CCPR 225/1987"]

    assert sorted(typed, key=reference_order) == [
        "CCPR 225/1987", "CCPR 2751/2016", "WGEID 2/2014", "WGEID 10/2014", "WGEID 1/2015"]


def test_the_case_picker_offers_references_in_order_and_only_cases_the_user_may_see(users, make_case):
    for reference in ("S 10/2014", "S 2/2014", "S 1/2015", "S 3/2014"):
        make_case("CCPR", reference=reference)
    make_case("CCPR", reference="S 4/2014", confidential=True)  # the officer is not assigned to it
    make_case("CED", reference="S 5/2014")  # another committee's

    found = [case.reference for case in find_cases(users["officer"], "/201")]

    assert found == ["S 2/2014", "S 3/2014", "S 10/2014", "S 1/2015"]


@pytest.mark.parametrize("typed, found", [
    ("s 10/2014", ["S 10/2014"]),
    ("S 1", ["S 10/2014", "S 1/2015", "AS 1/2013"]),  # those it begins, by year; then those it is in
    ("S 1/", ["S 1/2015", "AS 1/2013"]),
])
def test_the_reference_typed_in_full_comes_first_then_those_it_begins(users, make_case, typed, found):
    for reference in ("S 10/2014", "S 1/2015", "AS 1/2013"):
        make_case("CCPR", reference=reference)

    assert [case.reference for case in find_cases(users["officer"], typed)] == found
