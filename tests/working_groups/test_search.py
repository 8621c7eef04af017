"""Working-group cases in the search box: found by the person's name, whatever the accents, and
never by their source."""
from __future__ import annotations

from casework.search.query import search


def _found(user, text: str) -> set[tuple[str, int]]:
    return {(hit.kind, hit.object_id) for hit in search(user, text).hits}


def test_a_detention_case_is_found_by_the_detainees_name_and_place(users, make_detention):
    case = make_detention(family="Karimí")
    assert ("case", case.id) in _found(users["secretariat"], "karimi")
    assert ("case", case.id) in _found(users["officer"], "Central prison")


def test_a_disappearance_is_found_but_never_by_its_source(users, make_disappearance):
    case = make_disappearance(family="Lozano")
    assert ("case", case.id) in _found(users["officer"], "Lozano Tierra Blanca")
    for role in ("officer", "secretariat", "admin"):
        assert _found(users[role], "Quillbrook") == set(), role
