"""Search never reveals what the policy hides, for every role: not a confidential case, not a
reprisals case, not a CED author, not even in the count."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from casework.core.cases import Case
from casework.core.permissions import Permission, can
from casework.core.persons import Person, can_view_person
from casework.extensions import db
from casework.search import search
from casework.search.models import SearchDocument
from casework.search.query import document_visibility
from casework.urgent_actions.permissions import can_see_authors
from tests.routes import ROLES
from tests.search.conftest import AUTHOR_FAMILY, SECRET_WORD, VICTIM_FAMILY

SIGNED_IN_ROLES = ROLES[1:]


def _allowed(user, document: SearchDocument) -> bool:
    if document.kind == "person":
        return can_view_person(user, db.session.get(Person, document.object_id))
    return can(user, Permission.VIEW, db.session.get(Case, document.case_id))


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_search_shows_exactly_the_documents_the_policy_allows(role, world, users):
    user = users[role]
    documents = db.session.scalars(select(SearchDocument)).all()
    shown = set(db.session.scalars(select(SearchDocument.id).where(document_visibility(user))))
    assert len(documents) >= 10
    assert shown == {d.id for d in documents if _allowed(user, d)}


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_a_confidential_case_is_neither_shown_nor_counted(role, world, users):
    user = users[role]
    results = search(user, SECRET_WORD)
    allowed = can(user, Permission.VIEW, world.confidential)
    assert results.total == len(results.hits) == (1 if allowed else 0)
    assert allowed == (role == "admin")


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_a_reprisals_case_and_its_victim_are_neither_shown_nor_counted(role, world, users):
    user = users[role]
    results = search(user, VICTIM_FAMILY)
    if role == "admin":
        assert {h.kind for h in results.hits} == {"case", "person"}
    else:
        assert not can(user, Permission.VIEW, world.reprisal)
        assert (results.total, results.hits) == (0, [])
    assert search(user, "airport Geneva").total == (1 if role == "admin" else 0)


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_a_hidden_ced_author_is_not_revealed_through_the_urgent_action(role, world, users):
    user = users[role]
    results = search(user, AUTHOR_FAMILY)
    if can_see_authors(user, world.urgent_action):
        assert [(h.kind, h.object_id) for h in results.hits] == [("person", world.author.id)]
    else:
        assert (results.total, results.hits) == (0, [])
    # The urgent action itself is found by its disappeared person by whoever may read it.
    found = {(h.kind, h.object_id) for h in search(user, "Julio Mondragon").hits}
    assert (("case", world.urgent_action.id) in found) == can(user, Permission.VIEW, world.urgent_action)


def test_anonymous_finds_nothing(world):
    from flask_login import AnonymousUserMixin

    assert search(AnonymousUserMixin(), "garcia").total == 0
