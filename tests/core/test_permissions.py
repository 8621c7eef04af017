"""The one policy, in both its forms: a check on one case and a filter on every query."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from casework.core.cases import Case
from casework.core.permissions import Permission, can, filter_visible, units_where, visible_cases
from casework.extensions import db

P = Permission
# role → permissions on an open (non-confidential) CCPR case
OPEN_CASE = {
    "viewer": {P.VIEW},
    "officer": {P.VIEW, P.CREATE, P.EDIT},
    "supervisor": {P.VIEW, P.CREATE, P.EDIT, P.APPROVE, P.ASSIGN},
    "outsider": set(),
    "secretariat": {P.VIEW},
    "auditor": {P.VIEW, P.VIEW_AUDIT},
    "admin": set(P),
}


@pytest.mark.parametrize("role", OPEN_CASE)
def test_truth_table_for_an_open_case(role, users, make_case):
    case = make_case()
    granted = {p for p in P if can(users[role], p, case)}
    assert granted == OPEN_CASE[role]


@pytest.mark.parametrize("role", OPEN_CASE)
def test_confidential_case_only_for_assigned_and_admin(role, users, make_case):
    case = make_case(confidential=True)
    expected = set(P) if role == "admin" else set()
    assert {p for p in P if can(users[role], p, case)} == expected


def test_assignment_opens_a_confidential_case_with_the_unit_role(users, make_case):
    case = make_case(confidential=True, assigned=(users["officer"], users["outsider"]))
    assert {p for p in P if can(users["officer"], p, case)} == OPEN_CASE["officer"]
    # Assigned from another unit: may read what they were given, nothing more.
    assert {p for p in P if can(users["outsider"], p, case)} == {P.VIEW}


def test_anonymous_and_disabled_users_may_do_nothing(users, make_case):
    from flask_login import AnonymousUserMixin

    case = make_case()
    assert not can(AnonymousUserMixin(), P.VIEW, case)
    users["supervisor"].active = False
    assert not can(users["supervisor"], P.VIEW, case)


def _count_visible(user) -> int:
    return db.session.scalar(filter_visible(select(func.count()).select_from(Case), user))


def test_filter_and_check_agree_on_every_case(users, make_case):
    cases = [
        make_case("CCPR"), make_case("CED", reference="S 3/2026"),
        make_case("CCPR", confidential=True, reference="S 4/2026", assigned=(users["viewer"],)),
        make_case("CED", confidential=True, reference="S 5/2026"),
    ]
    for role, user in users.items():
        listed = set(db.session.scalars(visible_cases(user)))
        checked = {c for c in cases if can(user, P.VIEW, c)}
        assert listed == checked, role
        assert _count_visible(user) == len(checked), role


def test_counts_never_include_confidential_cases_of_others(users, make_case):
    make_case("CCPR")
    make_case("CCPR", confidential=True, reference="S 6/2026")
    assert _count_visible(users["supervisor"]) == 1
    assert _count_visible(users["auditor"]) == 1
    assert _count_visible(users["secretariat"]) == 1
    assert _count_visible(users["admin"]) == 2


def test_units_where_a_case_may_be_created(users):
    assert [u.code for u in units_where(users["officer"], P.CREATE)] == ["CCPR"]
    assert units_where(users["viewer"], P.CREATE) == []
    assert [u.code for u in units_where(users["admin"], P.CREATE)] == ["CCPR", "CED", "OHCHR"]


def test_an_assignment_opens_an_open_case_to_someone_from_another_unit(users, make_case):
    case = make_case(assigned=(users["outsider"],))
    assert {p for p in P if can(users["outsider"], p, case)} == {P.VIEW}
    assert case in set(db.session.scalars(visible_cases(users["outsider"])))


def test_a_record_of_a_case_answers_as_its_case(users, make_case):
    from tests.sample_workflow import SampleCase

    secret = make_case(confidential=True, assigned=(users["officer"],))
    child = SampleCase(unit_id=secret.unit_id, status="draft", title="Letter", parent_id=secret.id)
    db.session.add(child)
    db.session.commit()
    for role, user in users.items():
        listed = child in set(db.session.scalars(visible_cases(user)))
        assert listed == can(user, P.VIEW, child) == can(user, P.VIEW, secret), role


def test_the_one_unit_form_of_the_policy_agrees_with_the_general_one(users, make_case, units):
    """`visible_in_unit` (used by long lists of one unit) shows exactly what `visibility_clause` shows."""
    from sqlalchemy import select

    from casework.core.permissions import visibility_clause, visible_in_unit
    from casework.extensions import db
    from tests.sample_workflow import SampleCase

    made = [
        make_case("CCPR", reference="open"),
        make_case("CCPR", confidential=True, reference="secret, assigned", assigned=(users["officer"],
                                                                                     users["outsider"])),
        make_case("CCPR", confidential=True, reference="secret"),
        make_case("CED", reference="CED open"),
        make_case("CED", confidential=True, reference="CED secret", assigned=(users["viewer"],)),
    ]
    assert len(made) == 5
    for name, user in users.items():
        for unit in units.values():
            in_unit = SampleCase.unit_id == unit.id
            general = set(db.session.scalars(select(SampleCase.reference).where(in_unit, visibility_clause(user))))
            one_unit = set(db.session.scalars(select(SampleCase.reference).where(
                in_unit, visible_in_unit(user, unit.id, SampleCase.id))))
            assert one_unit == general, (name, unit.code)
